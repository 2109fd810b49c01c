// Detection → signals → routing → escalation end to end, on the real database and job queue: the simulator's
// instant blow-up goes through the real ingestion pipeline minute by minute under a controlled clock, the
// detection run opens ONE explained signal at the onset, routing tells the on-call members of the chosen
// departments in the app and on the Slack, Teams and SMTP fakes, the durable escalation job climbs the levels
// while nobody acknowledges and stops once someone does (from Slack's button), and declaring a crisis from the
// signal creates the crisis record.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type {
  Alert,
  Crisis,
  RoutingRule,
  SessionInfo,
  Signal,
  SignalDetail,
  SignalFeedbackReport,
} from '../../../../contracts';
import { loadConfig } from '../../config';
import { simulateMinute, type SimulatorPlan } from '../../connectors/simulator/simulator.generator';
import { slackSignature } from '../../connectors/slack/slack.client';
import { type Container, createContainer } from '../../container';
import { systemActor } from '../../domain/actor';
import { deliverAlertJob, flushAlertDigestJob } from '../../jobs/alert.jobs';
import { startJobRunner } from '../../jobs/job-runner';
import { escalateSignalJob } from '../../jobs/signal.jobs';
import type { DetectionReport } from '../../services/detection.service';
import { newTestDatabase, type TestDatabase } from '../../../test/database';
import { type SlackFake, startSlackFake } from '../../../test/fakes/slack.fake';
import { type SmtpFake, startSmtpFake } from '../../../test/fakes/smtp.fake';
import { startTeamsFake, type TeamsFake } from '../../../test/fakes/teams.fake';
import { buildServer } from '../server';

const password = 'correct horse battery staple';
const quiet = { info() {}, warn() {}, error() {} };
const MINUTE = 60_000;
const ONSET = 180;

