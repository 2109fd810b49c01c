import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collect, waitFor } from '../../../test/fakes/collect';
import { FakeX } from '../../../test/fakes/x.fake';
import { ConnectorError } from '../connector';
import { XClient } from './x.client';
import { syncRules, XFilteredStreamConnector } from './x.connector';

describe('X filtered stream connector against a fake X API', () => {
  let fake: FakeX;
  let seen = 0;
  const connected = async (): Promise<void> => {
    await waitFor(() => fake.streamConnects.length > seen && fake.openStreams > 0);
    seen = fake.streamConnects.length;
  };
  const make = (extra: Partial<ConstructorParameters<typeof XFilteredStreamConnector>[0]> = {}) =>
    new XFilteredStreamConnector({
      bearerToken: fake.bearer,
      baseUrl: fake.baseUrl,
      flushMs: 30,
      idleTimeoutMs: 1_000,
      networkBackoff: { initialMs: 20, maxMs: 100 },
      httpBackoff: { initialMs: 50, maxMs: 400 },
      rateLimitBackoff: { initialMs: 100, maxMs: 1_000 },
      ...extra,
    });

  before(async () => {
    fake = await FakeX.start();
  });
  after(async () => {
    await fake.close();
  });

  it('syncRules adds the missing rules and deletes the stale ones', async () => {
    const client = new XClient(fake.bearer, fake.baseUrl);
    let result = await syncRules(client, [
      { value: 'acme', tag: 'brand:acme' },
      { value: '"globex ad"', tag: 'brand:globex' },
    ]);
    assert.deepEqual([result.added, result.deleted], [2, 0]);
    result = await syncRules(client, [
      { value: 'acme', tag: 'brand:acme' },
      { value: 'initech', tag: 'brand:initech' },
    ]);
    assert.deepEqual([result.added, result.deleted], [1, 1]);
    assert.deepEqual(fake.rules.map((r) => r.value).sort(), ['acme', 'initech']);
    result = await syncRules(client, [
      { value: 'acme', tag: 'brand:acme' },
      { value: 'initech', tag: 'brand:initech' },
    ]);
    assert.deepEqual([result.added, result.deleted], [0, 0]);
  });

  it('delivers posts from the stream with the author expansion, ignoring keep-alives', async () => {
    const connector = make({ rules: [{ value: 'acme', tag: 'brand:acme' }] });
    const run = collect(connector, null, (c) => c.externalIds.length >= 2);
    await connected();
    assert.deepEqual(
      fake.rules.map((r) => r.value),
      ['acme'],
    );
    await new Promise((r) => setTimeout(r, 450)); // a couple of keep-alives first
    const a = fake.emit('acme one');
    const b = fake.emit('acme two', 'carol');
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, [a, b]);
    assert.equal(got.batches.flatMap((x) => x.mentions)[1]!.author.handle, 'carol');
    assert.equal(got.cursors.at(-1), b);
  });

  it('after a cut, reconnects and fills the gap from recent search: no gap, no duplicate', async () => {
    const connector = make();
    const ids: string[] = [];
    const run = collect(connector, null, (c) => c.externalIds.length >= 6, { timeoutMs: 8_000 });
    await connected();
    ids.push(fake.emit('acme 1'), fake.emit('acme 2'));
    await new Promise((r) => setTimeout(r, 100));
    fake.refuseNext(503); // the first reconnect attempt fails too
    fake.cut();
    ids.push(fake.emit('acme 3 (while away)'), fake.emit('acme 4 (while away)'));
    await connected();
    ids.push(fake.emit('acme 5'), fake.emit('acme 6'));
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual([...got.externalIds].sort(), [...ids].sort());
    assert.equal(new Set(got.externalIds).size, got.externalIds.length);
    const search = fake.searches.at(-1)!;
    assert.equal(search.searchParams.get('since_id'), ids[1]);
    assert.equal(search.searchParams.get('query'), '(acme)'); // the rules synced by the previous test
  });

  it('honours Retry-After / x-rate-limit-reset on 429 before reconnecting', async () => {
    const connector = make();
    const reset = Math.floor(Date.now() / 1000) + 2;
    fake.refuseNext(429, { 'x-rate-limit-reset': String(reset), 'retry-after': '1' });
    const started = Date.now();
    const run = collect(connector, null, (c) => c.externalIds.length >= 1, { timeoutMs: 6_000 });
    await connected();
    const waited = fake.streamConnects.at(-1)! - started;
    assert.ok(waited >= reset * 1000 - started - 50, `reconnected after ${waited} ms`);
    fake.emit('acme after 429');
    const got = await run;
    assert.equal(got.error, null);
    assert.equal(got.externalIds.length, 1);
  });

  it('skips malformed lines and in-stream errors, keeping their neighbours', async () => {
    const connector = make();
    const run = collect(connector, null, (c) => c.externalIds.length >= 3, { timeoutMs: 6_000 });
    await connected();
    const ids = [fake.emit('acme a')];
    fake.rawLine('{"data": {"id": "123", "text": ');
    fake.rawLine(
      '{"errors":[{"title":"operational-disconnect","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}',
    );
    ids.push(fake.emit('acme b'));
    fake.rawLine('{"data": {"id": "not-a-number", "text": "x"}}');
    ids.push(fake.emit('acme c'));
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, ids);
    assert.equal(got.skipped, 3);
  });

  it('reconnects when the stream goes silent (no keep-alive within the idle timeout)', async () => {
    const connector = make({ idleTimeoutMs: 300 });
    fake.keepAliveMs = 10_000;
    try {
      const run = collect(connector, null, () => false, { timeoutMs: 1_500 });
      await connected();
      await connected();
      await run;
      assert.ok(connector.connects >= 2);
    } finally {
      fake.keepAliveMs = 200;
    }
  });

  it('stops with a non-retryable error on 401 (bad bearer token)', async () => {
    const connector = new XFilteredStreamConnector({ bearerToken: 'wrong-token-123', baseUrl: fake.baseUrl });
    const got = await collect(connector, null, () => true, { timeoutMs: 3_000 });
    assert.ok(got.error instanceof ConnectorError);
    assert.equal((got.error as ConnectorError).retryable, false);
    assert.doesNotMatch((got.error as Error).message, /wrong-token/);
  });
});
