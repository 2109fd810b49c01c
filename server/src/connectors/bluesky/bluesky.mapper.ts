// Pure mapping of a Jetstream post-create event to IncomingMention.
import { IncomingMention } from '../../../../contracts';
import { BskyPostRecord, type JetstreamEvent, postCollection } from './bluesky.schemas';

export type BlueskyMapResult =
  | { ok: true; mention: IncomingMention }
  | { ok: false; reason: 'not_a_post_create' | 'malformed'; detail?: string | undefined };

/** The public web URL of a post. */
export function blueskyPostUrl(did: string, rkey: string): string {
  return `https://bsky.app/profile/${did}/post/${rkey}`;
}

export function mapJetstreamEvent(event: JetstreamEvent): BlueskyMapResult {
  const commit = event.commit;
  if (
    event.kind !== 'commit' ||
    !commit ||
    commit.operation !== 'create' ||
    commit.collection !== postCollection
  ) {
    return { ok: false, reason: 'not_a_post_create' };
  }
  const record = BskyPostRecord.safeParse(commit.record);
  if (!record.success) return { ok: false, reason: 'malformed', detail: record.error.issues[0]?.message };
  const post = record.data;
  const createdAt = new Date(post.createdAt);
  const parsed = IncomingMention.safeParse({
    platform: 'bluesky',
    externalId: `at://${event.did}/${postCollection}/${commit.rkey}`,
    url: blueskyPostUrl(event.did, commit.rkey),
    // Jetstream carries the DID only; handles resolve separately, so the DID is the stable handle.
    author: { handle: event.did, name: null, followers: null, verified: false },
    text: post.text,
    createdAt: Number.isNaN(createdAt.getTime())
      ? new Date(event.time_us / 1000).toISOString()
      : createdAt.toISOString(),
    lang: post.langs?.[0] ?? null,
    engagement: { likes: 0, reposts: 0, replies: 0, views: null },
    replyTo: post.reply?.parent.uri ?? null,
    threadId: post.reply?.root.uri ?? null,
  });
  if (!parsed.success) return { ok: false, reason: 'malformed', detail: parsed.error.issues[0]?.message };
  return { ok: true, mention: parsed.data };
}
