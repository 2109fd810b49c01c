// Pure: a Meta webhook delivery → IncomingMentions. Page feed comments/posts (add, edited), Page mentions,
// Instagram comments/live comments and mentions. Removals, reactions and shares are irrelevant (skipped).
import { IncomingMention } from '../../../../contracts';
import {
  InstagramCommentValue,
  InstagramMentionValue,
  MetaChange,
  MetaDelivery,
  MetaEntry,
  PageFeedValue,
  PageMentionValue,
} from './meta.schemas';

export interface MetaMapResult {
  mentions: IncomingMention[];
  raw: unknown[];
  /** Changes that were malformed or irrelevant. */
  skipped: number;
  malformed: number;
}

const postItems = new Set(['post', 'status', 'photo', 'video', 'share']);
const keptVerbs = new Set(['add', 'edited', 'edit']);

function toIso(time: number | string | undefined, fallback: number | undefined, now: Date): string {
  const n = typeof time === 'string' ? (/^\d+$/.test(time) ? Number(time) : Date.parse(time) / 1000) : time;
  const seconds = n != null && Number.isFinite(n) ? n : fallback;
  if (seconds == null || !Number.isFinite(seconds)) return now.toISOString();
  return new Date(seconds > 1e12 ? seconds : seconds * 1000).toISOString();
}

function facebookUrl(postId: string | undefined, commentId?: string): string | null {
  if (!postId) return null;
  const [pageId, postPart] = postId.includes('_') ? postId.split('_', 2) : [null, postId];
  const base = pageId
    ? `https://www.facebook.com/${pageId}/posts/${postPart}`
    : `https://www.facebook.com/${postPart}`;
  if (!commentId) return base;
  const commentPart = commentId.includes('_') ? commentId.split('_').pop()! : commentId;
  return `${base}?comment_id=${commentPart}`;
}

export function mapMetaDelivery(body: unknown, now: Date = new Date()): MetaMapResult | null {
  const delivery = MetaDelivery.safeParse(body);
  if (!delivery.success) return null;
  const result: MetaMapResult = { mentions: [], raw: [], skipped: 0, malformed: 0 };
  const object = delivery.data.object;
  for (const rawEntry of delivery.data.entry) {
    const entry = MetaEntry.safeParse(rawEntry);
    if (!entry.success) {
      result.skipped++;
      result.malformed++;
      continue;
    }
    for (const rawChange of entry.data.changes ?? []) {
      const change = MetaChange.safeParse(rawChange);
      const outcome = change.success
        ? mapChange(object, entry.data.id, entry.data.time, change.data.field, change.data.value, now)
        : 'malformed';
      if (outcome === 'malformed' || outcome === 'irrelevant') {
        result.skipped++;
        if (outcome === 'malformed') result.malformed++;
        continue;
      }
      const parsed = IncomingMention.safeParse(outcome);
      if (!parsed.success) {
        result.skipped++;
        result.malformed++;
        continue;
      }
      result.mentions.push(parsed.data);
      result.raw.push(rawChange);
    }
  }
  return result;
}

function mapChange(
  object: string,
  ownerId: string,
  entryTime: number | undefined,
  field: string,
  value: unknown,
  now: Date,
): Record<string, unknown> | 'malformed' | 'irrelevant' {
  if (object === 'page' && field === 'feed') {
    const v = PageFeedValue.safeParse(value);
    if (!v.success) return 'malformed';
    const f = v.data;
    if (!keptVerbs.has(f.verb)) return 'irrelevant';
    const isComment = f.item === 'comment';
    if (!isComment && !postItems.has(f.item)) return 'irrelevant';
    const externalId = isComment ? f.comment_id : f.post_id;
    if (!externalId || f.message == null) {
      return isComment || f.item === 'status' ? 'malformed' : 'irrelevant';
    }
    return {
      platform: 'facebook',
      externalId,
      url: facebookUrl(f.post_id, isComment ? f.comment_id : undefined),
      author: {
        handle: f.from?.id ?? 'unknown',
        name: f.from?.name ?? null,
        followers: null,
        verified: false,
      },
      text: f.message,
      createdAt: toIso(f.created_time, entryTime, now),
      replyTo: isComment ? (f.parent_id ?? f.post_id ?? null) : null,
      threadId: isComment ? (f.post_id ?? null) : null,
      isOwn: f.from?.id === ownerId,
    };
  }
  if (object === 'page' && field === 'mention') {
    const v = PageMentionValue.safeParse(value);
    if (!v.success) return 'malformed';
    const m = v.data;
    if (m.verb && !keptVerbs.has(m.verb)) return 'irrelevant';
    const externalId = m.comment_id ?? m.post_id;
    if (!externalId) return 'malformed';
    return {
      platform: 'facebook',
      externalId,
      url: facebookUrl(m.post_id, m.comment_id),
      author: {
        handle: m.sender_id ?? 'unknown',
        name: m.sender_name ?? null,
        followers: null,
        verified: false,
      },
      text: m.message ?? '',
      createdAt: toIso(m.created_time, entryTime, now),
      replyTo: m.comment_id ? (m.post_id ?? null) : null,
      threadId: m.comment_id ? (m.post_id ?? null) : null,
    };
  }
  if (object === 'instagram' && (field === 'comments' || field === 'live_comments')) {
    const v = InstagramCommentValue.safeParse(value);
    if (!v.success) return 'malformed';
    const c = v.data;
    return {
      platform: 'instagram',
      externalId: c.id,
      url: null,
      author: {
        handle: c.from?.username ?? c.from?.id ?? 'unknown',
        name: null,
        followers: null,
        verified: false,
      },
      text: c.text,
      createdAt: toIso(undefined, entryTime, now),
      replyTo: c.parent_id ?? c.media?.id ?? null,
      threadId: c.media?.id ?? null,
      isOwn: c.from?.id === ownerId,
    };
  }
  if (object === 'instagram' && field === 'mentions') {
    // The notification carries ids only; the text is fetched later through the Graph API (mentioned_comment).
    const v = InstagramMentionValue.safeParse(value);
    if (!v.success) return 'malformed';
    return {
      platform: 'instagram',
      externalId: v.data.comment_id ?? v.data.media_id,
      url: null,
      author: { handle: 'unknown', name: null, followers: null, verified: false },
      text: '',
      createdAt: toIso(undefined, entryTime, now),
      replyTo: v.data.comment_id ? v.data.media_id : null,
      threadId: v.data.comment_id ? v.data.media_id : null,
    };
  }
  return 'irrelevant';
}
