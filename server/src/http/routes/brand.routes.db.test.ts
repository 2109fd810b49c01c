import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Brand } from '../../../../contracts';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/app';

describe('brand routes', () => {
  let t: TestApp;
  let marketer: SignedIn;

  before(async () => {
    t = await createTestApp();
    marketer = await t.signInAs('member', 'marketing');
  });
  after(() => t.close());

  async function auditActions(targetId: string): Promise<string[]> {
    const rows = await t.container.database.query<{ action: string }>(
      'select action from audit_log where target_id = $1 order by id',
      [targetId],
    );
    return rows.map((r) => r.action);
  }

  it('creates, lists, edits, archives and restores a brand, auditing each change', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'Acme Cola', keywords: ['acme cola', '#acmecola'], handles: { x: ['@acmecola'] } },
    });
    assert.equal(created.statusCode, 201, created.body);
    const brand = created.json() as Brand;
    assert.deepEqual(brand.handles, { x: ['@acmecola'] });

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/brands/${brand.id}`,
      headers: marketer.headers,
      payload: { keywords: ['acme cola'] },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual((edited.json() as Brand).keywords, ['acme cola']);

    const archived = await t.app.inject({
      method: 'POST',
      url: `/api/brands/${brand.id}/archive`,
      headers: marketer.headers,
    });
    assert.notEqual((archived.json() as Brand).archivedAt, null);
    const active = await t.app.inject({
      method: 'GET',
      url: '/api/brands',
      headers: { cookie: marketer.cookie },
    });
    assert.equal(
      (active.json() as { brands: Brand[] }).brands.some((b) => b.id === brand.id),
      false,
    );
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/brands?includeArchived=true',
      headers: { cookie: marketer.cookie },
    });
    assert.equal(
      (all.json() as { brands: Brand[] }).brands.some((b) => b.id === brand.id),
      true,
    );

    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/brands/${brand.id}/restore`,
      headers: marketer.headers,
    });
    assert.equal((restored.json() as Brand).archivedAt, null);

    assert.deepEqual(await auditActions(brand.id), [
      'brand.created',
      'brand.updated',
      'brand.archived',
      'brand.restored',
    ]);
    const [updateRow] = await t.container.database.query<{
      summary: { changes: unknown };
      request_id: string;
      ip: string;
      actor_label: string;
    }>(
      "select summary, request_id, ip, actor_label from audit_log where target_id = $1 and action = 'brand.updated'",
      [brand.id],
    );
    assert.deepEqual(updateRow!.summary.changes, {
      keywords: { from: ['acme cola', '#acmecola'], to: ['acme cola'] },
    });
    assert.ok(updateRow!.request_id);
    assert.equal(updateRow!.ip, '127.0.0.1');
    assert.equal(updateRow!.actor_label, marketer.info.member.email);
  });

  it('refuses a duplicate name with 409 conflict, ignoring case', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'Globex' },
    });
    assert.equal(first.statusCode, 201);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'globex' },
    });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'conflict');
  });

  it('answers bad input with 400 validation_failed naming the field, and stores nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: '', handles: { myspace: ['@x'] } },
    });
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'validation_failed');
    assert.ok(
      body.error.issues.some((i: { path: string }) => i.path.startsWith('body.name')),
      JSON.stringify(body),
    );
    const rows = await t.container.database.query("select 1 from brands where name = ''");
    assert.equal(rows.length, 0);
  });

  it('forbids a viewer from creating a brand (403) and leaves no trace', async () => {
    const viewer = await t.signInAs('viewer', 'marketing');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: viewer.headers,
      payload: { name: 'Nope' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
  });

  it('keeps workspaces apart: another workspace cannot see or edit our brands', async () => {
    const ours = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: marketer.headers,
      payload: { name: 'Initech' },
    });
    const brandId = (ours.json() as Brand).id;
    await t.container.services.workspaces.createWorkspace({
      name: 'Rival',
      ownerEmail: 'owner@rival.test',
      ownerPassword: 'another long password',
    });
    const rival = await t.signIn('owner@rival.test', 'another long password');
    const list = await t.app.inject({ method: 'GET', url: '/api/brands', headers: { cookie: rival.cookie } });
    assert.deepEqual((list.json() as { brands: Brand[] }).brands, []);
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/brands/${brandId}`,
      headers: { cookie: rival.cookie },
    });
    assert.equal(get.statusCode, 404);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/brands/${brandId}`,
      headers: rival.headers,
      payload: { name: 'Stolen' },
    });
    assert.equal(edit.statusCode, 404);
  });
});
