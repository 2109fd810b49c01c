import PgBoss from 'pg-boss';
import type { Database } from '../db/database';

export interface JobOptions {
  /** Run no earlier than this time. */
  runAt?: Date;
  /** At most one queued job with this key per name (idempotent scheduling). */
  singletonKey?: string;
}

export interface RetryPolicy {
  /** Attempts after the first failure. */
  retryLimit: number;
  /** Seconds before the first retry; doubles each time when `backoff`. */
  retryDelaySeconds: number;
  backoff: boolean;
}

export type JobHandler = (payload: unknown, meta: { id: string; attempt: number }) => Promise<void>;

/**
 * Durable background jobs: scheduled at a time, recurring by cron, retried with backoff, surviving
 * restarts. Backed by pg-boss 10 on the same database (PGlite through its executeSql adapter).
 * The rest of the code sees only this interface, so the queue library can change.
 */
export interface JobRepository {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Declares a job name and its retry policy; must precede enqueue/work/schedule for that name. */
  define(name: string, retry: RetryPolicy): Promise<void>;
  work(name: string, handler: JobHandler): Promise<void>;
  enqueue(name: string, payload: object, options?: JobOptions): Promise<string | null>;
  /** Runs `name` on a cron expression (UTC). Replaces an earlier schedule of the same name. */
  schedule(name: string, cron: string, payload?: object): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** The state of one job, for tests and the UI. */
  state(name: string, id: string): Promise<{ state: string; retryCount: number } | undefined>;
}

export interface PgBossTuning {
  pollingIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
}

export class PgBossJobRepository implements JobRepository {
  private readonly boss: PgBoss;
  private readonly pollingIntervalSeconds: number;
  private started = false;

  constructor(database: Database, tuning: PgBossTuning = {}) {
    this.pollingIntervalSeconds = tuning.pollingIntervalSeconds ?? 2;
    const connection =
      'connectionString' in database.jobBackend
        ? { connectionString: database.jobBackend.connectionString, max: 4 }
        : { db: database.jobBackend as PgBoss.Db };
    this.boss = new PgBoss({
      ...connection,
      schema: 'pgboss',
      // Keep maintenance light: PGlite shares one session with the API.
      maintenanceIntervalSeconds: 300,
      monitorStateIntervalSeconds: 600,
      ...(tuning.cronWorkerIntervalSeconds
        ? { cronWorkerIntervalSeconds: tuning.cronWorkerIntervalSeconds }
        : {}),
    });
    this.boss.on('error', () => {
      // pg-boss reports transient polling errors here; failed jobs are retried by policy.
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000, close: true });
  }

  async define(name: string, retry: RetryPolicy): Promise<void> {
    const options = {
      retryLimit: retry.retryLimit,
      retryDelay: retry.retryDelaySeconds,
      retryBackoff: retry.backoff,
    };
    const existing = await this.boss.getQueue(name);
    if (existing) await this.boss.updateQueue(name, { name, ...options });
    else await this.boss.createQueue(name, { name, ...options });
  }

  async work(name: string, handler: JobHandler): Promise<void> {
    await this.boss.work<object>(
      name,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.pollingIntervalSeconds },
      async (jobs) => {
        for (const job of jobs) await handler(job.data, { id: job.id, attempt: job.retryCount + 1 });
      },
    );
  }

  async enqueue(name: string, payload: object, options: JobOptions = {}): Promise<string | null> {
    return this.boss.send(name, payload, {
      ...(options.runAt ? { startAfter: options.runAt } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
  }

  async schedule(name: string, cron: string, payload: object = {}): Promise<void> {
    await this.boss.schedule(name, cron, payload, { tz: 'UTC' });
  }

  async unschedule(name: string): Promise<void> {
    await this.boss.unschedule(name);
  }

  async state(name: string, id: string): Promise<{ state: string; retryCount: number } | undefined> {
    const job = await this.boss.getJobById(name, id);
    return job ? { state: job.state, retryCount: job.retryCount } : undefined;
  }
}
