// Jetstream v1 `/subscribe` event shapes (platforms.md §1.1), parsed at the edge.
import { z } from 'zod';

const StrongRef = z.object({ uri: z.string(), cid: z.string().optional() });

export const BskyPostRecord = z.object({
  $type: z.literal('app.bsky.feed.post').optional(),
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).max(3).optional(),
  reply: z.object({ root: StrongRef, parent: StrongRef }).optional(),
});
export type BskyPostRecord = z.infer<typeof BskyPostRecord>;

export const JetstreamCommit = z.object({
  rev: z.string().optional(),
  operation: z.enum(['create', 'update', 'delete']),
  collection: z.string(),
  rkey: z.string().min(1),
  cid: z.string().optional(),
  record: z.unknown().optional(),
});

/** Any Jetstream event: only `kind: "commit"` carries posts; `identity`/`account` are always delivered on v1. */
export const JetstreamEvent = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().positive(),
  kind: z.string(),
  commit: JetstreamCommit.optional(),
});
export type JetstreamEvent = z.infer<typeof JetstreamEvent>;

export const postCollection = 'app.bsky.feed.post';
