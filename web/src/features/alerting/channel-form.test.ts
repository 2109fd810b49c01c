import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NotificationChannel } from '@contracts';
import {
  channelDestination,
  checkChannelForm,
  createInputFromForm,
  emptyChannelForm,
  fieldOfServerMessage,
  formFromChannel,
  generateWebhookSecret,
  parseRecipients,
  updateInputFromForm,
} from './channel-form';

const stored = (over: Partial<NotificationChannel>): NotificationChannel => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'email',
  name: 'PR desk',
  enabled: true,
  settings: {},
  secretKeys: [],
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('parseRecipients', () => {
  it('splits on commas, semicolons and new lines, trims, and drops repeats case-insensitively', () => {
    assert.deepEqual(parseRecipients(' a@x.org, b@y.org;\nA@X.org\n\n c@z.org '), [
      'a@x.org',
      'b@y.org',
      'c@z.org',
    ]);
    assert.deepEqual(parseRecipients('  '), []);
  });
});

describe('createInputFromForm', () => {
  it('sends an email channel’s settings and only typed secrets of that kind', () => {
    const values = {
      ...emptyChannelForm('email'),
      name: ' PR desk ',
      host: 'smtp.example.com',
      port: 2525,
      username: 'alerts',
      from: 'alerts@example.com',
      to: 'pr@example.com, legal@example.com',
      secrets: { password: 'hunter2', webhookUrl: 'https://stale.example' },
    };
    assert.deepEqual(createInputFromForm(values), {
      kind: 'email',
      name: 'PR desk',
      enabled: true,
      settings: {
        host: 'smtp.example.com',
        port: 2525,
        secure: false,
        username: 'alerts',
        from: 'alerts@example.com',
        to: ['pr@example.com', 'legal@example.com'],
      },
      secrets: { password: 'hunter2' },
    });
  });

  it('adds quiet hours when switched on, and a Slack channel id only when given', () => {
    const values = {
      ...emptyChannelForm('slack', 'Europe/Paris'),
      name: '#alerts',
      quietHours: true,
      secrets: { webhookUrl: 'https://hooks.slack.test/services/x', botToken: '' },
    };
    const input = createInputFromForm(values);
    assert.deepEqual(input.settings, {
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
    });
    assert.deepEqual(input.secrets, { webhookUrl: 'https://hooks.slack.test/services/x' });
  });
});

describe('updateInputFromForm', () => {
  it('keeps untouched secrets (sends none), replaces typed ones and removes ticked ones with ""', () => {
    const channel = stored({
      kind: 'slack',
      name: '#alerts',
      settings: { channel: 'C123' },
      secretKeys: ['botToken', 'signingSecret', 'webhookUrl'],
    });
    const form = formFromChannel(channel);
    assert.equal(form.slackChannel, 'C123');
    assert.deepEqual(form.secrets, {}, 'secrets are never filled in');
    assert.equal('secrets' in updateInputFromForm(form), false);

    const edited = {
      ...form,
      secrets: { signingSecret: 'new-secret' },
      removeSecrets: ['webhookUrl' as const],
    };
    assert.deepEqual(updateInputFromForm(edited), {
      name: '#alerts',
      enabled: true,
      settings: { channel: 'C123' },
      secrets: { signingSecret: 'new-secret', webhookUrl: '' },
    });
  });

  it('round-trips an email channel through the form', () => {
    const channel = stored({
      settings: {
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        from: 'a@example.com',
        to: ['x@example.com', 'y@example.com'],
        quietHours: { start: '23:00', end: '06:30', timeZone: 'UTC' },
      },
      secretKeys: [],
    });
    const input = updateInputFromForm(formFromChannel(channel));
    assert.deepEqual(input.settings, channel.settings);
  });
});

describe('checkChannelForm', () => {
  it('asks for what each kind needs, counting stored secrets unless removed', () => {
    assert.deepEqual(Object.keys(checkChannelForm(emptyChannelForm('email'))).sort(), [
      'from',
      'host',
      'name',
      'to',
    ]);
    const teams = { ...emptyChannelForm('teams'), name: 'Teams' };
    assert.ok(checkChannelForm(teams)['secrets.webhookUrl']);
    assert.deepEqual(checkChannelForm(teams, ['webhookUrl']), {});
    assert.ok(
      checkChannelForm({ ...teams, removeSecrets: ['webhookUrl'] }, ['webhookUrl'])['secrets.webhookUrl'],
    );
    const slackBot = {
      ...emptyChannelForm('slack'),
      name: 'bot',
      secrets: { botToken: 'xoxb-1' },
    };
    assert.ok(checkChannelForm(slackBot)['secrets.webhookUrl'], 'a bot token needs a channel id');
    assert.deepEqual(checkChannelForm({ ...slackBot, slackChannel: 'C1' }), {});
    const hook = { ...emptyChannelForm('webhook'), name: 'w', quietHours: true, quietStart: '25:00' };
    assert.deepEqual(Object.keys(checkChannelForm(hook)).sort(), [
      'quietStart',
      'secrets.signingSecret',
      'secrets.url',
    ]);
  });
});

describe('fieldOfServerMessage', () => {
  it('places the service’s messages on form fields', () => {
    assert.deepEqual(fieldOfServerMessage('secrets.url: not an http(s) URL'), {
      field: 'secrets.url',
      message: 'not an http(s) URL',
    });
    assert.deepEqual(fieldOfServerMessage('settings.host: Too small'), {
      field: 'host',
      message: 'Too small',
    });
    assert.deepEqual(fieldOfServerMessage('settings.quietHours.timeZone: not an IANA time zone'), {
      field: 'quietTimeZone',
      message: 'not an IANA time zone',
    });
    assert.equal(fieldOfServerMessage('Something else went wrong'), null);
  });
});

describe('channelDestination', () => {
  it('says where alerts go without any secret', () => {
    const email = stored({
      settings: { host: 'smtp.example.com', port: 25, to: ['a@x.org', 'b@x.org', 'c@x.org'] },
    });
    assert.equal(channelDestination(email), 'Email to a@x.org, b@x.org and 1 more via smtp.example.com:25');
    assert.equal(
      channelDestination(stored({ kind: 'slack', settings: { channel: 'C9' }, secretKeys: ['botToken'] })),
      'Slack channel C9 (bot)',
    );
    assert.equal(
      channelDestination(stored({ kind: 'slack', secretKeys: ['webhookUrl'] })),
      'Slack incoming webhook',
    );
  });
});

describe('generateWebhookSecret', () => {
  it('is whsec_ and the base64 of 32 bytes', () => {
    const secret = generateWebhookSecret((b) => b.fill(7));
    assert.match(secret, /^whsec_/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 32);
    assert.equal(Buffer.from(secret.slice(6), 'base64')[0], 7);
  });
});
