import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './database';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every pending migration. On PostgreSQL an advisory lock serialises concurrent starters;
 * drizzle's node-postgres migrator hangs over PGlite, so PGlite uses its own migrator.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase & { $client: PGlite }, { migrationsFolder });
    return;
  }
  await database.query('select pg_advisory_lock(727274)');
  try {
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  } finally {
    await database.query('select pg_advisory_unlock(727274)');
  }
}
