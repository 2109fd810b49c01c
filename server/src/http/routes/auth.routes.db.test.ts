import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { CreatedApiToken, InvitedMember } from '../../../../contracts';
import { createTestApp, testPassword, type TestApp } from '../../../test/app';
import { loggerOptions } from '../server';

describe('sign-in, sessions, CSRF and API tokens', () => {
  let t: TestApp;
  const logLines: string[] = [];

  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await createTestApp(
      { FIREBREAK_LOGIN_MAX_ATTEMPTS: '3' },
      { ...(loggerOptions('info') as object), stream: sink },
    );
  });
  after(() => t.close());

  it('signs in with email and password into an httpOnly SameSite cookie session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'OWNER@acme.test', password: testPassword },
    });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'fb_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `fb_session=${cookie.value}` },
    });
    assert.equal(session.statusCode, 200);
    assert.equal(session.json().member.role, 'owner');
    assert.ok(session.json().permissions.includes('member.invite'));
  });

  it('answers 401 on every API route without a session', async () => {
    for (const url of ['/api/brands', '/api/members', '/api/audit-log', '/api/auth/session', '/api/events']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
  });

  it('rejects a wrong password with invalid_credentials, then rate-limits the email', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'victim@acme.test', password: 'wrong password!' },
      });
    await t.signInAs('member', 'pr'); // unrelated member, the victim below does not even exist
    for (let i = 0; i < 3; i++) {
      const res = await attempt();
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'invalid_credentials');
    }
    const limited = await attempt();
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  it('refuses cookie-authenticated mutations without the CSRF token', async () => {
    const owner = await t.signIn(t.ownerEmail, testPassword);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: { cookie: owner.cookie },
      payload: { name: 'X' },
    });
    assert.equal(without.statusCode, 403);
    assert.equal(without.json().error.code, 'csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: { cookie: owner.cookie, 'x-csrf-token': 'nope' },
      payload: { name: 'X' },
    });
    assert.equal(wrong.json().error.code, 'csrf_failed');
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: owner.headers,
      payload: { name: 'X' },
    });
    assert.equal(right.statusCode, 201);
  });

  it('signs out: the old cookie no longer works', async () => {
    const member = await t.signInAs('member', 'legal');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: member.headers });
    assert.equal(out.statusCode, 204);
    const res = await t.app.inject({ method: 'GET', url: '/api/brands', headers: { cookie: member.cookie } });
    assert.equal(res.statusCode, 401);
  });

  it('authenticates API tokens (stored hashed) with their own role, until revoked', async () => {
    const owner = await t.signIn(t.ownerEmail, testPassword);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: owner.headers,
      payload: { name: 'ci bot', role: 'member', department: 'marketing' },
    });
    assert.equal(created.statusCode, 201);
    const { token, secret } = created.json() as CreatedApiToken;
    const stored = await t.container.database.query<{ token_hash: string }>(
      'select token_hash from api_tokens where id = $1',
      [token.id],
    );
    assert.notEqual(stored[0]!.token_hash, secret);
    assert.ok(
      !JSON.stringify(
        await t.app
          .inject({ method: 'GET', url: '/api/api-tokens', headers: { cookie: owner.cookie } })
          .then((r) => r.json()),
      ).includes(secret),
    );

    const bearer = { authorization: `Bearer ${secret}` };
    const brand = await t.app.inject({
      method: 'POST',
      url: '/api/brands',
      headers: bearer,
      payload: { name: 'Made by a bot' },
    });
    assert.equal(brand.statusCode, 201, 'tokens need no CSRF header');
    const denied = await t.app.inject({ method: 'GET', url: '/api/audit-log', headers: bearer });
    assert.equal(denied.statusCode, 403, 'a member-role token cannot read the audit log');

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/api-tokens/${token.id}`,
      headers: owner.headers,
    });
    assert.equal(revoked.statusCode, 204);
    const after = await t.app.inject({ method: 'GET', url: '/api/brands', headers: bearer });
    assert.equal(after.statusCode, 401);
  });

  it('turns an invite into an active member who signs in with the chosen password, once', async () => {
    const owner = await t.signIn(t.ownerEmail, testPassword);
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/members',
      headers: owner.headers,
      payload: {
        email: 'new.hire@acme.test',
        name: 'New Hire',
        department: 'customer_service',
        role: 'member',
      },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const { member, inviteUrl } = invited.json() as InvitedMember;
    assert.equal(member.status, 'invited');
    const token = new URL(inviteUrl).searchParams.get('token')!;
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'my own long password' },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().member.status, 'active');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'my own long password' },
    });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.code, 'invalid_token');
    await t.signIn('new.hire@acme.test', 'my own long password');
  });

  it('never writes passwords, cookies, CSRF tokens or token secrets to the log', async () => {
    const owner = await t.signIn(t.ownerEmail, testPassword);
    await t.app.inject({
      method: 'GET',
      url: '/accept-invite?token=fbi_secretvalue123',
      headers: { cookie: owner.cookie },
    });
    const log = logLines.join('');
    assert.ok(log.includes('/api/auth/sign-in'), 'requests are logged');
    assert.ok(!log.includes(testPassword));
    assert.ok(!log.includes(owner.cookie.split('=')[1]!));
    assert.ok(!log.includes(owner.csrfToken));
    assert.ok(!log.includes('fbi_secretvalue123'));
  });

  it('answers unknown API routes with 404 not_found and hides internals on 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
    assert.ok(res.headers['x-request-id']);
    assert.ok(res.headers['x-content-type-options'], 'security headers are set');
  });
});
