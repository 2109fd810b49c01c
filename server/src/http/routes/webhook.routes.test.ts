// Route tests with a tiny recording MentionSink (our own interface at the boundary); the db test wires the real one.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { IngestBatch, MentionSink } from '../../connectors/connector';
import { signStandardWebhook } from '../../connectors/inbound-webhook/inbound-webhook.client';
import { signMetaBody } from '../../connectors/meta/meta.client';
import { registerErrorHandler } from '../plugins/error-handler';
import { webhookRoutes, type WebhookSource } from './webhook.routes';

class RecordingSink implements MentionSink {
  batches: IngestBatch[] = [];
  seen = new Set<string>();
  release: (() => void) | null = null;
  gate: Promise<void> | null = null;
  async ingest(batch: IngestBatch): Promise<{ accepted: number; duplicates: number }> {
    if (this.gate) await this.gate;
    this.batches.push(batch);
    let accepted = 0;
    for (const m of batch.mentions) {
      if (!this.seen.has(m.externalId) && this.seen.add(m.externalId)) accepted++;
    }
    return { accepted, duplicates: batch.mentions.length - accepted };
  }
}

const signingSecret = `whsec_${randomBytes(32).toString('base64')}`;
const appSecret = 'meta-app-secret-123';
const mention = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  platform: 'other',
  externalId: id,
  author: { handle: 'tool' },
  text: `mention ${id}`,
  createdAt: '2026-11-25T08:00:00Z',
  ...extra,
});

