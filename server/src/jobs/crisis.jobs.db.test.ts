import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../config';
import { type Container, createContainer } from '../container';
import { type Database, openPglite, openPostgres } from '../db/database';
import { runMigrations } from '../db/migrate';
import { systemActor } from '../domain/actor';
import { newTestDatabase, tempDir, testDatabaseKind } from '../../test/database';
import { sitrepDueJob, taskOverdueJob } from './crisis.jobs';
import { startJobRunner } from './job-runner';

const quiet = { info() {}, warn() {}, error() {} };

async function waitFor<T>(check: () => Promise<T | undefined>, ms: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crisis jobs', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('escalates an overdue task to the crisis lead after a server restart (the job survives), once', async () => {
    let database: Database;
    let reopen: () => Promise<Database>;
    let closeFirst: () => Promise<void>;
    if (testDatabaseKind === 'pglite') {
      const dir = tempDir('crisis-restart');
      database = await openPglite({ dataDir: dir });
      await runMigrations(database);
      closeFirst = () => database.close();
      reopen = () => openPglite({ dataDir: dir });
    } else {
      const testDb = await newTestDatabase();
      cleanups.push(() => testDb.close());
      database = testDb.database;
      closeFirst = async () => {};
      reopen = () => openPostgres(testDb.url!);
    }
    const config = loadConfig({
      FIREBREAK_LOG_LEVEL: 'silent',
      FIREBREAK_PUBLIC_URL: 'http://firebreak.test',
    });
    const tuning = { pollingIntervalSeconds: 0.5 };

    // First process: a crisis with a task due in 2 seconds; the server stops before the deadline.
    let container: Container = await createContainer(config, { database, migrate: false, jobTuning: tuning });
    const created = await container.services.workspaces.createWorkspace({
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      ownerPassword: 'correct horse battery staple',
    });
    const workspaceId = created.workspace.id;
    const lead = await container.services.workspaces.createUser({
      workspace: created.workspace.slug,
      email: 'lead@acme.test',
      name: 'Lena Lead',
      department: 'executive',
      role: 'member',
      password: 'correct horse battery staple',
    });
    const system = systemActor(workspaceId, 'test');
    await container.services.onCall.setRotation(system, {
      department: 'executive',
      memberIds: [lead.member.id],
      handoffEveryHours: 24,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const crisis = await container.services.crises.declare(system, {
      title: 'Outage',
      type: 'other',
      severity: 'SEV4',
    });
    assert.equal(crisis.leadId, lead.member.id);
    const deadline = new Date(Date.now() + 2000);
    const task = await container.services.crises.createTask(system, crisis.id, {
      title: 'Answer the press',
      description: '',
      department: 'pr',
      deadline: deadline.toISOString(),
      dependsOn: [],
    });
    const done = await container.services.crises.createTask(system, crisis.id, {
      title: 'Done in time',
      description: '',
      department: 'pr',
      deadline: deadline.toISOString(),
      dependsOn: [],
    });
    await container.services.crises.updateTask(system, crisis.id, done.id, { status: 'done' });
    await container.close();
    await closeFirst();

    // Second process on the same data: the job fires at the deadline and escalates.
    database = await reopen();
    cleanups.push(() => database.close());
    container = await createContainer(config, { database, migrate: false, jobTuning: tuning });
    cleanups.push(() => container.close());
    await startJobRunner(container, quiet, [taskOverdueJob, sitrepDueJob] as never);
    const escalation = await waitFor(async () => {
      const room = await container.services.crises.room(system, crisis.id);
      return room.timeline.find((e) => e.kind === 'escalation');
    }, 15_000);
    assert.ok(Date.now() >= deadline.getTime());
    assert.match(escalation.summary, /Answer the press/);
    assert.match(escalation.summary, /Lena Lead/);
    const notifications = await database.query<{ payload: { memberId: string; kind: string } }>(
      `select payload from events where name = 'crisis.notification'`,
    );
    assert.deepEqual(
      notifications.map((n) => [n.payload.memberId, n.payload.kind]),
      [[lead.member.id, 'task_overdue']],
    );
    const room = await container.services.crises.room(system, crisis.id);
    assert.ok(room.tasks.find((x) => x.id === task.id)!.escalatedAt);
    assert.equal(room.tasks.find((x) => x.id === done.id)!.escalatedAt, null, 'a done task never escalates');
    // Running the job again (a retry) changes nothing.
    assert.equal(
      await container.services.crises.escalateOverdueTask(system, crisis.id, task.id, deadline.toISOString()),
      false,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const again = await container.services.crises.room(system, crisis.id);
    assert.equal(again.timeline.filter((e) => e.kind === 'escalation').length, 1);
  });

  it('reminds the crisis lead when a situation report is due, once, and queues the next one on the cadence', async () => {
    const testDb = await newTestDatabase();
    cleanups.push(() => testDb.close());
    const config = loadConfig({
      FIREBREAK_LOG_LEVEL: 'silent',
      FIREBREAK_PUBLIC_URL: 'http://firebreak.test',
    });
    const container = await createContainer(config, { database: testDb.database, migrate: false });
    cleanups.push(() => container.close());
    const created = await container.services.workspaces.createWorkspace({
      name: 'Acme',
      ownerEmail: 'owner@acme.test',
      ownerPassword: 'correct horse battery staple',
    });
    const lead = await container.services.workspaces.createUser({
      workspace: created.workspace.slug,
      email: 'lead@acme.test',
      name: 'Lena Lead',
      department: 'executive',
      role: 'member',
      password: 'correct horse battery staple',
    });
    const system = systemActor(created.workspace.id, 'test');
    await container.services.onCall.setRotation(system, {
      department: 'executive',
      memberIds: [lead.member.id],
      handoffEveryHours: 24,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const crisis = await container.services.crises.declare(system, {
      title: 'Data leak rumours',
      type: 'data_breach',
      severity: 'SEV1',
    });
    const due = new Date(crisis.nextSitrepDueAt!);
    // SEV1 reports every hour.
    assert.equal(due.getTime() - new Date(crisis.declaredAt).getTime(), 3_600_000);
    const queued = async () =>
      (
        await testDb.database.query<{ data: { crisisId: string; dueAt: string } }>(
          `select data from pgboss.job where name = 'crisis.sitrep-due' order by start_after`,
        )
      )
        .filter((j) => j.data.crisisId === crisis.id)
        .map((j) => j.data.dueAt);
    assert.deepEqual(await queued(), [due.toISOString()]);

    // The job runs at the due time (called directly here: an hour is too long to wait).
    assert.equal(await container.services.crises.remindSitrep(system, crisis.id, due.toISOString()), true);
    const room = await container.services.crises.room(system, crisis.id);
    const reminder = room.timeline.find((e) => e.kind === 'reminder')!;
    assert.match(reminder.summary, /Situation report due \(SEV1 cadence\): situation, actions, needs/);
    const next = new Date(room.crisis.nextSitrepDueAt!);
    assert.equal(next.getTime() - due.getTime(), 3_600_000);
    assert.deepEqual(await queued(), [due.toISOString(), next.toISOString()]);
    const notes = await testDb.database.query<{ payload: { memberId: string; kind: string } }>(
      `select payload from events where name = 'crisis.notification'`,
    );
    assert.deepEqual(
      notes.map((n) => [n.payload.memberId, n.payload.kind]),
      [[lead.member.id, 'sitrep_due']],
    );
    // A retry of the same job, or a report filed in the meantime, supersedes it: no second reminder.
    assert.equal(await container.services.crises.remindSitrep(system, crisis.id, due.toISOString()), false);
    await container.services.crises.fileSitrep(system, crisis.id, {
      situation: 'Contained to one forum',
      actions: 'Statement drafted',
      needs: 'Legal review',
    });
    assert.equal(await container.services.crises.remindSitrep(system, crisis.id, next.toISOString()), false);
    const after = await container.services.crises.room(system, crisis.id);
    assert.equal(after.timeline.filter((e) => e.kind === 'reminder').length, 1);
    assert.equal(after.sitreps.length, 1);
    assert.ok(after.timeline.some((e) => e.kind === 'sitrep' && /Contained to one forum/.test(e.summary)));

    // A resolved crisis has no report due and is not reminded; flaring up again starts a fresh cadence.
    const dueBefore = after.crisis.nextSitrepDueAt!;
    const resolved = await container.services.crises.changeStatus(system, crisis.id, 'resolved');
    assert.equal(resolved.nextSitrepDueAt, null);
    assert.equal(await container.services.crises.remindSitrep(system, crisis.id, dueBefore), false);
    const reopened = await container.services.crises.changeStatus(system, crisis.id, 'active');
    assert.ok(reopened.nextSitrepDueAt);
    assert.ok((await queued()).includes(reopened.nextSitrepDueAt!));
  });
});
