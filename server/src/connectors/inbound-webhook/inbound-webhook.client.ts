// Standard Webhooks (v1.0.0) verification: `webhook-id`, `webhook-timestamp`, `webhook-signature`
// (space-separated `v1,<base64 HMAC-SHA256("{id}.{timestamp}.{body}")>`), a replay window both ways,
// and a bounded memory of recent ids so a redelivery is acknowledged without being ingested twice.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RecentKeys } from '../connector-utils';

export const replayToleranceSeconds = 5 * 60;

export type StandardWebhookFailure =
  'missing_headers' | 'bad_timestamp' | 'timestamp_out_of_window' | 'bad_signature' | 'bad_secret';

export interface StandardWebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Decodes `whsec_<base64>` (a bare base64 secret is accepted too). */
export function decodeSecret(secret: string): Buffer | null {
  const b64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  const key = Buffer.from(b64, 'base64');
  return key.length >= 24 ? key : null;
}

/** Signs like a Standard Webhooks sender (used by tests and by anyone wiring a tool to Firebreak). */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string | Buffer,
): string {
  const key = decodeSecret(secret);
  if (!key) throw new Error('The signing secret must be whsec_<base64> of at least 24 bytes.');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export function verifyStandardWebhook(
  secret: string,
  headers: StandardWebhookHeaders,
  rawBody: Buffer,
  now: Date = new Date(),
): { ok: true; id: string } | { ok: false; reason: StandardWebhookFailure } {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > replayToleranceSeconds) return { ok: false, reason: 'timestamp_out_of_window' };
  const key = decodeSecret(secret);
  if (!key) return { ok: false, reason: 'bad_secret' };
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
  for (const part of signature.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id };
  }
  return { ok: false, reason: 'bad_signature' };
}

/** Remembers delivered webhook ids per source for longer than the replay window. */
export class WebhookIdMemory {
  private readonly perSource = new Map<string, RecentKeys>();
  constructor(private readonly capacityPerSource = 20_000) {}
  seen(sourceId: string, id: string): boolean {
    return this.perSource.get(sourceId)?.has(id) ?? false;
  }
  remember(sourceId: string, id: string): void {
    let keys = this.perSource.get(sourceId);
    if (!keys) this.perSource.set(sourceId, (keys = new RecentKeys(this.capacityPerSource)));
    keys.add(id);
  }
}
