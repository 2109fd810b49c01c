// The generic inbound webhook's body: one IncomingMention, or `{ mentions: IncomingMention[] }`.
// Items are validated one by one so a bad item never sinks the good ones.
import { z } from 'zod';
import { decodeSecret } from './inbound-webhook.client';

export const InboundWebhookBody = z.union([
  z.object({ mentions: z.array(z.unknown()).max(1_000) }),
  z.record(z.string(), z.unknown()),
]);

export const InboundWebhookCredentials = z.object({
  /** Standard Webhooks symmetric secret, `whsec_<base64>` (at least 24 bytes once decoded). */
  signingSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must look like whsec_<base64>')
    .refine((s) => decodeSecret(s) !== null, 'must be whsec_<base64> of at least 24 bytes'),
});
export type InboundWebhookCredentials = z.infer<typeof InboundWebhookCredentials>;
