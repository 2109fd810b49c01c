// Pure: a YouTube comment thread's top-level comment → IncomingMention.
import { IncomingMention } from '../../../../contracts';
import type { YouTubeCommentThread } from './youtube.schemas';

export function mapYouTubeThread(
  thread: YouTubeCommentThread,
  ownChannelId?: string,
): IncomingMention | null {
  const comment = thread.snippet.topLevelComment;
  const s = comment.snippet;
  const videoId = s.videoId ?? thread.snippet.videoId;
  const created = new Date(s.publishedAt);
  if (Number.isNaN(created.getTime())) return null;
  const parsed = IncomingMention.safeParse({
    platform: 'youtube',
    externalId: comment.id,
    url: videoId ? `https://www.youtube.com/watch?v=${videoId}&lc=${comment.id}` : null,
    author: {
      handle:
        s.authorChannelUrl?.match(/\/(@[^/?#]+)/)?.[1] ?? s.authorChannelId?.value ?? s.authorDisplayName,
      name: s.authorDisplayName,
      followers: null,
      verified: false,
    },
    text: s.textOriginal ?? s.textDisplay ?? '',
    createdAt: created.toISOString(),
    engagement: {
      likes: s.likeCount ?? 0,
      reposts: 0,
      replies: thread.snippet.totalReplyCount ?? 0,
      views: null,
    },
    replyTo: videoId ?? null,
    threadId: videoId ?? null,
    isOwn: ownChannelId != null && s.authorChannelId?.value === ownChannelId,
  });
  return parsed.success ? parsed.data : null;
}
