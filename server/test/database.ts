// Test databases: a fresh PGlite per test file cloned from a migrated golden image, or, when DATABASE_URL is
// set, a fresh PostgreSQL database cloned from a migrated template (CREATE DATABASE … TEMPLATE).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../src/db/database';
import { migrationsFolder, runMigrations } from '../src/db/migrate';

// Tests may read the environment: which database the suite runs on is the runner's choice.
const postgresUrl = process.env.DATABASE_URL || undefined;
const runTmp = process.env.FIREBREAK_TEST_TMP ?? join(tmpdir(), 'firebreak-tests-adhoc');
mkdirSync(runTmp, { recursive: true });

export const testDatabaseKind: 'pglite' | 'postgres' = postgresUrl ? 'postgres' : 'pglite';

export interface TestDatabase {
  database: Database;
  /** A URL other processes/instances can use to reach the same database (PostgreSQL only). */
  url: string | undefined;
  close(): Promise<void>;
}

/** Changes whenever a migration is added, so a cached golden image is never stale. */
const migrationsKey = createHash('sha256')
  .update(readFileSync(join(migrationsFolder, 'meta/_journal.json')))
  .digest('hex')
  .slice(0, 12);

/**
 * Test files run in parallel processes: a file another process is still writing must never be read half-written,
 * so it is written beside its name and renamed into place (two processes racing both write a valid one).
 */
function writeAtomically(path: string, data: string | Buffer): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}

async function goldenPglite(): Promise<Blob> {
  const path = join(runTmp, `pglite-golden-${migrationsKey}.tar.gz`);
  if (!existsSync(path)) {
    const db = await openPglite();
    await runMigrations(db);
    const dump = await (
      db as Database & { pglite: { dumpDataDir(c: 'gzip'): Promise<File | Blob> } }
    ).pglite.dumpDataDir('gzip');
    writeAtomically(path, Buffer.from(await dump.arrayBuffer()));
    await db.close();
  }
  return new Blob([readFileSync(path)]);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresTemplate(): Promise<string> {
  const marker = join(runTmp, `pg-template-${migrationsKey}`);
  if (existsSync(marker)) return readFileSync(marker, 'utf8');
  const name = `fb_template_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const db = await openPostgres(withDatabase(postgresUrl!, name));
  await runMigrations(db);
  await db.close();
  writeAtomically(marker, name);
  return name;
}

export async function newTestDatabase(): Promise<TestDatabase> {
  if (!postgresUrl) {
    const database = await openPglite({ loadDataDir: await goldenPglite() });
    return { database, url: undefined, close: () => database.close() };
  }
  const template = await postgresTemplate();
  const name = `fb_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = withDatabase(postgresUrl, name);
  const database = await openPostgres(url);
  return {
    database,
    url,
    async close() {
      await database.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh directory for tests that need a PGlite data directory on disk. */
export function tempDir(prefix: string): string {
  const dir = join(runTmp, `${prefix}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
