// Alerting end to end on the real database and job queue: notification channels through the API (secrets sealed,
// never returned), alerts delivered by durable jobs to real local fakes (Slack, Teams, an SMTP server, a
// verifying webhook receiver) with retries and a record of every attempt, in-app notifications, flood control,
// and Slack button clicks verified with the signing secret.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Alert, SessionInfo } from '../../../../contracts';
import { loadConfig } from '../../config';
import { type Container, createContainer } from '../../container';
import { systemActor } from '../../domain/actor';
import { deliverAlertJob, flushAlertDigestJob } from '../../jobs/alert.jobs';
import { startJobRunner } from '../../jobs/job-runner';
import { slackSignature } from '../../connectors/slack/slack.client';
import { newTestDatabase, type TestDatabase } from '../../../test/database';
import { type SlackFake, startSlackFake } from '../../../test/fakes/slack.fake';
import { type SmtpFake, startSmtpFake } from '../../../test/fakes/smtp.fake';
import { startTeamsFake, type TeamsFake } from '../../../test/fakes/teams.fake';
import {
  startWebhookReceiverFake,
  type WebhookReceiverFake,
} from '../../../test/fakes/webhook-receiver.fake';
import { buildServer } from '../server';
import type { SendAlertInput } from '../../services/alert.service';

const password = 'correct horse battery staple';
const quiet = { info() {}, warn() {}, error() {} };

