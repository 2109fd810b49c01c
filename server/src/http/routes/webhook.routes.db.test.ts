// The webhook routes wired to the real pipeline: source created through the API (credentials sealed),
// signed deliveries stored once, answered only after commit, paused sources refused.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/app';
import { signStandardWebhook } from '../../connectors/inbound-webhook/inbound-webhook.client';
import { signMetaBody } from '../../connectors/meta/meta.client';

describe('webhook routes with the real ingestion pipeline', () => {
  let t: TestApp;
  let admin: SignedIn;
  let inboundId: string;
  let metaId: string;
  const signingSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const appSecret = 'meta-app-secret-xyz';

  before(async () => {
    t = await createTestApp();
    admin = await t.signInAs('admin', 'pr');
    const brand = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: admin.headers,
      payload: { name: 'Acme', keywords: ['acme'] },
    });
    assert.equal(brand.statusCode, 201, brand.body);
    const create = async (payload: Record<string, unknown>): Promise<string> => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/sources',
        headers: admin.headers,
        payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(JSON.stringify(res.json()).includes(signingSecret), false, 'secret never returned');
      return res.json().id as string;
    };
    inboundId = await create({ kind: 'inbound_webhook', name: 'Zapier', credentials: { signingSecret } });
    metaId = await create({
      kind: 'meta_webhook',
      name: 'Facebook page',
      credentials: { appSecret, verifyToken: 'tok' },
    });
  });
  after(async () => {
    await t.close();
  });

  const mentions = async (): Promise<{ externalId: string; text: string; sourceId: string | null }[]> => {
    const res = await t.app.inject({ method: 'GET', url: '/api/mentions?limit=200', headers: admin.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().mentions;
  };
  const sendInbound = (body: unknown, id = `msg_${randomBytes(6).toString('hex')}`) => {
    const payload = JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    return t.app.inject({
      method: 'POST',
      url: `/api/webhooks/inbound/${inboundId}`,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(signingSecret, id, ts, payload),
      },
      payload,
    });
  };
  const mention = (id: string, text: string) => ({
    platform: 'news',
    externalId: id,
    author: { handle: 'newsdesk' },
    text,
    createdAt: new Date().toISOString(),
  });

  it('stores signed inbound mentions once (committed before the 200), reporting bad items', async () => {
    const res = await sendInbound({
      mentions: [
        mention('n1', 'Acme recalls the ad'),
        { platform: 'news' },
        mention('n2', 'Acme apologises'),
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 2);
    assert.deepEqual(
      res.json().rejected.map((r: { index: number }) => r.index),
      [1],
    );
    // Answered after commit: the mentions are readable right away.
    const stored = (await mentions()).filter((m) => m.externalId === 'n1' || m.externalId === 'n2');
    assert.equal(stored.length, 2);
    assert.equal(stored[0]!.sourceId, inboundId);

    const again = await sendInbound({ mentions: [mention('n1', 'Acme recalls the ad')] });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().duplicates, 1);
    assert.equal((await mentions()).filter((m) => m.externalId === 'n1').length, 1);
  });

  it('refuses a wrong signature and stores nothing', async () => {
    const payload = JSON.stringify(mention('n3', 'Acme forged'));
    const ts = Math.floor(Date.now() / 1000);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/webhooks/inbound/${inboundId}`,
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(
          `whsec_${randomBytes(32).toString('base64')}`,
          'msg_forged',
          ts,
          payload,
        ),
      },
      payload,
    });
    assert.equal(res.statusCode, 401);
    assert.equal(
      (await mentions()).some((m) => m.externalId === 'n3'),
      false,
    );
  });

  it('Meta: handshake and a signed Page comment delivery land in the store', async () => {
    const hs = await t.app.inject({
      method: 'GET',
      url: `/api/webhooks/meta/${metaId}?hub.mode=subscribe&hub.verify_token=tok&hub.challenge=42`,
    });
    assert.equal(hs.statusCode, 200);
    assert.equal(hs.body, '42');
    const payload = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                comment_id: 'PAGE_1_2',
                post_id: 'PAGE_1',
                from: { id: '9', name: 'Jane' },
                message: 'Acme, pull this ad',
                created_time: Math.floor(Date.now() / 1000),
              },
            },
          ],
        },
      ],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/webhooks/meta/${metaId}`,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaBody(appSecret, payload),
      },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accepted, 1);
    assert.ok((await mentions()).some((m) => m.externalId === 'PAGE_1_2' && m.text === 'Acme, pull this ad'));
  });

  it('answers 404 for a paused source and for a source id of another kind', async () => {
    const paused = await t.app.inject({
      method: 'PATCH',
      url: `/api/sources/${inboundId}`,
      headers: admin.headers,
      payload: { status: 'paused' },
    });
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal((await sendInbound(mention('n4', 'Acme paused'))).statusCode, 404);
    const wrongKind = await t.app.inject({
      method: 'GET',
      url: `/api/webhooks/meta/${inboundId}?hub.mode=subscribe&hub.verify_token=tok&hub.challenge=1`,
    });
    assert.equal(wrongKind.statusCode, 404);
  });
});
