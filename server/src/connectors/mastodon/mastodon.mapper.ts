// Pure: a Mastodon Status → IncomingMention. HTML content becomes plain text (tags stripped, entities decoded).
import { IncomingMention } from '../../../../contracts';
import type { MastodonStatus } from './mastodon.schemas';

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? whole;
    return named[lower] ?? whole;
  });
}

function safeCodePoint(n: number): string | undefined {
  return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/** Mastodon's HTML (p, br, a, span) → text with paragraph breaks. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `user@host` for every account (local accounts' acct lacks the host). */
function fullHandle(status: MastodonStatus): string {
  const { acct, url } = status.account;
  if (acct.includes('@') || !url) return acct;
  try {
    return `${acct}@${new URL(url).host}`;
  } catch {
    return acct;
  }
}

export function mapMastodonStatus(status: MastodonStatus): IncomingMention | null {
  if (status.reblog) return null; // a boost repeats another status; that one arrives on its own
  const created = new Date(status.created_at);
  if (Number.isNaN(created.getTime())) return null;
  const spoiler = status.spoiler_text ? `${status.spoiler_text}\n\n` : '';
  const parsed = IncomingMention.safeParse({
    platform: 'mastodon',
    // The URI is the same on every instance; local ids are not, so several instances dedupe to one mention.
    externalId: status.uri ?? status.url ?? status.id,
    url: status.url ?? status.uri ?? null,
    author: {
      handle: fullHandle(status),
      name: status.account.display_name || null,
      followers: status.account.followers_count ?? null,
      verified: false,
    },
    text: spoiler + htmlToText(status.content),
    createdAt: created.toISOString(),
    lang: status.language ?? null,
    engagement: {
      likes: status.favourites_count ?? 0,
      reposts: status.reblogs_count ?? 0,
      replies: status.replies_count ?? 0,
      views: null,
    },
    replyTo: status.in_reply_to_id ?? null,
  });
  return parsed.success ? parsed.data : null;
}

/** Numeric order of Mastodon's decimal id strings. */
export function compareStatusIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
