import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeSecret, signStandardWebhook, verifyStandardWebhook } from './inbound-webhook.client';
import { mapInboundWebhookBody } from './inbound-webhook.mapper';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const other = `whsec_${randomBytes(32).toString('base64')}`;
const body = Buffer.from('{"hello":"world"}');
const now = new Date('2026-11-25T08:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

describe('Standard Webhooks verification', () => {
  it('accepts a v1 signature, also among several (key rotation)', () => {
    const sig = signStandardWebhook(secret, 'msg_1', ts, body);
    assert.deepEqual(
      verifyStandardWebhook(secret, { id: 'msg_1', timestamp: String(ts), signature: sig }, body, now),
      { ok: true, id: 'msg_1' },
    );
    const rotated = `${signStandardWebhook(other, 'msg_1', ts, body)} v1a,xyz ${sig}`;
    assert.equal(
      verifyStandardWebhook(secret, { id: 'msg_1', timestamp: String(ts), signature: rotated }, body, now).ok,
      true,
    );
  });

  it('refuses a tampered body, id or timestamp and a wrong secret', () => {
    const sig = signStandardWebhook(secret, 'msg_1', ts, body);
    const check = (id: string, t: number, b: Buffer, s = secret): unknown =>
      verifyStandardWebhook(s, { id, timestamp: String(t), signature: sig }, b, now);
    assert.deepEqual(check('msg_1', ts, Buffer.from('{"hello":"World"}')), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(check('msg_2', ts, body), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(check('msg_1', ts + 1, body), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(check('msg_1', ts, body, other), { ok: false, reason: 'bad_signature' });
  });

  it('refuses timestamps more than 5 minutes away in either direction', () => {
    for (const offset of [-301, 301]) {
      const t = ts + offset;
      const sig = signStandardWebhook(secret, 'm', t, body);
      assert.deepEqual(
        verifyStandardWebhook(secret, { id: 'm', timestamp: String(t), signature: sig }, body, now),
        {
          ok: false,
          reason: 'timestamp_out_of_window',
        },
      );
    }
    const t = ts - 299;
    const sig = signStandardWebhook(secret, 'm', t, body);
    assert.equal(
      verifyStandardWebhook(secret, { id: 'm', timestamp: String(t), signature: sig }, body, now).ok,
      true,
    );
  });

  it('refuses missing headers and short secrets', () => {
    assert.deepEqual(
      verifyStandardWebhook(secret, { id: 'm', timestamp: undefined, signature: 'v1,x' }, body, now),
      {
        ok: false,
        reason: 'missing_headers',
      },
    );
    assert.equal(decodeSecret(`whsec_${Buffer.alloc(10).toString('base64')}`), null);
  });
});

describe('inbound webhook body mapping', () => {
  const good = {
    platform: 'x',
    externalId: '1',
    author: { handle: 'bob' },
    text: 'hello @acme',
    createdAt: '2026-11-25T08:00:00Z',
  };
  it('accepts a single mention with defaults', () => {
    const result = mapInboundWebhookBody(good);
    assert.equal(result.errors.length, 0);
    assert.equal(result.mentions[0]!.engagement.likes, 0);
  });
  it('reports each bad item with its index and field, keeping the good ones', () => {
    const result = mapInboundWebhookBody({
      mentions: [
        good,
        { ...good, externalId: '2', createdAt: 'yesterday' },
        { ...good, externalId: '3' },
        { ...good, platform: 'myspace' },
      ],
    });
    assert.deepEqual(
      result.mentions.map((m) => m.externalId),
      ['1', '3'],
    );
    assert.deepEqual(
      result.errors.map((e) => [e.index, e.field]),
      [
        [1, 'createdAt'],
        [3, 'platform'],
      ],
    );
  });
  it('reports a non-array mentions field', () => {
    assert.deepEqual(mapInboundWebhookBody({ mentions: 'x' }).errors, [
      { index: 0, field: 'mentions', message: 'must be an array' },
    ]);
  });
});
