// Pure: an X v2 post (with its expanded author) → IncomingMention.
import { IncomingMention } from '../../../../contracts';
import type { XTweet, XUser } from './x.schemas';

export function mapXTweet(tweet: XTweet, users: readonly XUser[] = []): IncomingMention | null {
  const user = users.find((u) => u.id === tweet.author_id);
  const metrics = tweet.public_metrics ?? {};
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
  const parsed = IncomingMention.safeParse({
    platform: 'x',
    externalId: tweet.id,
    url: user
      ? `https://x.com/${user.username}/status/${tweet.id}`
      : `https://x.com/i/web/status/${tweet.id}`,
    author: {
      handle: user?.username ?? tweet.author_id ?? 'unknown',
      name: user?.name ?? null,
      followers: user?.public_metrics?.followers_count ?? null,
      verified: user?.verified ?? false,
    },
    text: tweet.text,
    createdAt: tweet.created_at ?? new Date(snowflakeMs(tweet.id)).toISOString(),
    lang: tweet.lang && tweet.lang !== 'und' ? tweet.lang : null,
    engagement: {
      likes: metrics.like_count ?? 0,
      reposts: (metrics.retweet_count ?? 0) + (metrics.quote_count ?? 0),
      replies: metrics.reply_count ?? 0,
      views: metrics.impression_count ?? null,
    },
    replyTo: repliedTo,
    threadId: tweet.conversation_id && tweet.conversation_id !== tweet.id ? tweet.conversation_id : null,
  });
  return parsed.success ? parsed.data : null;
}

/** Milliseconds encoded in an X snowflake id. */
export function snowflakeMs(id: string): number {
  return Number((BigInt(id) >> 22n) + 1288834974657n);
}

/** Numeric comparison of decimal id strings (snowflakes exceed 2^53). */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
