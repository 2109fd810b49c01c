import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditPage } from '../../../../contracts';
import { createTestApp, type TestApp } from '../../../test/app';

describe('the audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('is append-only at the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await t.container.database.query(
      "insert into audit_log (workspace_id, actor_kind, actor_label, action, target_type) values ($1, 'system', 'test', 'x.y', 'x')",
      [t.workspaceId],
    );
    await assert.rejects(t.container.database.query("update audit_log set action = 'forged'"), /append-only/);
    await assert.rejects(t.container.database.query('delete from audit_log'), /append-only/);
    await assert.rejects(t.container.database.query('truncate audit_log'), /append-only/);
    const rows = await t.container.database.query("select 1 from audit_log where action = 'x.y'");
    assert.equal(rows.length, 1);
  });

  it('lets admins and legal filter and page through it, newest first', async () => {
    const admin = await t.signInAs('admin', 'pr');
    for (const name of ['One', 'Two', 'Three']) {
      await t.app.inject({ method: 'POST', url: '/api/brands', headers: admin.headers, payload: { name } });
    }
    const legal = await t.signInAs('member', 'legal');
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/audit-log?action=brand.created&limit=2',
      headers: { cookie: legal.cookie },
    });
    assert.equal(first.statusCode, 200, first.body);
    const page1 = first.json() as AuditPage;
    assert.deepEqual(
      page1.entries.map((e) => e.summary.name),
      ['Three', 'Two'],
    );
    assert.equal(page1.entries[0]!.actor.label, admin.info.member.email);
    assert.ok(page1.nextCursor);
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/audit-log?action=brand.created&limit=2&cursor=${page1.nextCursor}`,
      headers: { cookie: legal.cookie },
    });
    const page2 = second.json() as AuditPage;
    assert.deepEqual(
      page2.entries.map((e) => e.summary.name),
      ['One'],
    );
    assert.equal(page2.nextCursor, null);

    const sessions = await t.app.inject({
      method: 'GET',
      url: '/api/audit-log?action=session.created',
      headers: { cookie: legal.cookie },
    });
    assert.ok((sessions.json() as AuditPage).entries.length >= 2, 'sign-ins are audited');
  });

  it('refuses a malformed filter with 400', async () => {
    const admin = await t.signInAs('admin', 'pr');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit-log?since=yesterday',
      headers: { cookie: admin.cookie },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });
});
