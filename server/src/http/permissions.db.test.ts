import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Action, Department, WorkspaceRole } from '../../../contracts';
import { isAllowed } from '../domain/policy';
import { createTestApp, type SignedIn, type TestApp } from '../../test/app';

const subjects: Array<[WorkspaceRole, Department]> = [
  ['owner', 'executive'],
  ['admin', 'pr'],
  ['member', 'marketing'],
  ['member', 'pr'],
  ['member', 'customer_service'],
  ['member', 'legal'],
  ['member', 'executive'],
  ['viewer', 'marketing'],
  ['viewer', 'legal'],
];

describe('the permission matrix', () => {
  let t: TestApp;
  let ids: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    const owner = await t.signIn(t.ownerEmail, t.ownerPassword);
    const brand = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: owner.headers,
      payload: { name: 'Matrix' },
    });
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: owner.headers,
      payload: { name: 'm', role: 'viewer', department: 'pr' },
    });
    ids = { brand: brand.json().id, member: owner.info.member.id, token: token.json().token.id };
  });
  after(() => t.close());

  async function auditCount(): Promise<number> {
    const rows = await t.container.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    return rows[0]!.n;
  }

  function concreteUrl(url: string): string {
    if (url.startsWith('/api/brands/')) return url.replace(':id', ids.brand!);
    if (url.startsWith('/api/members/')) return url.replace(':id', ids.member!);
    if (url.startsWith('/api/api-tokens/')) return url.replace(':id', ids.token!);
    return url;
  }

  it('has every API route declare a policy action (or public)', () => {
    const undeclared = t.app.routeCatalog.filter((r) => r.url.startsWith('/api') && r.action === undefined);
    assert.deepEqual(undeclared, []);
    assert.ok(t.app.routeCatalog.filter((r) => r.action && r.action !== 'public').length >= 14);
  });

  it('answers each route × role exactly as the policy says (403 when denied, never 401/403 when allowed)', async () => {
    const routes = t.app.routeCatalog.filter(
      (r) => r.url.startsWith('/api') && r.action && r.action !== 'public',
    );
    let checked = 0;
    for (const [role, department] of subjects) {
      const who: SignedIn = await t.signInAs(role, department);
      for (const route of routes) {
        if (route.url === '/api/events' || route.url === '/api/auth/sign-out') continue; // streamed / ends the session: checked below
        const auditBefore = await auditCount();
        // An empty body: allowed requests fail validation (400) or succeed, denied ones stop at 403 first.
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: who.headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const allowed = isAllowed({ role, department }, route.action as Action);
        const label = `${role}/${department} ${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (allowed) {
          assert.ok(![401, 403].includes(res.statusCode), label);
          // Idempotent calls that found everything in place (`created: false`) change nothing and record nothing.
          const changedNothing =
            res.statusCode === 200 && (res.json() as { created?: unknown }).created === false;
          if (route.method !== 'GET' && res.statusCode < 300 && !changedNothing) {
            assert.ok(
              (await auditCount()) > auditBefore,
              `a successful mutation leaves an audit-log row: ${label}`,
            );
          }
        } else {
          assert.equal(res.statusCode, 403, label);
          assert.equal(res.json().error.code, 'forbidden', label);
        }
        checked++;
      }
    }
    assert.ok(checked >= subjects.length * 12);
  });

  it('lets every signed-in role subscribe to live events and sign out', async () => {
    for (const [role, department] of subjects) {
      const who = await t.signInAs(role, department);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: who.headers });
      assert.equal(out.statusCode, 204, `${role}/${department}`);
    }
  });
});