describe('webhook routes', () => {
  let app: FastifyInstance;
  let sink: RecordingSink;
  let clock = new Date('2026-11-25T08:00:00Z');
  const sources = new Map<string, WebhookSource>();

  before(async () => {
    app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    await app.register(webhookRoutes({ resolveSource: async (id) => sources.get(id), now: () => clock }));
  });
  after(async () => {
    await app.close();
  });
  beforeEach(() => {
    sink = new RecordingSink();
    clock = new Date('2026-11-25T08:00:00Z');
    sources.set('in1', { workspaceId: 'w', kind: 'inbound_webhook', credentials: { signingSecret }, sink });
    sources.set('meta1', {
      workspaceId: 'w',
      kind: 'meta_webhook',
      credentials: { appSecret, verifyToken: 'tok-1' },
      sink,
    });
  });

  const sendInbound = (
    body: unknown,
    opts: { id?: string; ts?: number; secret?: string; source?: string } = {},
  ) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const id = opts.id ?? `msg_${randomBytes(6).toString('hex')}`;
    const ts = opts.ts ?? Math.floor(clock.getTime() / 1000);
    return app.inject({
      method: 'POST',
      url: `/api/webhooks/inbound/${opts.source ?? 'in1'}`,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(opts.secret ?? signingSecret, id, ts, payload),
      },
      payload,
    });
  };

  it('ingests one signed mention and answers after the sink resolved', async () => {
    let released = false;
    sink.gate = new Promise((resolve) =>
      setTimeout(() => {
        released = true;
        resolve();
      }, 50),
    );
    const res = await sendInbound(mention('a1'));
    assert.equal(released, true);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { accepted: 1, duplicates: 0, duplicateDelivery: false, rejected: [] });
    assert.equal(sink.batches[0]!.mentions[0]!.externalId, 'a1');
  });

  it('ingests valid items of a batch and reports bad ones with index and field', async () => {
    const res = await sendInbound({
      mentions: [mention('b1'), mention('b2', { createdAt: 'soon' }), mention('b3'), { text: 1 }],
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.accepted, 2);
    assert.deepEqual(
      body.rejected.map((r: { index: number; field: string }) => [r.index, r.field]),
      [
        [1, 'createdAt'],
        [3, 'platform'],
      ],
    );
    assert.deepEqual(
      sink.batches[0]!.mentions.map((m) => m.externalId),
      ['b1', 'b3'],
    );
    assert.equal(sink.batches[0]!.skipped, 2);
  });

  it('answers 400 with issues when no item is valid, ingesting nothing', async () => {
    const res = await sendInbound({ mentions: [{ platform: 'x' }] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.equal(res.json().error.issues[0].path, '0.externalId');
    assert.equal(sink.batches.length, 0);
  });

  it('acknowledges a redelivered webhook-id with 200 without ingesting again', async () => {
    const first = await sendInbound(mention('c1'), { id: 'msg_fixed' });
    const again = await sendInbound(mention('c1'), { id: 'msg_fixed' });
    assert.equal(first.statusCode, 200);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().duplicateDelivery, true);
    assert.equal(sink.batches.length, 1);
  });

  it('refuses bad signatures, other secrets and stale or future timestamps with 401 invalid_token', async () => {
    const otherSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const now = Math.floor(clock.getTime() / 1000);
    for (const res of [
      await sendInbound(mention('d1'), { secret: otherSecret }),
      await sendInbound(mention('d1'), { ts: now - 301 }),
      await sendInbound(mention('d1'), { ts: now + 301 }),
      await app.inject({
        method: 'POST',
        url: '/api/webhooks/inbound/in1',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(mention('d1')),
      }),
    ]) {
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, 'invalid_token');
    }
    assert.equal(sink.batches.length, 0);
  });

  it('answers 404 for unknown sources and for a source of another kind', async () => {
    assert.equal((await sendInbound(mention('e1'), { source: 'nope' })).statusCode, 404);
    assert.equal((await sendInbound(mention('e1'), { source: 'meta1' })).statusCode, 404);
  });

  it('Meta: echoes hub.challenge for the right verify token, 403 otherwise', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/api/webhooks/meta/meta1?hub.mode=subscribe&hub.verify_token=tok-1&hub.challenge=1158201444',
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, '1158201444');
    const bad = await app.inject({
      method: 'GET',
      url: '/api/webhooks/meta/meta1?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    assert.equal(bad.statusCode, 403);
    assert.equal(bad.json().error.code, 'forbidden');
  });

  it('Meta: ingests a signed delivery and refuses a bad signature with 401', async () => {
    const payload = JSON.stringify({
      object: 'instagram',
      entry: [
        {
          id: '1784',
          time: 1764000200,
          changes: [
            {
              field: 'comments',
              value: {
                id: '178657',
                from: { id: '1', username: 'u' },
                media: { id: 'm1' },
                text: 'Pull the ad',
              },
            },
            { field: 'comments', value: { id: 42 } },
          ],
        },
      ],
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/webhooks/meta/meta1',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaBody(appSecret, payload),
      },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { accepted: 1, duplicates: 0, skipped: 1 });
    assert.equal(sink.batches[0]!.mentions[0]!.text, 'Pull the ad');
    const tampered = await app.inject({
      method: 'POST',
      url: '/api/webhooks/meta/meta1',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaBody(appSecret, payload),
      },
      payload: payload.replace('Pull', 'Keep'),
    });
    assert.equal(tampered.statusCode, 401);
    assert.equal(tampered.json().error.code, 'invalid_token');
    const unsigned = await app.inject({
      method: 'POST',
      url: '/api/webhooks/meta/meta1',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    assert.equal(unsigned.statusCode, 401);
    assert.equal(sink.batches.length, 1);
  });

  it('verifies the exact bytes received over a real socket (chunked, odd spacing and unicode kept)', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const payload = `{ "mentions" : [ ${JSON.stringify(mention('s1', { text: 'Acme ✓  "quoted"\n' }))} ] }`;
    const id = 'msg_socket';
    const ts = Math.floor(clock.getTime() / 1000);
    const encoder = new TextEncoder();
    const res = await fetch(`${address}/api/webhooks/inbound/in1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(signingSecret, id, ts, payload),
      },
      // Sent in two chunks (transfer-encoding: chunked).
      body: new ReadableStream({
        start(controller) {
          const bytes = encoder.encode(payload);
          controller.enqueue(bytes.slice(0, 10));
          controller.enqueue(bytes.slice(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { accepted: number }).accepted, 1);
    assert.equal(sink.batches[0]!.mentions[0]!.text, 'Acme ✓  "quoted"\n');
  });
});
