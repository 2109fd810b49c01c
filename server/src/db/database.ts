// Opens the database: embedded PGlite (default, one process owns the data directory) or PostgreSQL
// (DATABASE_URL). Both run the same Drizzle schema and the same SQL migrations.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Raw parameterised SQL, for the few statements Drizzle does not express well. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Subscribes to a NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** What pg-boss needs to reach this database. */
  readonly jobBackend:
    | { connectionString: string }
    | { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${dataDir} is already in use by another Firebreak process (pid ${pid}). ` +
        'Embedded mode allows one process per data directory: stop that process (or use its API), ' +
        'or set FIREBREAK_DATA_DIR to another directory. To run several processes, use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no lock of its own: a lock file with our pid keeps a second process out. */
function acquireDataDirLock(dataDir: string): () => void {
  const path = join(dataDir, 'firebreak.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let pid = 0;
      try {
        pid = Number((JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid) || 0;
      } catch {
        // An unreadable lock file is stale.
      }
      if (pid > 0 && isAlive(pid)) throw new DatabaseLockedError(dataDir, pid);
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

export interface PgliteOptions {
  /** Directory holding the database; omitted means in memory (tests). */
  dataDir?: string;
  /** A dump made with `dumpDataDir()` to start from (tests clone a migrated golden image). */
  loadDataDir?: Blob;
}

/**
 * Creates a new PGlite cluster (initdb) in a short-lived child process. Done in this process, initdb's WebAssembly
 * memory and module stay reachable for the life of the PGlite instance: about 450 MB of RSS that a server which
 * created its data directory would carry until restarted (measured: 830 MB after a fresh start against 355 MB
 * after opening an existing directory). The child exits, so the server opens a ready cluster at the lower figure.
 */
function initialisePgliteDir(pgliteDir: string): void {
  const script =
    'const { PGlite } = await import(process.env.FIREBREAK_PGLITE_MODULE);' +
    'const db = await PGlite.create({ dataDir: process.env.FIREBREAK_PGLITE_DIR });' +
    'await db.close();';
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      FIREBREAK_PGLITE_MODULE: import.meta.resolve('@electric-sql/pglite'),
      FIREBREAK_PGLITE_DIR: pgliteDir,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    // Creating it in this process still works, only with the larger footprint.
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  let release = () => {};
  let pgliteDir: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    release = acquireDataDirLock(options.dataDir);
    pgliteDir = join(options.dataDir, 'pglite');
    if (!existsSync(pgliteDir) && !options.loadDataDir) initialisePgliteDir(pgliteDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(pgliteDir ? { dataDir: pgliteDir } : {}),
      // PostgreSQL's buffer cache lives in PGlite's WebAssembly memory, which never shrinks: the default 128 MB
      // put a server over 500 MB of RSS under sustained ingestion. On disk the OS page cache still caches the
      // files; measured with bench/ingest.bench.ts, 32 MB ingests as fast (docs/benchmarks.md#listening).
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query<T>(text: string, params: unknown[] = []) {
      const result = await client.query<T>(text, params);
      return result.rows;
    },
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => {
        await unsubscribe();
      };
    },
    jobBackend: {
      executeSql: async (text: string, values?: unknown[]) => {
        if (values && values.length > 0) return client.query(text, values);
        const results = await client.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      },
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  } as Database & { pglite: PGlite };
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection the server closes (restart, failover) is dropped and replaced on next use;
  // without a handler node-postgres would crash the process (its documented behaviour).
  pool.on('error', () => {});
  // Fail fast with a clear message when the server is unreachable.
  try {
    const c = await pool.connect();
    c.release();
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL: ${(error as Error).message}`);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    db,
    async query<T>(text: string, params: unknown[] = []) {
      const result = await pool.query(text, params);
      return result.rows as T[];
    },
    async listen(channel, onPayload) {
      // LISTEN needs a dedicated connection that outlives any query.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      });
      client.on('error', () => {
        // The connection dropped; the server's events stop until restart, which logs it.
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end().catch(() => {});
      };
    },
    jobBackend: { connectionString: url },
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => {})));
      await pool.end();
    },
  };
}

export async function createDatabase(config: Config): Promise<Database> {
  return config.database.kind === 'postgres'
    ? openPostgres(config.database.url)
    : openPglite({ dataDir: config.database.dataDir });
}

export function isFreshDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'pglite'));
}
