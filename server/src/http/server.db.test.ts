import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app';

describe('the HTTP server', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('publishes an OpenAPI document listing the API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/health',
      '/api/brands',
      '/api/brands/{id}',
      '/api/members',
      '/api/audit-log',
      '/api/events',
    ]) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
    assert.ok(doc.paths['/api/brands']!.post, 'POST /api/brands is documented');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.ok([200, 302].includes(docs.statusCode));
  });

  it('reuses a sane incoming request id and answers it back', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'trace-123' },
    });
    assert.equal(res.headers['x-request-id'], 'trace-123');
    const odd = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'not ok\u0007' },
    });
    assert.notEqual(odd.headers['x-request-id'], 'not ok\u0007');
  });

  it('answers a failure it did not expect with a bare 500 that leaks nothing', async () => {
    const owner = await t.signIn(t.ownerEmail, t.ownerPassword);
    await t.testDb.database.query('alter table brands rename to brands_gone');
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/brands',
        headers: { cookie: owner.cookie },
      });
      assert.equal(res.statusCode, 500);
      assert.deepEqual(res.json(), { error: { code: 'internal_error', message: 'Internal Server Error' } });
    } finally {
      await t.testDb.database.query('alter table brands_gone rename to brands');
    }
  });

  it('rejects malformed JSON with 400 validation_failed', async () => {
    const owner = await t.signIn(t.ownerEmail, t.ownerPassword);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: { ...owner.headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });
});
