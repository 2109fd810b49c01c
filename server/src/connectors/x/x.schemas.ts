// X API v2 filtered stream payloads (platforms.md §1.5), parsed at the edge.
import { z } from 'zod';

const PublicMetrics = z.object({
  retweet_count: z.number().int().min(0).optional(),
  reply_count: z.number().int().min(0).optional(),
  like_count: z.number().int().min(0).optional(),
  quote_count: z.number().int().min(0).optional(),
  bookmark_count: z.number().int().min(0).optional(),
  impression_count: z.number().int().min(0).optional(),
});

export const XTweet = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  public_metrics: PublicMetrics.optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  edit_history_tweet_ids: z.array(z.string()).optional(),
});
export type XTweet = z.infer<typeof XTweet>;

export const XUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  verified: z.boolean().optional(),
  public_metrics: z.object({ followers_count: z.number().int().min(0).optional() }).optional(),
});
export type XUser = z.infer<typeof XUser>;

export const XIncludes = z.object({ users: z.array(XUser).optional() });

/** One line of the stream: a matched post, or an in-stream error (e.g. operational-disconnect). */
export const XStreamMessage = z.object({
  data: XTweet.optional(),
  includes: XIncludes.optional(),
  matching_rules: z.array(z.object({ id: z.string(), tag: z.string().optional() })).optional(),
  errors: z
    .array(
      z.object({ title: z.string().optional(), detail: z.string().optional(), type: z.string().optional() }),
    )
    .optional(),
});
export type XStreamMessage = z.infer<typeof XStreamMessage>;

export const XRule = z.object({ id: z.string(), value: z.string(), tag: z.string().optional() });
export type XRule = z.infer<typeof XRule>;

export const XRulesResponse = z.object({
  data: z.array(XRule).optional(),
  meta: z.object({ result_count: z.number().optional() }).optional(),
});

export const XRulesPostResponse = z.object({
  data: z.array(XRule).optional(),
  meta: z.object({ summary: z.record(z.string(), z.number()).optional() }).optional(),
  errors: z
    .array(
      z.object({ title: z.string().optional(), value: z.string().optional(), detail: z.string().optional() }),
    )
    .optional(),
});

export const XSearchResponse = z.object({
  data: z.array(z.unknown()).optional(),
  includes: XIncludes.optional(),
  meta: z.object({
    newest_id: z.string().optional(),
    next_token: z.string().optional(),
    result_count: z.number().optional(),
  }),
});

export const XStreamCredentials = z.object({ bearerToken: z.string().min(10) });
export type XStreamCredentials = z.infer<typeof XStreamCredentials>;