async function until<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('alerting', () => {
  let testDb: TestDatabase;
  let container: Container;
  let app: FastifyInstance;
  let slack: SlackFake;
  let teams: TeamsFake;
  let smtp: SmtpFake;
  let receiver: WebhookReceiverFake;
  let workspaceId: string;
  let admin: { headers: Record<string, string>; info: SessionInfo };
  let member: { headers: Record<string, string>; info: SessionInfo };
  const signingSecret = 'slack-signing-secret-for-tests';
  const whsec = `whsec_${randomBytes(32).toString('base64')}`;
  const channelIds: Record<string, string> = {};
  let n = 0;

  async function signInAs(role: 'admin' | 'member' | 'viewer', department: 'pr' | 'marketing') {
    const email = `${role}.${++n}@acme.test`;
    await container.services.workspaces.createUser({
      workspace: 'acme',
      email,
      name: `${role} ${n}`,
      department,
      role,
      password,
    });
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'fb_session')!;
    const info = res.json() as SessionInfo;
    return { headers: { cookie: `fb_session=${cookie.value}`, 'x-csrf-token': info.csrfToken }, info };
  }

  const system = () => systemActor(workspaceId, 'routing');
  const message = (title: string, severity: 'low' | 'medium' | 'high' | 'critical' = 'high') => ({
    title,
    severity,
    brand: 'Acme',
    summary: `${title}: mentions at 38x the baseline`,
    facts: [{ label: 'Negative', value: '58%' }],
    url: 'http://firebreak.test/signals/1',
  });
  const alertById = async (id: string): Promise<Alert> => {
    const res = await app.inject({ method: 'GET', url: `/api/alerts/${id}`, headers: admin.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Alert;
  };
  const settled = (id: string) =>
    until(async () => {
      const a = await alertById(id);
      return a.status === 'pending' ? undefined : a;
    });
  const createChannel = async (payload: Record<string, unknown>): Promise<string> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/notification-channels',
      headers: admin.headers,
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };

  before(async () => {
    [slack, teams, smtp] = await Promise.all([
      startSlackFake(),
      startTeamsFake(),
      startSmtpFake({ username: 'fb', password: 'smtp-pass' }),
    ]);
    receiver = await startWebhookReceiverFake(whsec);
    testDb = await newTestDatabase();
    const config = loadConfig({
      FIREBREAK_LOG_LEVEL: 'silent',
      FIREBREAK_PUBLIC_URL: 'http://firebreak.test',
      FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    container = await createContainer(config, {
      database: testDb.database,
      migrate: false,
      jobTuning: { pollingIntervalSeconds: 0.5 },
      alerting: {
        retry: { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 3000 },
        flood: { digestThreshold: 3, digestWindowMs: 5 * 60_000, digestDelayMs: 1500 },
        slackApiBaseUrl: slack.apiBaseUrl,
        deliveryTimeoutMs: 3000,
      },
    });
    await container.bus.start();
    app = await buildServer(container, { logger: false });
    const created = await container.services.workspaces.createWorkspace({
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      ownerPassword: password,
    });
    workspaceId = created.workspace.id;
    await startJobRunner(container, quiet, [deliverAlertJob, flushAlertDigestJob] as never);
    admin = await signInAs('admin', 'pr');
    member = await signInAs('member', 'marketing');
  });
  after(async () => {
    await app.close();
    await container.close();
    await testDb.close();
    await Promise.all([slack.close(), teams.close(), smtp.close(), receiver.close()]);
  });

  describe('notification channels', () => {
    it('creates one channel per kind; secrets are sealed and never returned, only their names', async () => {
      channelIds.slack = await createChannel({
        kind: 'slack',
        name: '#crisis',
        settings: {},
        secrets: { webhookUrl: slack.webhookUrl, signingSecret },
      });
      channelIds.teams = await createChannel({
        kind: 'teams',
        name: 'PR team',
        secrets: { webhookUrl: teams.webhookUrl },
      });
      channelIds.email = await createChannel({
        kind: 'email',
        name: 'On-call mail',
        settings: {
          host: smtp.host,
          port: smtp.port,
          secure: false,
          username: 'fb',
          from: 'Firebreak <alerts@acme.test>',
          to: ['oncall@acme.test'],
        },
        secrets: { password: 'smtp-pass' },
      });
      channelIds.webhook = await createChannel({
        kind: 'webhook',
        name: 'PagerDuty bridge',
        secrets: { url: receiver.url, signingSecret: whsec },
      });
      const res = await app.inject({
        method: 'GET',
        url: '/api/notification-channels',
        headers: admin.headers,
      });
      assert.equal(res.statusCode, 200);
      for (const secret of [
        slack.webhookUrl,
        signingSecret,
        teams.webhookUrl,
        'smtp-pass',
        whsec,
        'secretpart',
        'sas-secret',
      ]) {
        assert.equal(res.body.includes(secret), false, `secret ${secret.slice(0, 12)}… never returned`);
      }
      const bySlack = (res.json().channels as { id: string; secretKeys: string[] }[]).find(
        (c) => c.id === channelIds.slack,
      )!;
      assert.deepEqual(bySlack.secretKeys, ['signingSecret', 'webhookUrl']);
      const stored = await container.database.query<{ secrets_ciphertext: string }>(
        `select secrets_ciphertext from notification_channels where id = '${channelIds.teams}'`,
      );
      assert.match(stored[0]!.secrets_ciphertext, /^v1\./);
      assert.equal(stored[0]!.secrets_ciphertext.includes('sas-secret'), false);
      const audit = await container.database.query<{ action: string; summary: unknown }>(
        `select action, summary from audit_log where action = 'notification_channel.created'`,
      );
      assert.equal(audit.length, 4);
      assert.equal(JSON.stringify(audit).includes('smtp-pass'), false);
    });

    it('refuses bad settings and secrets with validation_failed, and non-admins with 403', async () => {
      const bad = [
        { kind: 'webhook', name: 'x', secrets: { url: receiver.url, signingSecret: 'too-short' } },
        { kind: 'slack', name: 'x', secrets: {} },
        { kind: 'teams', name: 'x', secrets: { webhookUrl: 'ftp://nope' } },
        { kind: 'teams', name: 'x', secrets: { webhookUrl: teams.webhookUrl, botToken: 'x' } },
        {
          kind: 'email',
          name: 'x',
          settings: { host: 'smtp.acme.test', from: 'a@acme.test', to: ['not-an-email'] },
        },
        {
          kind: 'slack',
          name: 'x',
          settings: { quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } },
          secrets: { webhookUrl: slack.webhookUrl },
        },
      ];
      for (const payload of bad) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/notification-channels',
          headers: admin.headers,
          payload,
        });
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} → ${res.body}`);
        assert.equal(res.json().error.code, 'validation_failed');
      }
      const denied = await app.inject({
        method: 'POST',
        url: '/api/notification-channels',
        headers: member.headers,
        payload: { kind: 'teams', name: 'x', secrets: { webhookUrl: teams.webhookUrl } },
      });
      assert.equal(denied.statusCode, 403);
      const read = await app.inject({
        method: 'GET',
        url: '/api/notification-channels',
        headers: member.headers,
      });
      assert.equal(read.statusCode, 403);
    });

    it('merges secrets on update ("" removes one) and deletes a channel', async () => {
      const id = await createChannel({
        kind: 'slack',
        name: 'tmp',
        secrets: { webhookUrl: slack.webhookUrl, signingSecret: 'a' },
      });
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/notification-channels/${id}`,
        headers: admin.headers,
        payload: { name: 'renamed', secrets: { signingSecret: '' } },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(patched.json().secretKeys, ['webhookUrl']);
      assert.equal(patched.json().name, 'renamed');
      const removeRequired = await app.inject({
        method: 'PATCH',
        url: `/api/notification-channels/${id}`,
        headers: admin.headers,
        payload: { secrets: { webhookUrl: '' } },
      });
      assert.equal(removeRequired.statusCode, 400, 'a Slack channel cannot lose its only way to post');
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/notification-channels/${id}`,
        headers: admin.headers,
      });
      assert.equal(del.statusCode, 204);
      const gone = await app.inject({
        method: 'GET',
        url: `/api/notification-channels/${id}`,
        headers: admin.headers,
      });
      assert.equal(gone.statusCode, 404);
    });

    it('sends a test message through each channel to its fake and reports the answer', async () => {
      const before = {
        slack: slack.messages.length,
        teams: teams.cards.length,
        smtp: smtp.messages.length,
        hook: receiver.deliveries.length,
      };
      for (const kind of ['slack', 'teams', 'email', 'webhook']) {
        const res = await app.inject({
          method: 'POST',
          url: `/api/notification-channels/${channelIds[kind]}/test`,
          headers: admin.headers,
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().ok, true, `${kind}: ${res.body}`);
      }
      assert.equal(slack.messages.length, before.slack + 1);
      assert.equal(teams.cards.length, before.teams + 1);
      assert.equal(smtp.messages.length, before.smtp + 1);
      assert.equal(receiver.deliveries.length, before.hook + 1);
      assert.equal(receiver.deliveries.at(-1)!.body.type, 'alert.test');
      assert.match(smtp.messages.at(-1)!.headers.subject!, /Test message/);

      slack.script.failNext({ status: 404, body: 'no_service' });
      const failing = await app.inject({
        method: 'POST',
        url: `/api/notification-channels/${channelIds.slack}/test`,
        headers: admin.headers,
      });
      assert.deepEqual(
        { ok: failing.json().ok, outcome: failing.json().outcome, status: failing.json().status },
        { ok: false, outcome: 'permanent', status: 404 },
      );
    });
  });

  describe('delivery', () => {
    it('delivers one alert to Slack, Teams, email, the webhook and in-app, each through a durable job', async () => {
      const memberId = member.info.member.id;
      const before = {
        slack: slack.messages.length,
        teams: teams.cards.length,
        smtp: smtp.messages.length,
        hook: receiver.deliveries.length,
      };
      const outcomes = await container.services.alerts.send(system(), {
        subjectType: 'test-subject',
        subjectId: 'sig-1',
        subjectVersion: 1,
        message: message('Negative spike'),
        targets: [
          ...['slack', 'teams', 'email', 'webhook'].map((k) => ({
            kind: 'channel' as const,
            channelId: channelIds[k]!,
          })),
          { kind: 'member', memberId },
        ],
      });
      assert.deepEqual(
        outcomes.map((o) => o.decision),
        ['send', 'send', 'send', 'send', 'send'],
      );
      const alerts = await Promise.all(outcomes.map((o) => settled(o.alertId!)));
      assert.deepEqual(
        alerts.map((a) => [a.medium, a.status, a.attempts.length]),
        [
          ['slack', 'delivered', 1],
          ['teams', 'delivered', 1],
          ['email', 'delivered', 1],
          ['webhook', 'delivered', 1],
          ['in_app', 'delivered', 1],
        ],
      );
      assert.equal(slack.messages.length, before.slack + 1);
      const blocks = slack.messages.at(-1)!.blocks;
      const buttons = blocks.at(-1)!.elements as { action_id: string; value?: string }[];
      assert.deepEqual(
        buttons.slice(0, 2).map((b) => [b.action_id, b.value]),
        [
          ['firebreak_acknowledge', alerts[0]!.id],
          ['firebreak_declare_crisis', alerts[0]!.id],
        ],
      );
      assert.equal(teams.cards.length, before.teams + 1);
      assert.equal(smtp.messages.at(-1)!.headers.subject, '[HIGH] Acme: Negative spike');
      assert.equal(smtp.messages.at(-1)!.headers['x-firebreak-alert'], alerts[2]!.id);
      assert.equal(receiver.deliveries.length, before.hook + 1);
      assert.equal((receiver.deliveries.at(-1)!.body.data as { alertId: string }).alertId, alerts[3]!.id);

      // In-app: a live event for the member and the member's notification list; mark read.
      const events = await container.database.query<{ payload: { memberId: string } }>(
        `select payload from events where name = 'notification.created'`,
      );
      assert.equal(events.at(-1)!.payload.memberId, memberId);
      const list = await app.inject({
        method: 'GET',
        url: '/api/notifications?unread=true',
        headers: member.headers,
      });
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().notifications.map((x: { id: string }) => x.id),
        [alerts[4]!.id],
      );
      const adminList = await app.inject({
        method: 'GET',
        url: '/api/notifications',
        headers: admin.headers,
      });
      assert.deepEqual(adminList.json().notifications, [], 'another member does not see it');
      const read = await app.inject({
        method: 'POST',
        url: `/api/notifications/${alerts[4]!.id}/read`,
        headers: member.headers,
      });
      assert.equal(read.statusCode, 200, read.body);
      assert.ok(read.json().readAt);
      const unread = await app.inject({
        method: 'GET',
        url: '/api/notifications?unread=true',
        headers: member.headers,
      });
      assert.deepEqual(unread.json().notifications, []);
      const notMine = await app.inject({
        method: 'POST',
        url: `/api/notifications/${alerts[4]!.id}/read`,
        headers: admin.headers,
      });
      assert.equal(notMine.statusCode, 404);
    });

    it('retries a failing Slack delivery with backoff and records every attempt, then delivers once', async () => {
      slack.script.failNext({ status: 503 });
      slack.script.failNext({ status: 429, headers: { 'retry-after': '1' } });
      const before = slack.messages.length;
      const [o] = await container.services.alerts.send(system(), {
        subjectType: 'test-subject',
        subjectId: 'sig-retry',
        subjectVersion: 1,
        message: message('Retry me', 'critical'),
        targets: [{ kind: 'channel', channelId: channelIds.slack! }],
      });
      const alert = await settled(o!.alertId!);
      assert.equal(alert.status, 'delivered');
      assert.deepEqual(
        alert.attempts.map((a) => [a.attempt, a.outcome, a.status]),
        [
          [1, 'retryable', 503],
          [2, 'retryable', 429],
          [3, 'delivered', 200],
        ],
      );
      const gap = Date.parse(alert.attempts[2]!.at) - Date.parse(alert.attempts[1]!.at);
      assert.ok(gap >= 950, `Retry-After: 1 was honoured (${gap} ms)`);
      assert.equal(slack.messages.length, before + 1);
    });

    it('stops at a permanent failure, and after the last attempt when failures persist', async () => {
      receiver.script.failNext({ status: 410 });
      teams.script.failNext({ status: 502 }, 3);
      const outcomes = await container.services.alerts.send(system(), {
        subjectType: 'test-subject',
        subjectId: 'sig-fail',
        subjectVersion: 1,
        message: message('Will fail', 'critical'),
        targets: [
          { kind: 'channel', channelId: channelIds.webhook! },
          { kind: 'channel', channelId: channelIds.teams! },
        ],
      });
      const [hook, card] = await Promise.all(outcomes.map((o) => settled(o.alertId!)));
      assert.deepEqual([hook!.status, hook!.attempts.map((a) => a.outcome)], ['failed', ['permanent']]);
      assert.deepEqual([card!.status, card!.attempts.map((a) => a.status)], ['failed', [502, 502, 502]]);
    });
  });

  describe('flood control', () => {
    it('sends at most one message per subject update per channel', async () => {
      const before = slack.messages.length;
      const input: SendAlertInput = {
        subjectType: 'test-subject',
        subjectId: 'sig-dup',
        subjectVersion: 1,
        message: message('Once'),
        targets: [{ kind: 'channel', channelId: channelIds.slack! }],
      };
      const first = await container.services.alerts.send(system(), input);
      const again = await container.services.alerts.send(system(), input);
      assert.equal(first[0]!.decision, 'send');
      assert.equal(again[0]!.decision, 'duplicate');
      const escalated = await container.services.alerts.send(system(), {
        ...input,
        subjectVersion: 2,
        message: message('Once, escalated', 'critical'),
      });
      assert.equal(escalated[0]!.decision, 'send');
      await settled(escalated[0]!.alertId!);
      await settled(first[0]!.alertId!);
      assert.equal(slack.messages.length, before + 2);
    });

    it('folds many subjects opening at once into one digest message', async () => {
      // A fresh channel so earlier tests' alerts do not count.
      const channelId = await createChannel({
        kind: 'teams',
        name: 'digest',
        secrets: { webhookUrl: teams.webhookUrl },
      });
      const before = teams.cards.length;
      const outcomes = [];
      for (const s of ['a', 'b', 'c', 'd', 'e']) {
        const [o] = await container.services.alerts.send(system(), {
          subjectType: 'test-subject',
          subjectId: `flood-${s}`,
          subjectVersion: 1,
          message: message(`Spike ${s}`, 'medium'),
          targets: [{ kind: 'channel', channelId }],
        });
        outcomes.push(o!);
      }
      assert.deepEqual(
        outcomes.map((o) => o.decision),
        ['send', 'send', 'send', 'digest', 'digest'],
      );
      await until(async () => teams.cards.length >= before + 4 || undefined);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(teams.cards.length, before + 4, 'three messages and one digest');
      const digestCard = JSON.stringify(teams.cards.at(-1));
      assert.ok(digestCard.includes('2 new alerts'));
      assert.ok(digestCard.includes('Spike d') && digestCard.includes('Spike e'));
      const held = await Promise.all(outcomes.slice(3).map((o) => alertById(o.alertId!)));
      assert.deepEqual(
        held.map((a) => a.status),
        ['digested', 'digested'],
      );
      assert.equal(held[0]!.digestId, held[1]!.digestId);
      const digest = await alertById(held[0]!.digestId!);
      assert.equal(digest.status, 'delivered');
    });

    it('holds a low-severity alert until the end of the recipient’s quiet hours', async () => {
      const now = new Date();
      const hhmm = (d: Date) => d.toISOString().slice(11, 16);
      const quietHours = {
        start: hhmm(new Date(now.getTime() - 3600_000)),
        end: hhmm(new Date(now.getTime() + 3600_000)),
        timeZone: 'UTC',
      };
      const [low] = await container.services.alerts.send(system(), {
        subjectType: 'test-subject',
        subjectId: 'sig-quiet',
        subjectVersion: 1,
        message: message('Minor wobble', 'low'),
        targets: [{ kind: 'member', memberId: member.info.member.id, quietHours }],
      });
      assert.equal(low!.decision, 'defer');
      const alert = await alertById(low!.alertId!);
      assert.equal(alert.status, 'pending');
      const wait = Date.parse(alert.notBefore!) - now.getTime();
      assert.ok(wait > 3500_000 && wait <= 3600_000, `deferred to the end of quiet hours (${wait} ms)`);
      const [high] = await container.services.alerts.send(system(), {
        subjectType: 'test-subject',
        subjectId: 'sig-quiet-high',
        subjectVersion: 1,
        message: message('Real spike', 'high'),
        targets: [{ kind: 'member', memberId: member.info.member.id, quietHours }],
      });
      assert.equal(high!.decision, 'send');
      assert.equal((await alertById(high!.alertId!)).status, 'delivered');
    });
  });

  describe('Slack interactivity', () => {
    let alertId: string;
    before(async () => {
      const [o] = await container.services.alerts.send(system(), {
        subjectType: 'test-subject',
        subjectId: 'sig-ack',
        subjectVersion: 1,
        message: message('Please acknowledge', 'critical'),
        targets: [{ kind: 'channel', channelId: channelIds.slack! }],
      });
      alertId = o!.alertId!;
      await settled(alertId);
    });
    const body = (actionId: string, value: string) =>
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          user: { id: 'U42', username: 'dana' },
          team: { id: 'T1' },
          actions: [{ action_id: actionId, block_id: `alert:${value}`, value, type: 'button' }],
          response_url: 'https://hooks.slack.com/actions/T1/1/x',
          trigger_id: '1.2.3',
        }),
      }).toString();
    const post = (raw: string, secret: string, ts = Math.floor(Date.now() / 1000)) =>
      app.inject({
        method: 'POST',
        url: '/api/slack/interactions',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(secret, String(ts), raw),
        },
        payload: raw,
      });

    it('refuses a wrongly signed request and a stale one, changing nothing', async () => {
      const raw = body('firebreak_acknowledge', alertId);
      const wrong = await post(raw, 'not-the-secret');
      assert.equal(wrong.statusCode, 401, wrong.body);
      const stale = await post(raw, signingSecret, Math.floor(Date.now() / 1000) - 6 * 60);
      assert.equal(stale.statusCode, 401);
      const unknown = await post(
        body('firebreak_acknowledge', '00000000-0000-4000-8000-000000000000'),
        signingSecret,
      );
      assert.equal(unknown.statusCode, 401, 'an unknown alert looks the same as a bad signature');
      assert.equal((await alertById(alertId)).acknowledgedAt, null);
    });

    it('records the acknowledgement from a correctly signed click, audits it and tells live pages', async () => {
      const res = await post(body('firebreak_acknowledge', alertId), signingSecret);
      assert.equal(res.statusCode, 200, res.body);
      const alert = await alertById(alertId);
      assert.ok(alert.acknowledgedAt);
      // No bot token on this channel: the Slack user cannot be mapped to a member, and is named as Slack gives it.
      assert.equal(alert.acknowledgedBy, 'Slack user dana (slack:T1/U42)');
      const audit = await container.database.query<{ action: string; actor_label: string }>(
        `select action, actor_label from audit_log where target_id = '${alertId}'`,
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['alert.acknowledged'],
      );
      const events = await container.database.query<{
        payload: { id: string; acknowledgedAt: string | null };
      }>(`select payload from events where name = 'alert.updated' order by id desc limit 1`);
      assert.equal(events[0]!.payload.id, alertId);
      assert.ok(events[0]!.payload.acknowledgedAt);
    });

    it('hands declare-crisis to the handler registered for the subject type, from a Slack user who is a member only', async () => {
      const seen: string[] = [];
      container.services.alerts.onAction('test-subject', async (actor, subject, action) => {
        seen.push(`${action}:${subject.subjectId}:${actor.kind}:${actor.id ?? '-'}`);
      });
      // Unmapped (no bot token to ask Slack who U42 is): refused, and the refusal audited.
      const refused = await post(body('firebreak_declare_crisis', alertId), signingSecret);
      assert.equal(refused.statusCode, 200, refused.body);
      assert.deepEqual(seen, []);
      const audit = await container.database.query<{ actor_label: string; summary: { reason: string } }>(
        `select actor_label, summary from audit_log where target_id = '${alertId}' and action = 'alert.action_refused'`,
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_label, 'Slack user dana (slack:T1/U42)');
      assert.equal(audit[0]!.summary.reason, 'slack_user_not_a_member');
      // With a bot token on the channel, Slack's users.info gives U42's email: a member's.
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/notification-channels/${channelIds.slack}`,
        headers: admin.headers,
        payload: { secrets: { botToken: slack.botToken } },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      slack.users.set('U42', { name: 'dana', email: member.info.member.email.toUpperCase() });
      const res = await post(body('firebreak_declare_crisis', alertId), signingSecret);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(seen, [`declare_crisis:sig-ack:member:${member.info.member.id}`]);
      assert.deepEqual(slack.userLookups, ['U42']);
      const alert = await alertById(alertId);
      assert.equal(alert.acknowledgedBy, 'Slack user dana (slack:T1/U42)', 'the first acknowledgement stays');
    });

    it('lets a member acknowledge from the app; viewers may not', async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/alerts/${alertId}/actions`,
        headers: member.headers,
        payload: { action: 'acknowledge' },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().acknowledgedBy, 'Slack user dana (slack:T1/U42)');
      assert.deepEqual(res.json().id, alertId);
      const viewer = await signInAs('viewer', 'pr');
      const denied = await app.inject({
        method: 'POST',
        url: `/api/alerts/${alertId}/actions`,
        headers: viewer.headers,
        payload: { action: 'acknowledge' },
      });
      assert.equal(denied.statusCode, 403);
      const rows = await container.database.query<{ actions: { action: string; by: string }[] }>(
        `select actions from alerts where id = '${alertId}'`,
      );
      assert.deepEqual(
        rows[0]!.actions.map((a) => a.action),
        ['acknowledge', 'declare_crisis', 'acknowledge'],
      );
      assert.equal(rows[0]!.actions[2]!.by, `member:${member.info.member.id}`);
    });
  });
});
