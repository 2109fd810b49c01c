// Meta Graph API webhook deliveries (platforms.md §1.6): Page `feed`/`mention` changes and Instagram
// `comments`/`live_comments`/`mentions`. Parsed loosely per change so one odd change never sinks the others.
import { z } from 'zod';

export const MetaChange = z.object({ field: z.string(), value: z.unknown() });

export const MetaEntry = z.object({
  id: z.string(),
  time: z.number().optional(),
  changes: z.array(z.unknown()).optional(),
});

export const MetaDelivery = z.object({
  object: z.string(),
  entry: z.array(z.unknown()),
});
export type MetaDelivery = z.infer<typeof MetaDelivery>;

const Unix = z.union([z.number(), z.string()]);

export const PageFeedValue = z.object({
  item: z.string(),
  verb: z.string(),
  comment_id: z.string().optional(),
  post_id: z.string().optional(),
  parent_id: z.string().optional(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  message: z.string().optional(),
  created_time: Unix.optional(),
});

export const PageMentionValue = z.object({
  item: z.string().optional(),
  verb: z.string().optional(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  sender_id: z.string().optional(),
  sender_name: z.string().optional(),
  message: z.string().optional(),
  created_time: Unix.optional(),
});

export const InstagramCommentValue = z.object({
  id: z.string(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  text: z.string(),
  media: z.object({ id: z.string(), media_product_type: z.string().optional() }).optional(),
  parent_id: z.string().optional(),
  ad_id: z.string().optional(),
  ad_title: z.string().optional(),
});

export const InstagramMentionValue = z.object({
  media_id: z.string(),
  comment_id: z.string().optional(),
});

export const MetaWebhookCredentials = z.object({
  /** The app secret: HMAC key of `X-Hub-Signature-256`. */
  appSecret: z.string().min(8),
  /** The token you typed into the app dashboard, echoed back in the verification handshake. */
  verifyToken: z.string().min(1),
});
export type MetaWebhookCredentials = z.infer<typeof MetaWebhookCredentials>;
