// Late mentions on the real database and ingestion pipeline, under a controlled clock: mentions that arrive for a
// minute the detectors already evaluated count into the next evaluation (a late burst still opens a signal), while
// an old backfill, beyond the late-mention horizon, is not mistaken for a spike.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { IncomingMention } from '../../../contracts';
import { loadConfig } from '../config';
import { simulateMinute, type SimulatorPlan } from '../connectors/simulator/simulator.generator';
import { type Container, createContainer } from '../container';
import { newTestDatabase, type TestDatabase } from '../../test/database';
import type { DetectionReport } from './detection.service';

const MINUTE = 60_000;
const HISTORY = 180;

describe('detection: late mentions', () => {
  let testDb: TestDatabase;
  let container: Container;
  let workspaceId: string;
  // Yesterday at noon UTC: the flat top of the simulator's daily curve.
  const startMs = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000 + 12 * 3_600_000;
  const clock = { t: startMs, now: () => new Date(clock.t) };
  const plan: SimulatorPlan = {
    keywords: ['Acme'],
    ratePerMinute: 10,
    crisis: 'none',
    crisisStartMinutes: 0,
    seed: 3,
    startMs,
  };
  let simulated = 0;

  const ingest = async (mentions: IncomingMention[]) => {
    await container.services.ingestion.ingest(workspaceId, { mentions, nextCursor: null, skipped: 0 });
  };
  /** `n` batches of ordinary mentions, all created in the minute starting at `minuteMs`. */
  const burst = (minuteMs: number, seeds: number, seedBase: number): IncomingMention[] =>
    Array.from(
      { length: seeds },
      (_, i) => simulateMinute({ ...plan, seed: seedBase + i, startMs: minuteMs }, 0).mentions,
    ).flat();
  /** Ingests minute `m` on time (30 s into it) and runs detection 10 s after it ends. */
  const minute = async (m: number, extra: () => Promise<void> = async () => {}): Promise<DetectionReport> => {
    clock.t = startMs + m * MINUTE + 30_000;
    await ingest(simulateMinute(plan, m).mentions);
    await extra();
    clock.t = startMs + (m + 1) * MINUTE + 10_000;
    simulated = m + 1;
    return container.services.detection.runWorkspace(workspaceId);
  };
  const signalCount = async () =>
    (
      await container.database.query<{ n: number }>(
        `select count(*)::int as n from signals where workspace_id = '${workspaceId}'`,
      )
    )[0]!.n;

  before(async () => {
    testDb = await newTestDatabase();
    container = await createContainer(
      loadConfig({ FIREBREAK_LOG_LEVEL: 'silent', FIREBREAK_SECRET_KEY: randomBytes(32).toString('base64') }),
      {
        database: testDb.database,
        migrate: false,
        clock,
        detection: { warmupHours: 2, narrative: { warmupMinutes: 90 } },
      },
    );
    const created = await container.services.workspaces.createWorkspace({
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      ownerPassword: 'correct horse battery staple',
    });
    workspaceId = created.workspace.id;
    await container.repositories.brands.insert({
      workspaceId,
      name: 'Acme',
      handles: {},
      keywords: ['Acme'],
      query: null,
    });
    container.services.ingestion.invalidateBrands(workspaceId);
    // Three hours of ordinary traffic, learnt by the first run.
    for (let m = 0; m < HISTORY; m += 60) {
      clock.t = startMs + (m + 60) * MINUTE;
      const mentions = [];
      for (let k = m; k < m + 60; k++) mentions.push(...simulateMinute(plan, k).mentions);
      await ingest(mentions);
    }
    clock.t = startMs + HISTORY * MINUTE + 10_000;
    simulated = HISTORY;
    const first = await container.services.detection.runWorkspace(workspaceId);
    assert.ok(first.updates >= HISTORY, 'the history was learnt');
    for (let m = HISTORY; m < HISTORY + 10; m++) await minute(m);
    assert.equal(await signalCount(), 0, 'ordinary traffic opens no signal');
  });

  after(async () => {
    await container.close();
    await testDb.close();
  });

  it('has the job wait out the allowed lateness at the start of a minute, and only then', () => {
    const minuteStart = Date.UTC(2026, 0, 5, 10, 0, 0);
    const wait = (ms: number) => container.services.detection.settleWaitMs(new Date(minuteStart + ms));
    assert.equal(wait(2_000), 3_250, 'the cron fired 2 s into the minute: 3 s more, and a margin');
    assert.equal(wait(5_000), 0);
    assert.equal(wait(40_000), 0);
  });

  it('does not take a backfill from a week ago for a spike', async () => {
    const weekAgo = Math.floor((clock.t - 7 * 86_400_000) / MINUTE) * MINUTE;
    // Thirty minutes' worth of mentions for one minute a week ago, and ten times the usual volume of this
    // morning's first minutes: imported now, in the middle of a minute.
    const report = await minute(simulated, async () => {
      await ingest(burst(weekAgo, 30, 5000));
      await ingest(burst(startMs, 30, 6000));
    });
    assert.equal(report.late.mentions, 0, 'nothing within the late-mention horizon');
    assert.equal(report.fires, 0, JSON.stringify(report));
    for (let k = 0; k < 3; k++) assert.equal((await minute(simulated)).fires, 0);
    assert.equal(await signalCount(), 0, 'no signal from the backfill');
  });

  it('reads a backfill of the last minutes as one minute at its rate, not as a pile-up', async () => {
    // Five minutes evaluated without their mentions (a source that stalled), which then arrive together.
    const y = simulated;
    const stalled: IncomingMention[] = [];
    for (let m = y; m < y + 5; m++) {
      stalled.push(...simulateMinute(plan, m).mentions);
      clock.t = startMs + (m + 1) * MINUTE + 10_000;
      simulated = m + 1;
      await container.services.detection.runWorkspace(workspaceId);
    }
    const report = await minute(simulated, () => ingest(stalled));
    assert.equal(report.late.buckets, 5);
    assert.equal(report.late.mentions, stalled.length);
    assert.equal(report.fires, 0, JSON.stringify(report));
    assert.equal(await signalCount(), 0);
  });

  it('counts a late burst for a minute already evaluated into the next evaluation, which opens the signal', async () => {
    // Minute X is evaluated with its ordinary mentions; then 15 minutes' worth of mentions created in X arrive.
    const x = simulated;
    const evaluated = await minute(x);
    assert.equal(evaluated.fires, 0);
    assert.equal(evaluated.to, startMs + x * MINUTE, 'minute X was evaluated');
    const lateBurst = burst(startMs + x * MINUTE, 15, 7000);
    const report = await minute(x + 1, () => ingest(lateBurst));
    assert.equal(report.late.buckets, 1, 'one evaluated bucket grew');
    assert.equal(report.late.mentions, lateBurst.length, 'every late mention counted');
    assert.equal(report.opened.length, 1, `the burst opens a signal: ${JSON.stringify(report)}`);
    // Counted once: the next minute is ordinary again.
    const next = await minute(x + 2);
    assert.equal(next.late.mentions, 0);
  });
});
