/** The @handle of a member: the part of their email before the @, lower-cased. */
export function mentionHandle(email: string): string {
  return email.split('@')[0]!.toLowerCase();
}

/** Members mentioned in a message body as @handle (their email's local part), each once, in order. */
export function extractMentions(
  body: string,
  members: ReadonlyArray<{ id: string; email: string }>,
): string[] {
  const byHandle = new Map(members.map((m) => [mentionHandle(m.email), m.id]));
  const found: string[] = [];
  for (const match of body.matchAll(/(^|[^\w.])@([\w.+-]+)/g)) {
    const handle = match[2]!.toLowerCase().replace(/[.]+$/, '');
    const id = byHandle.get(handle);
    if (id && !found.includes(id)) found.push(id);
  }
  return found;
}
