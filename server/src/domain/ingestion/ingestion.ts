// Pure pieces of the ingestion pipeline: normalise, dedupe within a batch, reach, rollup increments.
import type { IncomingMention } from '../../../../contracts';

/** Language tags we keep (`en`, `pt-BR`, `zh-Hant`); anything else is unknown (null). */
const langPattern = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

export function normaliseLang(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const v = lang.trim().replace(/_/g, '-');
  if (!langPattern.test(v)) return null;
  const [primary, ...rest] = v.split('-');
  return [primary!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces a lone UTF-16 surrogate (half an emoji, cut by a truncating source) with U+FFFD, as UTF-8 does. */
export function wellFormed(s: string): string {
  return s.replace(loneSurrogate, '\ufffd');
}

/** Trims and canonicalises what sources disagree on; leaves the meaning alone. */
export function normaliseMention(m: IncomingMention): IncomingMention {
  return {
    ...m,
    externalId: m.externalId.trim(),
    // Well-formed first: the live event and the database's JSON would refuse a lone surrogate (the whole batch).
    text: wellFormed(m.text).normalize('NFC'),
    lang: normaliseLang(m.lang),
    author: {
      ...m.author,
      handle: m.author.handle.trim(),
      name: m.author.name === null ? null : wellFormed(m.author.name),
    },
  };
}

export const dedupeKey = (m: { platform: string; externalId: string }) =>
  `${m.platform}\u0000${m.externalId}`;

/**
 * Keeps one copy of each (platform, externalId) in a batch: the first, with the largest engagement counts seen among
 * its copies. `index[i]` is the position in the input of the kept mention `mentions[i]` (to find its raw payload).
 */
export function dedupeBatch(input: readonly IncomingMention[]): {
  mentions: IncomingMention[];
  index: number[];
  duplicates: number;
} {
  const seen = new Map<string, number>();
  const mentions: IncomingMention[] = [];
  const index: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const m = input[i]!;
    const key = dedupeKey(m);
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, mentions.length);
      mentions.push(m);
      index.push(i);
      continue;
    }
    const base = mentions[at]!;
    mentions[at] = {
      ...base,
      engagement: {
        likes: Math.max(base.engagement.likes, m.engagement.likes),
        reposts: Math.max(base.engagement.reposts, m.engagement.reposts),
        replies: Math.max(base.engagement.replies, m.engagement.replies),
        views:
          base.engagement.views === null && m.engagement.views === null
            ? null
            : Math.max(base.engagement.views ?? 0, m.engagement.views ?? 0),
      },
    };
  }
  return { mentions, index, duplicates: input.length - mentions.length };
}

/**
 * Estimated reach: how many people may have seen the mention. The author's followers (the post's own audience),
 * plus an audience per interaction: each repost puts it before the reposter's followers (counted as 50 people, a
 * typical small account), each reply before about 3 and each like before about 5 (platforms surface liked and
 * replied posts to some followers). When the platform reports views, reach is never below them.
 *   reach = max(views, followers + 50·reposts + 5·likes + 3·replies)
 */
export function estimateReach(
  followers: number | null,
  e: { likes: number; reposts: number; replies: number; views: number | null },
): number {
  const estimate = (followers ?? 0) + 50 * e.reposts + 5 * e.likes + 3 * e.replies;
  return Math.max(estimate, e.views ?? 0);
}

/** `2026-11-25T07:16:47.123Z` → `2026-11-25T07:16:00.000Z`. */
export function minuteOf(iso: string): string {
  const t = Date.parse(iso);
  return new Date(t - (((t % 60_000) + 60_000) % 60_000)).toISOString();
}

export interface RollupInput {
  brandIds: readonly string[];
  platform: string;
  createdAt: string;
  negative: boolean;
  reach: number;
}

export interface RollupIncrement {
  brandId: string;
  platform: string;
  bucket: string;
  count: number;
  negativeCount: number;
  reach: number;
  /** Reach-weighted negativity: Σ log10(1 + reach) over the negative mentions. */
  negativeWeight: number;
}

/** Sums new mentions per brand × platform × minute (a mention of two brands counts for each). */
export function rollupIncrements(rows: readonly RollupInput[]): RollupIncrement[] {
  const out = new Map<string, RollupIncrement>();
  for (const r of rows) {
    const bucket = minuteOf(r.createdAt);
    for (const brandId of r.brandIds) {
      const key = `${brandId}|${r.platform}|${bucket}`;
      let inc = out.get(key);
      if (!inc) {
        inc = {
          brandId,
          platform: r.platform,
          bucket,
          count: 0,
          negativeCount: 0,
          reach: 0,
          negativeWeight: 0,
        };
        out.set(key, inc);
      }
      inc.count++;
      if (r.negative) {
        inc.negativeCount++;
        inc.negativeWeight += Math.log10(1 + Math.max(0, r.reach));
      }
      inc.reach += r.reach;
    }
  }
  return [...out.values()];
}
