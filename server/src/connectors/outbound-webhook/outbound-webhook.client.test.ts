import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  startWebhookReceiverFake,
  type WebhookReceiverFake,
} from '../../../test/fakes/webhook-receiver.fake';
import { newWebhookMessageId, sendOutboundWebhook } from './outbound-webhook.client';

describe('outbound webhook client against a verifying receiver', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let receiver: WebhookReceiverFake;
  before(async () => {
    receiver = await startWebhookReceiverFake(secret);
  });
  after(() => receiver.close());
  const body = JSON.stringify({
    type: 'alert.created',
    timestamp: new Date().toISOString(),
    data: { alertId: 'a1' },
  });

  it('signs per Standard Webhooks; the receiver verifies and accepts', async () => {
    const id = newWebhookMessageId();
    const result = await sendOutboundWebhook({ url: receiver.url, signingSecret: secret }, id, body);
    assert.deepEqual([result.outcome, result.status], ['delivered', 204]);
    assert.equal(receiver.deliveries.at(-1)!.id, id);
    assert.equal((receiver.deliveries.at(-1)!.body.data as { alertId: string }).alertId, 'a1');
    const headers = receiver.requests.at(-1)!.headers;
    assert.match(String(headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
    assert.match(String(headers['webhook-timestamp']), /^\d+$/);
  });

  it('is refused with another secret, and with a timestamp outside the window', async () => {
    const other = `whsec_${randomBytes(32).toString('base64')}`;
    const wrong = await sendOutboundWebhook(
      { url: receiver.url, signingSecret: other },
      newWebhookMessageId(),
      body,
    );
    assert.deepEqual([wrong.outcome, wrong.status], ['permanent', 401]);
    const stale = await sendOutboundWebhook(
      { url: receiver.url, signingSecret: secret },
      newWebhookMessageId(),
      body,
      new Date(Date.now() - 10 * 60_000),
    );
    assert.equal(stale.outcome, 'permanent');
    assert.deepEqual(receiver.refused.slice(-2), ['bad signature', 'stale timestamp']);
  });

  it('fails twice (503, then a hang-up), then a retry with the same webhook-id is delivered once', async () => {
    receiver.script.failNext({ status: 503 });
    receiver.script.failNext({ status: 0, hangUp: true });
    const id = newWebhookMessageId();
    const target = { url: receiver.url, signingSecret: secret };
    assert.equal((await sendOutboundWebhook(target, id, body)).outcome, 'retryable');
    assert.equal((await sendOutboundWebhook(target, id, body)).outcome, 'retryable');
    assert.equal((await sendOutboundWebhook(target, id, body)).outcome, 'delivered');
    assert.equal((await sendOutboundWebhook(target, id, body)).outcome, 'delivered');
    assert.equal(receiver.deliveries.filter((d) => d.id === id).length, 1);
  });

  it('refuses to send with a malformed secret (permanent, nothing sent)', async () => {
    const before = receiver.requests.length;
    const result = await sendOutboundWebhook({ url: receiver.url, signingSecret: 'short' }, 'msg_1', body);
    assert.equal(result.outcome, 'permanent');
    assert.equal(receiver.requests.length, before);
  });
});
