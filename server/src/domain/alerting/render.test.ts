import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertMessage } from '../../../../contracts';
import {
  actionOfSlackId,
  digestMessage,
  renderEmail,
  renderSlack,
  renderTeams,
  renderWebhook,
  slackActionIds,
} from './render';

const alertId = '7b7c3f2e-1c1a-4a53-9a43-2f4c3d5e6f70';
const message = AlertMessage.parse({
  title: 'Negative spike <Spring ad>',
  severity: 'high',
  brand: 'Acme & Co',
  summary: 'Mentions are 38x the baseline & rising',
  explanation: ['Observed 4,210/hr against a baseline of 110/hr', 'Platforms: x, bluesky'],
  facts: [
    { label: 'Mentions/hr', value: '4,210 (x38 baseline)' },
    { label: 'Negative', value: '58%' },
  ],
  topTerms: ['#boycottacme', 'refund'],
  samplePosts: [{ author: '@angry', text: 'Never again <script>', url: 'https://x.com/angry/status/1' }],
  url: 'https://firebreak.example/signals/42',
});

describe('renderSlack', () => {
  const slack = renderSlack(message, alertId);
  it('starts with a header and carries a fallback text', () => {
    assert.equal(slack.blocks[0]!.type, 'header');
    assert.deepEqual(slack.blocks[0]!.text, {
      type: 'plain_text',
      text: 'HIGH: Acme & Co · Negative spike <Spring ad>',
      emoji: true,
    });
    assert.match(slack.text, /^HIGH: Acme & Co · Negative spike/);
  });
  it('shows facts as section fields, escaping mrkdwn control characters', () => {
    const fields = slack.blocks.find((b) => Array.isArray(b.fields))!.fields as {
      type: string;
      text: string;
    }[];
    assert.deepEqual(fields, [
      { type: 'mrkdwn', text: '*Mentions/hr:*\n4,210 (x38 baseline)' },
      { type: 'mrkdwn', text: '*Negative:*\n58%' },
    ]);
    const summary = slack.blocks[1]!.text as { text: string };
    assert.equal(summary.text, 'Mentions are 38x the baseline &amp; rising');
    const post = JSON.stringify(slack.blocks);
    assert.ok(post.includes('Never again &lt;script&gt;'));
    assert.ok(!post.includes('<script>'));
  });
  it('has a context block with severity, brand and top terms', () => {
    const context = slack.blocks.find((b) => b.type === 'context')!;
    const texts = (context.elements as { text: string }[]).map((e) => e.text);
    assert.deepEqual(texts, [
      'Severity: *HIGH*',
      'Brand: *Acme &amp; Co*',
      'Top terms: #boycottacme, refund',
    ]);
  });
  it('ends with Acknowledge and Declare-crisis buttons carrying the alert id', () => {
    const actions = slack.blocks.at(-1)!;
    assert.equal(actions.type, 'actions');
    assert.equal(actions.block_id, `alert:${alertId}`);
    const buttons = actions.elements as { action_id: string; value?: string; style?: string; url?: string }[];
    assert.deepEqual(
      buttons.map((b) => [b.action_id, b.value, b.style]),
      [
        ['firebreak_acknowledge', alertId, 'primary'],
        ['firebreak_declare_crisis', alertId, 'danger'],
        ['firebreak_open', undefined, undefined],
      ],
    );
    assert.equal(buttons[2]!.url, message.url);
    assert.equal(actionOfSlackId(slackActionIds.declare_crisis), 'declare_crisis');
    assert.equal(actionOfSlackId('something_else'), undefined);
  });
  it('keeps the header within Slack’s 150 characters', () => {
    const long = renderSlack({ ...message, title: 'x'.repeat(400) }, alertId);
    const text = (long.blocks[0]!.text as { text: string }).text;
    assert.equal(text.length, 150);
    assert.ok(text.endsWith('…'));
  });
});