async function until<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('signals: detection, routing, escalation', () => {
  let testDb: TestDatabase;
  let container: Container;
  let app: FastifyInstance;
  let slack: SlackFake;
  let teams: TeamsFake;
  let smtp: SmtpFake;
  let workspaceId: string;
  let admin: { headers: Record<string, string>; info: SessionInfo };
  let viewer: { headers: Record<string, string>; info: SessionInfo };
  const people: Record<string, string> = {};
  const signingSecret = 'slack-signing-secret-for-signals';
  // Yesterday at noon UTC (the flat top of the simulator's daily curve), so every delivery job is due at once.
  const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
  const startMs = day + 12 * 3_600_000;
  const clock = { t: startMs, now: () => new Date(clock.t) };
  let brandId: string;
  let rule: RoutingRule;
  let plan: SimulatorPlan;
  const reports: { minute: number; report: DetectionReport }[] = [];
  let simulated = 0;

  const api = async <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    who = admin,
  ) => {
    const res = await app.inject({
      method,
      url,
      headers: who.headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : null) as T, raw: res.body };
  };

  async function signIn(email: string) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'fb_session')!;
    const info = res.json() as SessionInfo;
    return { headers: { cookie: `fb_session=${cookie.value}`, 'x-csrf-token': info.csrfToken }, info };
  }

  async function addMember(
    key: string,
    department: 'pr' | 'legal' | 'executive',
    role: 'member' | 'admin' | 'viewer',
  ) {
    const created = await container.services.workspaces.createUser({
      workspace: 'acme',
      email: `${key}@acme.test`,
      name: key,
      department,
      role,
      password,
    });
    people[key] = created.member.id;
  }

  /** Ingests simulated minutes through the real pipeline and runs detection once each minute has ended. */
  async function simulateUntil(minute: number): Promise<void> {
    for (; simulated < minute; simulated++) {
      const m = simulated;
      const { mentions, raw } = simulateMinute(plan, m);
      clock.t = startMs + m * MINUTE + 30_000;
      await container.services.ingestion.ingest(workspaceId, { mentions, raw, nextCursor: null, skipped: 0 });
      clock.t = startMs + (m + 1) * MINUTE + 10_000;
      reports.push({ minute: m, report: await container.services.detection.runWorkspace(workspaceId) });
    }
  }

  const signals = async (query = '') =>
    (await api<{ signals: Signal[] }>('GET', `/api/signals${query}`)).body.signals;
  const alertsOf = async (signalId: string) =>
    (await api<{ alerts: Alert[] }>('GET', '/api/alerts?limit=200')).body.alerts.filter(
      (a) => a.subjectType === 'signal' && a.subjectId === signalId,
    );
  const escalationJobs = () =>
    container.database.query<{ data: { signalId: string; level: number }; start_after: Date; state: string }>(
      `select data, start_after, state from pgboss.job where name = 'signal.escalate' order by start_after`,
    );

  before(async () => {
    [slack, teams, smtp] = await Promise.all([startSlackFake(), startTeamsFake(), startSmtpFake()]);
    testDb = await newTestDatabase();
    container = await createContainer(
      loadConfig({
        FIREBREAK_LOG_LEVEL: 'silent',
        FIREBREAK_PUBLIC_URL: 'http://firebreak.test',
        FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64'),
      }),
      {
        database: testDb.database,
        migrate: false,
        clock,
        jobTuning: { pollingIntervalSeconds: 0.5 },
        alerting: { slackApiBaseUrl: slack.apiBaseUrl, deliveryTimeoutMs: 3000 },
        // Three simulated hours before the crisis: a two-hour warm-up instead of a day keeps the test short.
        detection: { warmupHours: 2, narrative: { warmupMinutes: 90 } },
      },
    );
    await container.bus.start();
    app = await buildServer(container, { logger: false });
    const created = await container.services.workspaces.createWorkspace({
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      ownerPassword: password,
    });
    workspaceId = created.workspace.id;
    people.owner = created.owner.id;
    await startJobRunner(container, quiet, [deliverAlertJob, flushAlertDigestJob] as never);
    await addMember('admin', 'executive', 'admin');
    await addMember('priya', 'pr', 'member');
    await addMember('paul', 'pr', 'member');
    await addMember('lena', 'legal', 'member');
    await addMember('eve', 'executive', 'member');
    await addMember('vic', 'pr', 'viewer');
    admin = await signIn('admin@acme.test');
    viewer = await signIn('vic@acme.test');
    for (const [department, ids] of [
      ['pr', [people.priya!, people.paul!]],
      ['legal', [people.lena!]],
      ['executive', [people.eve!]],
    ] as const) {
      await container.services.onCall.setRotation(systemActor(workspaceId, 'test'), {
        department,
        memberIds: [...ids],
        handoffEveryHours: 24,
        startsAt: new Date(startMs - 3_600_000).toISOString(),
      });
    }
    const brand = await api<{ id: string }>('POST', '/api/brands', { name: 'Acme', keywords: ['Acme'] });
    assert.equal(brand.status, 201, brand.raw);
    brandId = brand.body.id;
    plan = {
      keywords: ['Acme'],
      ratePerMinute: 10,
      crisis: 'instant_blow_up',
      crisisStartMinutes: ONSET,
      seed: 7,
      startMs,
    };
  });

  after(async () => {
    await app.close();
    await container.close();
    await testDb.close();
    await Promise.all([slack.close(), teams.close(), smtp.close()]);
  });

  it('manages routing rules: validated, workspace-scoped, audited, live', async () => {
    const channel = async (payload: Record<string, unknown>) => {
      const res = await api<{ id: string }>('POST', '/api/notification-channels', payload);
      assert.equal(res.status, 201, res.raw);
      return res.body.id;
    };
    const slackId = await channel({
      kind: 'slack',
      name: '#crisis',
      // Delivered by the incoming webhook; the bot token maps Slack users to members (users.info).
      secrets: { webhookUrl: slack.webhookUrl, botToken: slack.botToken, signingSecret },
    });
    const teamsId = await channel({ kind: 'teams', name: 'PR', secrets: { webhookUrl: teams.webhookUrl } });
    const emailId = await channel({
      kind: 'email',
      name: 'On-call mail',
      settings: {
        host: smtp.host,
        port: smtp.port,
        from: 'Firebreak <alerts@acme.test>',
        to: ['oncall@acme.test'],
      },
    });
    const bad = await api<{ error: { code: string } }>('POST', '/api/routing-rules', {
      name: 'x',
      channelIds: ['00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(bad.status, 400, bad.raw);
    const noName = await api<{ error: { code: string } }>('POST', '/api/routing-rules', {
      departments: ['pr'],
    });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.code, 'validation_failed');
    const denied = await api('POST', '/api/routing-rules', { name: 'viewer rule' }, viewer);
    assert.equal(denied.status, 403);

    const createdRule = await api<RoutingRule>('POST', '/api/routing-rules', {
      name: 'Acme to PR and legal',
      minSeverity: 'low',
      brandIds: [brandId],
      departments: ['pr', 'legal'],
      channelIds: [slackId, teamsId, emailId],
      ackTimeoutMinutes: 5,
    });
    assert.equal(createdRule.status, 201, createdRule.raw);
    assert.deepEqual(createdRule.body.escalation, ['department_backup', 'crisis_lead', 'admins']);
    const other = await api<RoutingRule>('POST', '/api/routing-rules', {
      name: 'Critical only',
      minSeverity: 'critical',
    });
    const patched = await api<RoutingRule>('PATCH', `/api/routing-rules/${other.body.id}`, {
      enabled: false,
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.enabled, false);
    assert.equal((await api('DELETE', `/api/routing-rules/${other.body.id}`)).status, 204);
    assert.equal((await api('DELETE', `/api/routing-rules/${other.body.id}`)).status, 404);
    const list = await api<{ rules: RoutingRule[] }>('GET', '/api/routing-rules', undefined, viewer);
    assert.deepEqual(
      list.body.rules.map((r) => r.name),
      ['Acme to PR and legal'],
    );
    rule = createdRule.body;
    const audit = await container.database.query<{ action: string }>(
      `select action from audit_log where target_type = 'routing_rule' order by id`,
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['routing_rule.created', 'routing_rule.created', 'routing_rule.updated', 'routing_rule.deleted'],
    );
    const events = await container.database.query<{ name: string }>(
      `select name from events where name like 'routing_rule.%'`,
    );
    assert.equal(events.length, 4);
  });

  it('opens ONE explained signal within one bucket of an instant blow-up, quiet before it', async () => {
    await simulateUntil(ONSET + 3);
    const before = reports.filter((r) => r.minute < ONSET);
    const early = await container.database.query<Record<string, unknown>>(
      `select d.t, d.series_key, d.metric, d.severity, d.score, d.summary from signal_detections d order by d.t`,
    );
    assert.deepEqual(
      before.flatMap((r) => r.report.opened),
      [],
      `no signal on the normal traffic before the crisis: ${JSON.stringify(early.slice(0, 12), null, 1)}`,
    );
    const opening = reports.find((r) => r.report.opened.length > 0)!;
    assert.ok(opening, 'a signal opened');
    assert.ok(opening.minute - ONSET <= 1, `opened by the run after bucket ${opening.minute}`);
    const all = await signals();
    assert.equal(all.length, 1, 'one signal for the blow-up (detections merged)');
    const signal = all[0]!;
    assert.equal(signal.brandId, brandId);
    assert.equal(signal.brandName, 'Acme');
    assert.equal(signal.kind, 'spike');
    assert.equal(signal.status, 'open');
    assert.ok(
      Math.abs(Date.parse(signal.startedAt) - (startMs + ONSET * MINUTE)) <= MINUTE,
      signal.startedAt,
    );
    assert.ok(signal.score >= 0.7);
    assert.ok(signal.detectionCount >= 2, 'several detectors fired into the same signal');
    const e = signal.explanation;
    assert.equal(Date.parse(e.onsetAt), Date.parse(signal.startedAt));
    assert.ok(e.observed > 3 * e.baseline, `observed ${e.observed} against baseline ${e.baseline}`);
    assert.match(e.summary, /Acme/);
    assert.ok(e.series.points.length >= 20);
    const onsetPoint = e.series.points.find((p) => p.t === e.onsetAt)!;
    assert.ok(onsetPoint.observed! > onsetPoint.upper!, 'the onset bucket is above the baseline band');
    assert.ok(
      e.series.points
        .filter((p) => Date.parse(p.t) < Date.parse(e.onsetAt))
        .every((p) => p.expected !== null),
    );
    assert.ok(e.topPosts.length >= 3);
    assert.ok(
      e.topPosts.some((p) => /fail|boycott|outage|breach|scandal|shame|furious|refund/i.test(p.text)),
    );
    assert.ok(e.platforms.length >= 3);
    assert.ok(signal.platforms.length >= 1);
    assert.ok(
      e.topTerms.some((t) => /acmefail|boycott/.test(t.term)),
      `what people are saying: ${e.topTerms.map((t) => t.term).join(', ')}`,
    );
    const detail = await api<SignalDetail>('GET', `/api/signals/${signal.id}`, undefined, viewer);
    assert.equal(detail.status, 200, detail.raw);
    assert.ok(detail.body.detections.some((d) => d.isOnset && d.metric === 'volume'));
    assert.ok(detail.body.chart.points.length >= 120, 'two hours of observed context before the onset');
    assert.ok(
      detail.body.chart.points.some((p) => p.expected === null) &&
        detail.body.chart.points.some((p) => p.expected !== null),
    );
    const audit = await container.database.query<{ action: string }>(
      `select action from audit_log where target_id = '${signal.id}' order by id`,
    );
    assert.equal(audit[0]?.action, 'signal.opened');
    const live = await container.database.query<{ n: number }>(
      `select count(*)::int as n from events where name = 'signal.opened'`,
    );
    assert.equal(live[0]!.n, 1);
  });

  it('routes it to the on-call member of each chosen department, in the app and on Slack, Teams and email', async () => {
    const [signal] = await signals();
    assert.deepEqual(signal!.routedDepartments, ['legal', 'pr']);
    const alerts = await until(async () => {
      const list = await alertsOf(signal!.id);
      return list.length >= 5 && list.every((a) => a.status !== 'pending') ? list : undefined;
    });
    const inApp = alerts
      .filter((a) => a.medium === 'in_app')
      .map((a) => a.recipientMemberId)
      .sort();
    assert.deepEqual(inApp, [people.lena!, people.priya!].sort());
    for (const medium of ['slack', 'teams', 'email'] as const) {
      const a = alerts.find((x) => x.medium === medium);
      assert.equal(a?.status, 'delivered', `${medium}: ${JSON.stringify(a?.attempts)}`);
    }
    assert.ok(slack.messages.some((m) => m.text.includes('Acme')));
    const blocks = JSON.stringify(slack.messages[0]!.blocks);
    assert.match(blocks, /priya \(pr\)/, 'the Slack message names who is on call');
    assert.match(blocks, /firebreak_acknowledge/);
    assert.equal(teams.cards.length, 1);
    assert.equal(smtp.messages.length, 1);
    assert.match(smtp.messages[0]!.raw, /Acme/);
    const notifications = await api<{ notifications: unknown[] }>(
      'GET',
      '/api/notifications',
      undefined,
      await signIn('priya@acme.test'),
    );
    assert.equal(notifications.body.notifications.length, 1);
  });

  it('escalates through the durable job while nobody acknowledges, level by level', async () => {
    const [signal] = await signals();
    const jobs = await escalationJobs();
    const first = jobs.find((j) => j.data.signalId === signal!.id && j.data.level === 1);
    assert.ok(first, 'the escalation is a queued job (a row: it survives a restart)');
    const openedAt = Date.parse(signal!.createdAt);
    assert.equal(new Date(first.start_after).getTime(), openedAt + rule.ackTimeoutMinutes * MINUTE);
    // Not due yet: running the job early changes nothing.
    assert.equal(await container.services.signals.escalate(workspaceId, signal!.id, 1), false);
    // Five minutes later, still unacknowledged: the job escalates to the next member of each department's rotation.
    await simulateUntil(ONSET + 9);
    assert.equal((await signals())[0]!.escalationLevel, 0, 'detection alone does not escalate');
    await escalateSignalJob.handle(container, first.data as never);
    let current = (await signals())[0]!;
    assert.equal(current.escalationLevel, 1);
    const level1 = await until(async () => {
      const list = (await alertsOf(signal!.id)).filter((a) => a.message.title.startsWith('Escalated'));
      return list.length >= 4 && list.every((a) => a.status !== 'pending') ? list : undefined;
    });
    assert.deepEqual(
      level1.filter((a) => a.medium === 'in_app').map((a) => a.recipientMemberId),
      [people.paul!],
      'PR’s backup (legal has nobody else)',
    );
    assert.ok(slack.messages.some((m) => m.text.includes('Escalated')));
    // Running the same job again (a retry) does nothing.
    await escalateSignalJob.handle(container, first.data as never);
    assert.equal((await signals())[0]!.escalationLevel, 1);
    // Five more minutes: the crisis lead on call (executive).
    clock.t += rule.ackTimeoutMinutes * MINUTE;
    const second = (await escalationJobs()).find((j) => j.data.signalId === signal!.id && j.data.level === 2);
    assert.ok(second);
    await escalateSignalJob.handle(container, second.data as never);
    current = (await signals())[0]!;
    assert.equal(current.escalationLevel, 2);
    const level2 = await until(async () => {
      const list = (await alertsOf(signal!.id)).filter(
        (a) => a.medium === 'in_app' && a.subjectVersion % 10 === 2,
      );
      return list.length > 0 ? list : undefined;
    });
    assert.deepEqual(
      level2.map((a) => a.recipientMemberId),
      [people.eve!],
    );
  });

  /** A signed Slack button click on `alertId` by the Slack user `userId`. */
  async function slackClick(alertId: string, action: string, userId: string, username: string) {
    const ts = String(Math.floor(clock.t / 1000));
    const raw = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: userId, username },
        team: { id: 'T1' },
        actions: [{ action_id: action, block_id: `alert:${alertId}`, value: alertId, type: 'button' }],
      }),
    }).toString();
    return app.inject({
      method: 'POST',
      url: '/api/slack/interactions',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': slackSignature(signingSecret, ts, raw),
      },
      payload: raw,
    });
  }
  const auditOf = (signalOrAlertId: string, action: string) =>
    container.database.query<{
      action: string;
      actor_label: string;
      actor_id: string | null;
      summary: unknown;
    }>(
      `select action, actor_label, actor_id, summary from audit_log where target_id = '${signalOrAlertId}' and action = '${action}'`,
    );

  it('refuses a crisis declared from Slack by a Slack user who is not a member, and records the click', async () => {
    const [signal] = await signals();
    const slackAlert = (await alertsOf(signal!.id)).find((a) => a.medium === 'slack')!;
    // U9 is in the Slack workspace (users.info knows her) but her email is no member's.
    slack.users.set('U9', { name: 'mallory', realName: 'Mallory Outsider', email: 'mallory@elsewhere.test' });
    const res = await slackClick(slackAlert.id, 'firebreak_declare_crisis', 'U9', 'mallory');
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(slack.userLookups.includes('U9'), 'Slack was asked who U9 is');
    const still = (await signals())[0]!;
    assert.equal(still.status, 'open', 'no crisis declared');
    assert.equal((await api<{ crises: Crisis[] }>('GET', '/api/crises')).body.crises.length, 0);
    const refused = await auditOf(slackAlert.id, 'alert.action_refused');
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.actor_label, /^Slack user Mallory Outsider \(slack:T1\/U9\)$/);
    assert.equal(refused[0]!.actor_id, null);
  });

  it('stops escalating once acknowledged from Slack’s button, by the member the Slack user is', async () => {
    const [signal] = await signals();
    const slackAlert = (await alertsOf(signal!.id)).find((a) => a.medium === 'slack')!;
    // Slack's users.info gives U7's email: Priya's.
    slack.users.set('U7', { name: 'priya', realName: 'Priya P', email: 'Priya@Acme.test' });
    const res = await slackClick(slackAlert.id, 'firebreak_acknowledge', 'U7', 'priya');
    assert.equal(res.statusCode, 200, res.body);
    const acknowledged = (await signals())[0]!;
    assert.equal(acknowledged.status, 'acknowledged');
    assert.ok(acknowledged.acknowledgedAt);
    assert.equal(acknowledged.ownerId, people.priya, 'Priya owns it');
    const countBefore = (await alertsOf(signal!.id)).length;
    clock.t += 60 * MINUTE;
    const third = (await escalationJobs()).find((j) => j.data.signalId === signal!.id && j.data.level === 3);
    assert.ok(third, 'the next step was queued before the acknowledgement');
    await escalateSignalJob.handle(container, third.data as never);
    assert.deepEqual(await container.services.signals.sweep(clock.now()), { escalated: 0, woken: 0 });
    const after = (await signals())[0]!;
    assert.equal(after.escalationLevel, 2, 'acknowledged: no further escalation');
    assert.equal((await alertsOf(signal!.id)).length, countBefore);
    const audit = await auditOf(signal!.id, 'signal.acknowledged');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_id, people.priya, 'audited as Priya');
    assert.match(audit[0]!.actor_label, /^priya@acme\.test \(via slack:T1\/U7\)$/);
    clock.t = startMs + simulated * MINUTE + 10_000;
  });

  it('answers people: 4xx on bad input, feedback stored and reported', async () => {
    const [signal] = await signals();
    const id = signal!.id;
    assert.equal((await api('POST', `/api/signals/${id}/snooze`, { minutes: 1 })).status, 400);
    assert.equal(
      (await api('POST', '/api/signals/00000000-0000-4000-8000-000000000000/acknowledge', {})).status,
      404,
    );
    assert.equal((await api('POST', `/api/signals/${id}/feedback`, { verdict: 'real' }, viewer)).status, 403);
    const fed = await api<Signal>('POST', `/api/signals/${id}/feedback`, { verdict: 'real', note: 'outage' });
    assert.equal(fed.status, 200, fed.raw);
    assert.equal(fed.body.feedback, 'real');
    const report = await api<SignalFeedbackReport>('GET', '/api/signals/feedback-report', undefined, viewer);
    assert.equal(report.status, 200, report.raw);
    assert.deepEqual(report.body.total, { signals: 1, withFeedback: 1, real: 1, noise: 0, precision: 1 });
    assert.equal(report.body.byKind.find((k) => k.kind === 'spike')!.real, 1);
    assert.equal(report.body.byBrand[0]!.brandName, 'Acme');
    const detail = await api<SignalDetail>('GET', `/api/signals/${id}`);
    assert.deepEqual(
      detail.body.feedback.map((f) => [f.verdict, f.memberName, f.note]),
      [['real', 'admin', 'outage']],
    );
    assert.equal((await api<Signal[]>('GET', '/api/signals?active=false')).status, 200);
    assert.equal((await signals('?active=false')).length, 0);
    assert.equal((await signals('?severity=critical&status=dismissed')).length, 0);
  });

  it('keeps detector state across a restart: replays from the checkpoint, no duplicate signal', async () => {
    const savedBefore = await container.database.query<{ n: number }>(
      `select count(*)::int as n from detector_states where workspace_id = '${workspaceId}'`,
    );
    assert.ok(savedBefore[0]!.n >= 3, 'brand-wide, per-platform and narrative states are checkpointed');
    container.services.detection.forget();
    await simulateUntil(ONSET + 15);
    const last = reports.at(-1)!.report;
    assert.ok(last.series >= 3);
    assert.equal((await signals()).length, 1, 'replayed fires are not recorded again');
    const duplicates = await container.database.query<{ n: number }>(
      `select count(*)::int as n from (select 1 from signal_detections group by workspace_id, brand_id, series_key, metric, t having count(*) > 1) d`,
    );
    assert.equal(duplicates[0]!.n, 0);
  });

  it('declares a crisis from the signal: the crisis record carries the signal and its evidence', async () => {
    const [signal] = await signals();
    const res = await api<{ signal: Signal; crisis: Crisis }>(
      'POST',
      `/api/signals/${signal!.id}/declare-crisis`,
      {
        type: 'service_failure',
      },
    );
    assert.equal(res.status, 201, res.raw);
    const { crisis } = res.body;
    assert.equal(crisis.signalId, signal!.id);
    assert.equal(crisis.brandId, brandId);
    assert.equal(crisis.title, signal!.title);
    assert.ok(crisis.evidenceMentionIds.length >= 3);
    assert.equal(res.body.signal.status, 'escalated');
    assert.equal(res.body.signal.crisisId, crisis.id);
    const again = await api('POST', `/api/signals/${signal!.id}/declare-crisis`, {});
    assert.equal(again.status, 409, 'one crisis per signal');
    const crises = await api<{ crises: Crisis[] }>('GET', '/api/crises');
    assert.deepEqual(
      crises.body.crises.map((c) => c.signalId),
      [signal!.id],
    );
    assert.equal((await api('POST', `/api/signals/${signal!.id}/acknowledge`, {})).status, 409);
  });
  it('warms a new brand up from its history at once: past fires are learnt, the next blow-up opens a signal', async () => {
    const created = await api<{ id: string }>('POST', '/api/brands', {
      name: 'Globex',
      keywords: ['Globex'],
    });
    assert.equal(created.status, 201, created.raw);
    container.services.ingestion.invalidateBrands(workspaceId);
    // Globex's signals go to the same people and channels.
    const routed = await api('PATCH', `/api/routing-rules/${rule.id}`, {
      brandIds: [brandId, created.body.id],
    });
    assert.equal(routed.status, 200, routed.raw);
    const now = Math.floor(clock.t / MINUTE) * MINUTE;
    const history = 25 * 60;
    // Minute `history` of the plan is bucket `now`; the blow-up comes the minute after.
    const globex: SimulatorPlan = {
      keywords: ['Globex'],
      ratePerMinute: 5,
      crisis: 'instant_blow_up',
      crisisStartMinutes: history + 1,
      seed: 11,
      startMs: now - history * MINUTE,
    };
    for (let m = 0; m <= history; m += 120) {
      const mentions = [];
      for (let k = m; k < Math.min(history + 1, m + 120); k++) {
        mentions.push(...simulateMinute(globex, k).mentions);
      }
      await container.services.ingestion.ingest(workspaceId, { mentions, nextCursor: null, skipped: 0 });
    }
    clock.t = now + MINUTE + 10_000;
    const first = await container.services.detection.runWorkspace(workspaceId);
    assert.ok(first.updates >= history, `the history was learnt (${first.updates} series updates)`);
    assert.deepEqual(first.opened, [], 'fires in the history are learnt, not raised');
    clock.t = now + MINUTE + 30_000;
    await container.services.ingestion.ingest(workspaceId, {
      mentions: simulateMinute(globex, history + 1).mentions,
      nextCursor: null,
      skipped: 0,
    });
    clock.t = now + 2 * MINUTE + 10_000;
    const next = await container.services.detection.runWorkspace(workspaceId);
    assert.equal(next.opened.length, 1, JSON.stringify(next));
    const opened = (await signals()).find((x) => x.id === next.opened[0])!;
    assert.equal(opened.brandName, 'Globex');
    assert.equal(opened.startedAt, new Date(now + MINUTE).toISOString());

    // Acknowledged from Slack by someone Slack does not know (no users.info match): recorded, owned by nobody.
    const slackAlert = await until(async () => (await alertsOf(opened.id)).find((a) => a.medium === 'slack'));
    const res = await slackClick(slackAlert.id, 'firebreak_acknowledge', 'U404', 'ghost');
    assert.equal(res.statusCode, 200, res.body);
    const acknowledged = (await signals()).find((x) => x.id === opened.id)!;
    assert.equal(acknowledged.status, 'acknowledged');
    assert.equal(acknowledged.ownerId, null, 'no member owns it');
    const audit = await auditOf(opened.id, 'signal.acknowledged');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_label, 'Slack user ghost (slack:T1/U404)');
  });
});
