/**
 * Puts `item` into `items` by id: replaces the one with the same id in place, or appends it. When `keep`
 * says the item no longer belongs (e.g. a brand archived while archived ones are hidden), removes it.
 * Returns the same array when nothing changed, so React Query keeps its reference.
 */
export function upsertById<T extends { id: string }>(
  items: readonly T[],
  item: T,
  keep: (item: T) => boolean = () => true,
): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  const belongs = keep(item);
  if (index === -1) return belongs ? [...items, item] : (items as T[]);
  if (!belongs) return items.filter((existing) => existing.id !== item.id);
  const next = items.slice();
  next[index] = item;
  return next;
}

/** Sorts by a string key, locale-aware and case-insensitive, without mutating. */
export function sortByText<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => key(a).localeCompare(key(b), undefined, { sensitivity: 'base' }));
}
