// Outbound webhooks signed per Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` with the `whsec_` secret.
import { randomUUID } from 'node:crypto';
import { type DeliveryResult, failed } from '../../domain/alerting/delivery';
import { decodeSecret, signStandardWebhook } from '../inbound-webhook/inbound-webhook.client';
import { postForDelivery } from './http-delivery';

export interface OutboundWebhookTarget {
  url: string;
  /** `whsec_<base64>` of at least 24 bytes. */
  signingSecret: string;
}

/**
 * POSTs `body` (already JSON) signed. `messageId` stays the same across retries of one alert so receivers can
 * drop redeliveries; the timestamp and signature are fresh on every attempt.
 */
export async function sendOutboundWebhook(
  target: OutboundWebhookTarget,
  messageId: string,
  body: string,
  now: Date = new Date(),
  timeoutMs?: number,
): Promise<DeliveryResult> {
  if (!decodeSecret(target.signingSecret)) {
    return failed('permanent', 'The signing secret must be whsec_<base64> of at least 24 bytes.');
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  return postForDelivery(target.url, body, {
    headers: {
      'webhook-id': messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signStandardWebhook(target.signingSecret, messageId, timestamp, body),
      'user-agent': 'Firebreak-Webhooks/1',
    },
    timeoutMs,
  });
}

export function newWebhookMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}
