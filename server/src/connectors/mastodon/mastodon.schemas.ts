// Mastodon Status entity (platforms.md §1.3), as streamed in `update` events and listed by REST timelines.
import { z } from 'zod';

export const MastodonAccount = z.object({
  id: z.string(),
  acct: z.string(),
  username: z.string().optional(),
  display_name: z.string().optional(),
  url: z.string().optional(),
  followers_count: z.number().int().min(0).optional(),
  bot: z.boolean().optional(),
});

export const MastodonStatus = z.object({
  id: z.string().min(1),
  uri: z.string().optional(),
  url: z.string().nullable().optional(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().optional(),
  language: z.string().nullable().optional(),
  visibility: z.string().optional(),
  in_reply_to_id: z.string().nullable().optional(),
  replies_count: z.number().int().min(0).optional(),
  reblogs_count: z.number().int().min(0).optional(),
  favourites_count: z.number().int().min(0).optional(),
  account: MastodonAccount,
  reblog: z.unknown().optional(),
});
export type MastodonStatus = z.infer<typeof MastodonStatus>;

export const MastodonCredentials = z.object({ accessToken: z.string().min(1) });
export type MastodonCredentials = z.infer<typeof MastodonCredentials>;
