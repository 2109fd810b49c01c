// Reddit Listing JSON (platforms.md §1.4): posts (t3) and comments (t1).
import { z } from 'zod';

export const RedditThing = z.object({ kind: z.string(), data: z.unknown() });

export const RedditListing = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullable().optional(),
    before: z.string().nullable().optional(),
    children: z.array(z.unknown()),
  }),
});

export const RedditPost = z.object({
  id: z.string(),
  name: z.string().regex(/^t3_/),
  title: z.string(),
  selftext: z.string().optional(),
  author: z.string(),
  subreddit: z.string().optional(),
  created_utc: z.number(),
  score: z.number().optional(),
  num_comments: z.number().optional(),
  permalink: z.string(),
  url: z.string().optional(),
  over_18: z.boolean().optional(),
});
export type RedditPost = z.infer<typeof RedditPost>;

export const RedditComment = z.object({
  id: z.string(),
  name: z.string().regex(/^t1_/),
  body: z.string(),
  author: z.string(),
  created_utc: z.number(),
  score: z.number().optional(),
  permalink: z.string().optional(),
  parent_id: z.string().optional(),
  link_id: z.string().optional(),
});
export type RedditComment = z.infer<typeof RedditComment>;

export const RedditCredentials = z.object({
  /** Optional OAuth bearer token (application-only or script app); without it the public .json limits apply. */
  accessToken: z.string().min(1).optional(),
});
