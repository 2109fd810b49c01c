// The bell's list as data: a new notification goes on top (once), a read one is replaced in place, the
// unread count, and where clicking one leads inside the app. Pure.
import type { Notification } from '@contracts';

/** Newest first; `incoming` replaces one with the same id, and the list keeps at most `limit`. */
export function addNotification(
  list: readonly Notification[],
  incoming: Notification,
  limit: number,
): Notification[] {
  const rest = list.filter((n) => n.id !== incoming.id);
  const next = [incoming, ...rest].sort((a, b) =>
    a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? 1 : -1,
  );
  return next.slice(0, limit);
}

/** Replaces the one with the same id (e.g. after marking it read); unknown ids leave the list alone. */
export function replaceNotification(list: readonly Notification[], updated: Notification): Notification[] {
  return list.map((n) => (n.id === updated.id ? updated : n));
}

export function unreadCount(list: readonly Notification[]): number {
  return list.reduce((n, item) => n + (item.readAt === null ? 1 : 0), 0);
}

/** "9+" above nine, so the badge stays small. */
export function badgeLabel(count: number): string {
  return count > 9 ? '9+' : String(count);
}

/**
 * The in-app path of a notification's link when it points at this app (same origin), so it opens without a
 * reload; null for a link elsewhere (opened as a normal link).
 */
export function inAppPath(url: string, origin: string): string | null {
  try {
    const target = new URL(url);
    if (target.origin !== new URL(origin).origin) return null;
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return null;
  }
}

/**
 * Where a notification leads: the page of its subject when we know one (a signal), else its message link.
 * Returns an in-app path, or an absolute URL elsewhere.
 */
export function notificationTarget(n: Notification, origin: string): { path: string } | { href: string } {
  if (n.subjectType === 'signal') return { path: `/signals/${encodeURIComponent(n.subjectId)}` };
  const path = inAppPath(n.message.url, origin);
  return path !== null ? { path } : { href: n.message.url };
}
