// YouTube Data API v3 commentThreads.list (platforms.md §1.7).
import { z } from 'zod';

export const YouTubeCommentSnippet = z.object({
  videoId: z.string().optional(),
  channelId: z.string().optional(),
  textDisplay: z.string().optional(),
  textOriginal: z.string().optional(),
  authorDisplayName: z.string(),
  authorChannelUrl: z.string().optional(),
  authorChannelId: z.object({ value: z.string() }).optional(),
  likeCount: z.number().int().min(0).optional(),
  publishedAt: z.string(),
  updatedAt: z.string().optional(),
});

export const YouTubeCommentThread = z.object({
  kind: z.literal('youtube#commentThread').optional(),
  id: z.string(),
  snippet: z.object({
    videoId: z.string().optional(),
    channelId: z.string().optional(),
    topLevelComment: z.object({ id: z.string(), snippet: YouTubeCommentSnippet }),
    totalReplyCount: z.number().int().min(0).optional(),
  }),
});
export type YouTubeCommentThread = z.infer<typeof YouTubeCommentThread>;

export const YouTubeListResponse = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(z.unknown()),
});

export const YouTubeErrorBody = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional(), domain: z.string().optional() })).optional(),
  }),
});

export const YouTubeCredentials = z.object({ apiKey: z.string().min(10) });
