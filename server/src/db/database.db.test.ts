import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { newTestDatabase, tempDir, testDatabaseKind } from '../../test/database';
import { EventBusRepository } from '../repositories/event-bus.repository';
import { EventRepository } from '../repositories/event.repository';
import { IdentityRepository } from '../repositories/identity.repository';
import { DatabaseLockedError, openPglite, openPostgres } from './database';
import { runMigrations } from './migrate';

describe('the embedded database', () => {
  it('refuses a second opener of the same data directory with a clear message', async () => {
    const dir = tempDir('lock');
    const first = await openPglite({ dataDir: dir });
    try {
      await assert.rejects(openPglite({ dataDir: dir }), (error: unknown) => {
        assert.ok(error instanceof DatabaseLockedError);
        assert.match(error.message, /already in use by another Firebreak process/);
        assert.match(error.message, /FIREBREAK_DATA_DIR/);
        return true;
      });
    } finally {
      await first.close();
    }
    // Closing released the lock.
    const again = await openPglite({ dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = tempDir('stale');
    writeFileSync(join(dir, 'firebreak.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const db = await openPglite({ dataDir: dir });
    await db.close();
  });

  it('runs migrations idempotently', async () => {
    const testDb = await newTestDatabase();
    try {
      await runMigrations(testDb.database);
      await runMigrations(testDb.database);
      const rows = await testDb.database.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      assert.ok(rows[0]!.n >= 2);
    } finally {
      await testDb.close();
    }
  });
});

describe('events across server instances', () => {
  it('delivers an event committed through one instance to the bus of another (LISTEN/NOTIFY)', async () => {
    const testDb = await newTestDatabase();
    // A second instance: its own connection pool on PostgreSQL; on PGlite the same process shares the one database.
    const other = testDatabaseKind === 'postgres' ? await openPostgres(testDb.url!) : testDb.database;
    const busA = new EventBusRepository(testDb.database);
    const busB = new EventBusRepository(other);
    try {
      await busA.start();
      await busB.start();
      const identity = new IdentityRepository(testDb.database.db);
      const ws = await identity.insertWorkspace({ name: 'Bus', slug: 'bus' });
      const heardA: string[] = [];
      const heardB: string[] = [];
      busA.subscribe(ws.id, (e) => heardA.push(e.name));
      busB.subscribe(ws.id, (e) => heardB.push(e.name));
      await testDb.database.db.transaction(async (tx) => {
        await new EventRepository(tx as never).append(ws.id, 'audit.appended', { id: '1', action: 'x' });
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(heardB, [], 'nothing is heard before commit');
      });
      for (let i = 0; i < 100 && (heardA.length === 0 || heardB.length === 0); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.deepEqual(heardA, ['audit.appended']);
      assert.deepEqual(heardB, ['audit.appended']);
    } finally {
      await busA.stop();
      await busB.stop();
      if (other !== testDb.database) await other.close();
      await testDb.close();
    }
  });
});
