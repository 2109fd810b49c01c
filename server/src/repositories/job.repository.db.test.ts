import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type Database, openPglite, openPostgres } from '../db/database';
import { runMigrations } from '../db/migrate';
import { newTestDatabase, tempDir, testDatabaseKind, type TestDatabase } from '../../test/database';
import { PgBossJobRepository } from './job.repository';

const fast = { pollingIntervalSeconds: 0.5 };

function waitUntil(check: () => boolean, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`condition not met within ${ms} ms`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe(PgBossJobRepository.name, () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function openJobs(database: Database) {
    const jobs = new PgBossJobRepository(database, fast);
    await jobs.start();
    return jobs;
  }

  it('runs a job scheduled at a time no earlier than that time', async () => {
    const testDb = await newTestDatabase();
    cleanups.push(() => testDb.close());
    const jobs = await openJobs(testDb.database);
    cleanups.push(() => jobs.stop());
    await jobs.define('test.at', { retryLimit: 0, retryDelaySeconds: 1, backoff: false });
    const ranAt: number[] = [];
    await jobs.work('test.at', async () => {
      ranAt.push(Date.now());
    });
    const runAt = new Date(Date.now() + 1500);
    await jobs.enqueue('test.at', { n: 1 }, { runAt });
    await waitUntil(() => ranAt.length === 1, 8000);
    assert.ok(ranAt[0]! >= runAt.getTime() - 50, `ran ${runAt.getTime() - ranAt[0]!} ms early`);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const testDb = await newTestDatabase();
    cleanups.push(() => testDb.close());
    const jobs = await openJobs(testDb.database);
    cleanups.push(() => jobs.stop());
    await jobs.define('test.flaky', { retryLimit: 3, retryDelaySeconds: 1, backoff: true });
    const attempts: number[] = [];
    await jobs.work('test.flaky', async (_payload, meta) => {
      attempts.push(meta.attempt);
      if (meta.attempt < 3) throw new Error('upstream down');
    });
    const id = (await jobs.enqueue('test.flaky', {}))!;
    await waitUntil(() => attempts.length === 3, 15000);
    await waitUntil(() => true, 300);
    assert.deepEqual(attempts, [1, 2, 3]);
    const state = await jobs.state('test.flaky', id);
    assert.equal(state?.retryCount, 2);
  });

  it('keeps a scheduled job and a cron schedule across a restart and runs the job afterwards', async () => {
    // First "process": schedule, then stop before the job is due.
    let first: TestDatabase | { database: Database; url: string | undefined; close(): Promise<void> };
    let reopen: () => Promise<Database>;
    if (testDatabaseKind === 'pglite') {
      const dir = tempDir('jobs-restart');
      const db = await openPglite({ dataDir: dir });
      await runMigrations(db);
      first = { database: db, url: undefined, close: () => db.close() };
      reopen = () => openPglite({ dataDir: dir });
    } else {
      const testDb = await newTestDatabase();
      cleanups.push(() => testDb.close());
      first = { database: testDb.database, url: testDb.url, close: async () => {} };
      reopen = () => openPostgres(testDb.url!);
    }
    const before = await openJobs(first.database);
    await before.define('test.later', { retryLimit: 0, retryDelaySeconds: 1, backoff: false });
    await before.define('test.cron', { retryLimit: 0, retryDelaySeconds: 1, backoff: false });
    await before.schedule('test.cron', '*/5 * * * *');
    await before.enqueue('test.later', { hello: 'after restart' }, { runAt: new Date(Date.now() + 1000) });
    await before.stop();
    await first.close();

    const database = await reopen();
    cleanups.push(() => database.close());
    const afterRestart = await openJobs(database);
    cleanups.push(() => afterRestart.stop());
    const seen: unknown[] = [];
    await afterRestart.work('test.later', async (payload) => {
      seen.push(payload);
    });
    await waitUntil(() => seen.length === 1, 10000);
    assert.deepEqual(seen, [{ hello: 'after restart' }]);
    const schedules = await database.query<{ name: string; cron: string }>(
      'select name, cron from pgboss.schedule',
    );
    assert.deepEqual(schedules, [{ name: 'test.cron', cron: '*/5 * * * *' }]);
  });
});
