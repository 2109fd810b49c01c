import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ApiError, buildUrl, http, setCsrfTokenSource } from './http';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfTokenSource(() => null);
});

function stubFetch(response: Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response.clone();
  }) as typeof fetch;
  return calls;
}

describe('buildUrl', () => {
  it('leaves out empty, null and undefined parameters', () => {
    assert.equal(
      buildUrl('/api/audit-log', { action: 'brand.created', cursor: undefined, targetType: '', limit: 50 }),
      '/api/audit-log?action=brand.created&limit=50',
    );
  });
});

describe('http', () => {
  it('sends the session CSRF token on mutating requests only', async () => {
    setCsrfTokenSource(() => 'token-1');
    const calls = stubFetch(new Response(JSON.stringify({ ok: true }), { status: 200 }));
    await http.get('/api/brands');
    await http.post('/api/brands', { name: 'Acme' });
    const getHeaders = calls[0]?.init.headers as Record<string, string>;
    const postHeaders = calls[1]?.init.headers as Record<string, string>;
    assert.equal(getHeaders['x-csrf-token'], undefined);
    assert.equal(postHeaders['x-csrf-token'], 'token-1');
    assert.equal(postHeaders['content-type'], 'application/json');
    assert.equal(calls[1]?.init.credentials, 'same-origin');
  });

  it('sends no JSON content type on a POST without a body', async () => {
    const calls = stubFetch(new Response(null, { status: 204 }));
    assert.equal(await http.post('/api/auth/sign-out'), undefined);
    assert.equal((calls[0]?.init.headers as Record<string, string>)['content-type'], undefined);
  });

  it('turns an error body into an ApiError with code, issues and Retry-After', async () => {
    stubFetch(
      new Response(
        JSON.stringify({
          error: { code: 'rate_limited', message: 'Slow down', issues: [{ path: 'email', message: 'x' }] },
        }),
        { status: 429, headers: { 'retry-after': '120' } },
      ),
    );
    await assert.rejects(http.post('/api/auth/sign-in', {}), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.message, 'Slow down');
      assert.equal(error.retryAfterSeconds, 120);
      assert.equal(error.issueFor('email'), 'x');
      return true;
    });
  });

  it('reports an unreachable server as network_error', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await assert.rejects(
      http.get('/api/health'),
      (error: unknown) => error instanceof ApiError && error.code === 'network_error',
    );
  });

  it('reports a non-JSON error page by its status', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await assert.rejects(
      http.get('/api/health'),
      (error: unknown) => error instanceof ApiError && error.code === 'internal_error',
    );
  });
});
