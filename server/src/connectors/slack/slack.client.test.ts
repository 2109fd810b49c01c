import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AlertMessage } from '../../../../contracts';
import { renderSlack } from '../../domain/alerting/render';
import { type SlackFake, startSlackFake } from '../../../test/fakes/slack.fake';
import {
  parseSlackInteraction,
  sendSlackChatMessage,
  sendSlackWebhook,
  slackSignature,
  verifySlackRequest,
} from './slack.client';

const message = renderSlack(
  AlertMessage.parse({
    title: 'Negative spike',
    severity: 'critical',
    brand: 'Acme',
    summary: 'x38 baseline',
    facts: [{ label: 'Negative', value: '58%' }],
    url: 'https://firebreak.example/signals/1',
  }),
  '11111111-1111-4111-8111-111111111111',
);

describe('Slack client against the fake Slack', () => {
  let slack: SlackFake;
  before(async () => {
    slack = await startSlackFake();
  });
  after(() => slack.close());

  it('posts a Block Kit message to an incoming webhook', async () => {
    const result = await sendSlackWebhook(slack.webhookUrl, message);
    assert.deepEqual([result.outcome, result.status, result.response], ['delivered', 200, 'ok']);
    assert.equal(slack.messages.at(-1)!.blocks[0]!.type, 'header');
  });

  it('is refused by the fake when the blocks are malformed (so the fake really checks)', async () => {
    const result = await sendSlackWebhook(slack.webhookUrl, {
      text: 'x',
      blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'not plain' } }],
    });
    assert.deepEqual([result.outcome, result.status, result.response], ['permanent', 400, 'invalid_blocks']);
  });

  it('classifies 429 with Retry-After as retryable with the delay, 5xx as retryable, 404 as permanent', async () => {
    slack.script.failNext({ status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' });
    const limited = await sendSlackWebhook(slack.webhookUrl, message);
    assert.deepEqual([limited.outcome, limited.status, limited.retryAfterMs], ['retryable', 429, 7000]);
    slack.script.failNext({ status: 503 });
    assert.equal((await sendSlackWebhook(slack.webhookUrl, message)).outcome, 'retryable');
    const missing = await sendSlackWebhook(`${slack.baseUrl}/services/T000/B000/gone`, message);
    assert.deepEqual([missing.outcome, missing.status], ['permanent', 404]);
  });

  it('treats a dropped connection and a refused port as retryable, without the URL in the error', async () => {
    slack.script.failNext({ status: 0, hangUp: true });
    const dropped = await sendSlackWebhook(slack.webhookUrl, message);
    assert.equal(dropped.outcome, 'retryable');
    assert.equal(dropped.status, null);
    assert.ok(!dropped.error!.includes('secretpart'));
    const closed = await startSlackFake();
    await closed.close();
    const refused = await sendSlackWebhook(closed.webhookUrl, message);
    assert.equal(refused.outcome, 'retryable');
    assert.match(refused.error!, /ECONNREFUSED/);
    assert.ok(!refused.error!.includes('secretpart'));
  });

  it('posts with chat.postMessage and a bot token; Web API errors are classified', async () => {
    const target = { botToken: slack.botToken, channel: 'C123', apiBaseUrl: slack.apiBaseUrl };
    const ok = await sendSlackChatMessage(target, message);
    assert.equal(ok.outcome, 'delivered');
    assert.equal(slack.messages.at(-1)!.channel, 'C123');
    const badToken = await sendSlackChatMessage({ ...target, botToken: 'xoxb-wrong' }, message);
    assert.deepEqual([badToken.outcome, badToken.response], ['permanent', 'invalid_auth']);
    slack.script.failNext({ status: 429, headers: { 'retry-after': '3' } });
    const limited = await sendSlackChatMessage(target, message);
    assert.deepEqual([limited.outcome, limited.retryAfterMs], ['retryable', 3000]);
  });
});

describe('Slack request signing', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const body = Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%7D');
  const now = new Date('2026-03-10T12:00:00Z');
  const ts = String(now.getTime() / 1000);

  it('accepts a correct signature and refuses a wrong or stale one', () => {
    const signature = slackSignature(secret, ts, body);
    assert.match(signature, /^v0=[0-9a-f]{64}$/);
    assert.deepEqual(verifySlackRequest(secret, { timestamp: ts, signature }, body, now), { ok: true });
    assert.deepEqual(verifySlackRequest('other', { timestamp: ts, signature }, body, now), {
      ok: false,
      reason: 'bad_signature',
    });
    const tampered = Buffer.concat([body, Buffer.from('x')]);
    assert.equal(verifySlackRequest(secret, { timestamp: ts, signature }, tampered, now).ok, false);
    const late = new Date(now.getTime() + 301_000);
    assert.deepEqual(verifySlackRequest(secret, { timestamp: ts, signature }, body, late), {
      ok: false,
      reason: 'stale',
    });
    assert.deepEqual(verifySlackRequest(secret, { timestamp: undefined, signature }, body, now), {
      ok: false,
      reason: 'missing_headers',
    });
  });

  it('reads block_actions from the form body', () => {
    const payload = {
      type: 'block_actions',
      user: { id: 'U1', username: 'dana' },
      team: { id: 'T1' },
      actions: [{ action_id: 'firebreak_acknowledge', value: 'abc', block_id: 'alert:abc' }],
      response_url: 'https://hooks.slack.com/actions/x',
    };
    const raw = Buffer.from(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    assert.deepEqual(parseSlackInteraction(raw), [
      {
        actionId: 'firebreak_acknowledge',
        value: 'abc',
        userId: 'U1',
        userName: 'dana',
        teamId: 'T1',
        responseUrl: 'https://hooks.slack.com/actions/x',
      },
    ]);
    assert.equal(parseSlackInteraction(Buffer.from('payload=not-json')), undefined);
    assert.equal(parseSlackInteraction(Buffer.from('nothing=1')), undefined);
  });
});