describe('renderTeams', () => {
  const envelope = renderTeams(message, alertId);
  it('wraps an Adaptive Card 1.5 in the Workflows message envelope', () => {
    assert.equal(envelope.type, 'message');
    assert.equal(envelope.attachments.length, 1);
    const attachment = envelope.attachments[0]!;
    assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachment.content.type, 'AdaptiveCard');
    assert.equal(attachment.content.version, '1.5');
    assert.equal(attachment.content.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
  });
  it('has a title, a fact set and open-URL actions into the app', () => {
    const body = envelope.attachments[0]!.content.body as {
      type: string;
      text?: string;
      facts?: unknown[];
    }[];
    assert.equal(body[0]!.text, 'HIGH: Acme & Co · Negative spike <Spring ad>');
    const facts = body.find((b) => b.type === 'FactSet')!.facts;
    assert.deepEqual(facts, [
      { title: 'Severity', value: 'HIGH' },
      { title: 'Brand', value: 'Acme & Co' },
      { title: 'Mentions/hr', value: '4,210 (x38 baseline)' },
      { title: 'Negative', value: '58%' },
      { title: 'Top terms', value: '#boycottacme, refund' },
    ]);
    const actions = envelope.attachments[0]!.content.actions as {
      type: string;
      title: string;
      url: string;
    }[];
    assert.deepEqual(
      actions.map((a) => [a.type, a.title]),
      [
        ['Action.OpenUrl', 'Acknowledge'],
        ['Action.OpenUrl', 'Declare crisis'],
        ['Action.OpenUrl', 'Open in Firebreak'],
      ],
    );
    assert.equal(actions[0]!.url, `https://firebreak.example/signals/42?alert=${alertId}&action=acknowledge`);
  });
});

describe('renderEmail', () => {
  const email = renderEmail(message, alertId);
  it('has a subject with severity and brand', () => {
    assert.equal(email.subject, '[HIGH] Acme & Co: Negative spike <Spring ad>');
  });
  it('never lets a header break across lines', () => {
    assert.equal(
      renderEmail({ ...message, title: 'a\r\nBcc: x@evil.test' }, alertId).subject.includes('\n'),
      false,
    );
  });
  it('has a plain-text body with facts, explanation and action links', () => {
    assert.match(email.text, /Mentions\/hr: 4,210 \(x38 baseline\)/);
    assert.match(email.text, /- Platforms: x, bluesky/);
    assert.match(
      email.text,
      /Acknowledge: https:\/\/firebreak\.example\/signals\/42\?alert=.*&action=acknowledge/,
    );
  });
  it('escapes every value in the HTML body', () => {
    assert.ok(email.html.includes('Negative spike &lt;Spring ad&gt;'));
    assert.ok(email.html.includes('Never again &lt;script&gt;'));
    assert.ok(!email.html.includes('<script>'));
    assert.ok(email.html.includes('Acme &amp; Co'));
  });
});

describe('renderWebhook', () => {
  it('is a Standard Webhooks body with type, timestamp and data', () => {
    const body = renderWebhook(message, alertId, new Date('2026-01-02T03:04:05Z'));
    assert.equal(body.type, 'alert.created');
    assert.equal(body.timestamp, '2026-01-02T03:04:05.000Z');
    assert.equal(body.data.alertId, alertId);
    assert.equal(body.data.severity, 'high');
    assert.equal(renderWebhook(message, alertId, new Date(), true).type, 'alert.test');
  });
});

describe('digestMessage', () => {
  it('lists the alerts under the worst severity, without buttons', () => {
    const digest = digestMessage(
      [
        { ...message, severity: 'low', title: 'A' },
        { ...message, severity: 'high', title: 'B' },
        { ...message, severity: 'medium', title: 'C' },
      ],
      'https://firebreak.example/signals',
    );
    assert.equal(digest.title, '3 new alerts');
    assert.equal(digest.severity, 'high');
    assert.equal(digest.brand, 'Acme & Co');
    assert.deepEqual(digest.explanation, [
      '[LOW] Acme & Co: A',
      '[HIGH] Acme & Co: B',
      '[MEDIUM] Acme & Co: C',
    ]);
    assert.deepEqual(digest.actions, []);
    assert.equal(AlertMessage.safeParse(digest).success, true);
  });
});
