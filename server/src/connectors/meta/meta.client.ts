// Meta webhook security: the GET verification handshake and the `X-Hub-Signature-256` HMAC of the raw body.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signMetaBody(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Constant-time check of `sha256=<hex>` against the raw body. */
export function verifyMetaSignature(appSecret: string, header: string | undefined, rawBody: Buffer): boolean {
  if (!header) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The challenge to echo when the handshake is valid, else null. */
export function metaHandshake(
  verifyToken: string,
  query: Record<string, unknown>,
): { ok: true; challenge: string } | { ok: false; reason: 'bad_mode' | 'bad_token' | 'missing_challenge' } {
  if (query['hub.mode'] !== 'subscribe') return { ok: false, reason: 'bad_mode' };
  const token = query['hub.verify_token'];
  const a = Buffer.from(typeof token === 'string' ? token : '');
  const b = Buffer.from(verifyToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'bad_token' };
  const challenge = query['hub.challenge'];
  if (typeof challenge !== 'string' || challenge === '') return { ok: false, reason: 'missing_challenge' };
  return { ok: true, challenge };
}
