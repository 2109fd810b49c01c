// Meta webhooks are push: this glue verifies a delivery and hands its mentions to the sink (after commit).
import type { MentionSink } from '../connector';
import { verifyMetaSignature } from './meta.client';
import { mapMetaDelivery } from './meta.mapper';
import type { MetaWebhookCredentials } from './meta.schemas';

export type MetaDeliveryOutcome =
  | { ok: true; accepted: number; duplicates: number; skipped: number }
  | { ok: false; reason: 'bad_signature' | 'bad_json' | 'not_a_delivery' };

export async function receiveMetaDelivery(
  credentials: MetaWebhookCredentials,
  signatureHeader: string | undefined,
  rawBody: Buffer,
  sink: MentionSink,
  now: Date = new Date(),
): Promise<MetaDeliveryOutcome> {
  // Signature first, on the exact bytes received, before anything is parsed.
  if (!verifyMetaSignature(credentials.appSecret, signatureHeader, rawBody)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'bad_json' };
  }
  const mapped = mapMetaDelivery(body, now);
  if (!mapped) return { ok: false, reason: 'not_a_delivery' };
  if (mapped.mentions.length === 0 && mapped.skipped === 0) {
    return { ok: true, accepted: 0, duplicates: 0, skipped: 0 };
  }
  const { accepted, duplicates } = await sink.ingest({
    mentions: mapped.mentions,
    raw: mapped.raw,
    skipped: mapped.skipped,
    nextCursor: null,
  });
  return { ok: true, accepted, duplicates, skipped: mapped.skipped };
}
