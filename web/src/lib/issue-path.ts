/**
 * Splits an issue path from the API ("handles.x.0", "/handles/x/0" or "body.handles.x.0") or from zod
 * (["handles", "x", 0]) into string segments, without the leading "body".
 */
export function issuePathSegments(path: string | readonly PropertyKey[]): string[] {
  const segments =
    typeof path === 'string'
      ? path.split(/[./[\]]+/).filter(Boolean)
      : path.map((segment) => String(segment));
  return segments[0] === 'body' ? segments.slice(1) : segments;
}
