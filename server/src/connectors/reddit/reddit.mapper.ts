// Pure: a Reddit Listing child (t3 post or t1 comment) → IncomingMention.
import { IncomingMention } from '../../../../contracts';
import { RedditComment, RedditPost, RedditThing } from './reddit.schemas';

export type RedditMapResult =
  { ok: true; mention: IncomingMention; fullname: string; createdUtc: number } | { ok: false };

const permalinkUrl = (permalink: string): string =>
  permalink.startsWith('http') ? permalink : `https://www.reddit.com${permalink}`;

export function mapRedditThing(child: unknown): RedditMapResult {
  const thing = RedditThing.safeParse(child);
  if (!thing.success) return { ok: false };
  let candidate: unknown;
  let fullname: string;
  let createdUtc: number;
  if (thing.data.kind === 't3') {
    const post = RedditPost.safeParse(thing.data.data);
    if (!post.success) return { ok: false };
    const p = post.data;
    fullname = p.name;
    createdUtc = p.created_utc;
    candidate = {
      platform: 'reddit',
      externalId: p.name,
      url: permalinkUrl(p.permalink),
      author: { handle: `u/${p.author}`, name: null, followers: null, verified: false },
      text: p.selftext ? `${p.title}\n\n${p.selftext}` : p.title,
      createdAt: new Date(p.created_utc * 1000).toISOString(),
      engagement: {
        likes: Math.max(0, Math.round(p.score ?? 0)),
        reposts: 0,
        replies: Math.max(0, p.num_comments ?? 0),
        views: null,
      },
    };
  } else if (thing.data.kind === 't1') {
    const comment = RedditComment.safeParse(thing.data.data);
    if (!comment.success) return { ok: false };
    const c = comment.data;
    fullname = c.name;
    createdUtc = c.created_utc;
    candidate = {
      platform: 'reddit',
      externalId: c.name,
      url: c.permalink ? permalinkUrl(c.permalink) : null,
      author: { handle: `u/${c.author}`, name: null, followers: null, verified: false },
      text: c.body,
      createdAt: new Date(c.created_utc * 1000).toISOString(),
      engagement: { likes: Math.max(0, Math.round(c.score ?? 0)), reposts: 0, replies: 0, views: null },
      replyTo: c.parent_id ?? null,
      threadId: c.link_id ?? null,
    };
  } else return { ok: false };
  const parsed = IncomingMention.safeParse(candidate);
  return parsed.success ? { ok: true, mention: parsed.data, fullname, createdUtc } : { ok: false };
}
