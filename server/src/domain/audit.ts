/** The audit summary of an update: each changed field with its old and new value. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  patch: { [K in keyof T]?: T[K] | undefined },
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(patch) as (keyof T & string)[]) {
    const to = patch[key];
    if (to === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(to)) changes[key] = { from: before[key], to };
  }
  return changes;
}
