import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collect, waitFor } from '../../../test/fakes/collect';
import { FakeMastodon } from '../../../test/fakes/mastodon.fake';
import { ConnectorError } from '../connector';
import { MastodonConnector } from './mastodon.connector';

describe('Mastodon streaming connector against a fake instance', () => {
  let fake: FakeMastodon;
  let seen = 0;
  const connected = async (): Promise<void> => {
    await waitFor(() => fake.streamRequests.length > seen && fake.openStreams > 0);
    seen = fake.streamRequests.length;
  };
  const make = (extra: Partial<ConstructorParameters<typeof MastodonConnector>[0]> = {}) =>
    new MastodonConnector({
      baseUrl: fake.baseUrl,
      accessToken: fake.token,
      hashtag: 'acme',
      flushMs: 30,
      backoffInitialMs: 20,
      backoffMaxMs: 200,
      idleTimeoutMs: 2_000,
      ...extra,
    });
  const uri = (s: { uri: string }): string => s.uri;

  before(async () => {
    fake = await FakeMastodon.start();
  });
  after(async () => {
    await fake.close();
  });

  it('streams hashtag updates (bearer token, heartbeats ignored) with the status id as cursor', async () => {
    const run = collect(make(), null, (c) => c.externalIds.length >= 2);
    await connected();
    assert.equal(fake.streamRequests.at(-1)!.pathname, '/api/v1/streaming/hashtag');
    assert.equal(fake.streamRequests.at(-1)!.searchParams.get('tag'), 'acme');
    await new Promise((r) => setTimeout(r, 300));
    fake.post('other tag', ['globex']);
    const a = fake.post('first');
    fake.raw('event: delete\ndata: 123\n\n');
    const b = fake.post('second');
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, [uri(a), uri(b)]);
    assert.equal(got.cursors.at(-1), b.id);
    assert.match(got.batches[0]!.mentions[0]!.text, /^first #acme$/);
  });

  it('after a cut, backfills from the REST timeline (Link pages) before going live: no gap, no duplicate', async () => {
    const start = fake.post('before start');
    const connector = make();
    const expected: string[] = [];
    const run = collect(connector, start.id, (c) => c.externalIds.length >= 50 + 4, { timeoutMs: 8_000 });
    await connected();
    expected.push(uri(fake.post('live 1')), uri(fake.post('live 2')));
    await waitFor(() => fake.timelineRequests.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    fake.cut();
    fake.refuseNext('stream', 502);
    for (let i = 0; i < 50; i++) expected.push(uri(fake.post(`away ${i}`))); // more than one 40-status page
    await connected();
    expected.push(uri(fake.post('live 3')), uri(fake.post('live 4')));
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual([...got.externalIds].sort(), [...expected].sort());
    assert.equal(new Set(got.externalIds).size, got.externalIds.length);
    const backfill = fake.timelineRequests.filter((u) => u.searchParams.has('min_id'));
    assert.ok(backfill.length >= 3, 'followed Link rel="prev" across pages');
    assert.equal(got.cursors.at(-1), fake.statuses.at(-1)!.id);
  });

  it('honours Retry-After on a 429 from the streaming endpoint', async () => {
    fake.refuseNext('stream', 429, { 'retry-after': '1' });
    const started = Date.now();
    const before = fake.streamRequests.length;
    const run = collect(make(), null, (c) => c.externalIds.length >= 1, { timeoutMs: 5_000 });
    await waitFor(() => fake.streamRequests.length >= before + 2, 4_000);
    await connected();
    assert.ok(Date.now() - started >= 950);
    fake.post('after 429');
    const got = await run;
    assert.equal(got.externalIds.length, 1);
  });

  it('skips malformed events and keeps their neighbours', async () => {
    const run = collect(make(), null, (c) => c.externalIds.length >= 2, { timeoutMs: 5_000 });
    await connected();
    const a = fake.post('good a');
    fake.raw('event: update\ndata: {"id": "1", "content": \n\n');
    fake.raw('event: update\ndata: {"id": "2"}\n\n');
    const b = fake.post('good b');
    const got = await run;
    assert.deepEqual(got.externalIds, [uri(a), uri(b)]);
    assert.equal(got.skipped, 2);
  });

  it('stops with a non-retryable error on an invalid token', async () => {
    const got = await collect(
      new MastodonConnector({ baseUrl: fake.baseUrl, accessToken: 'nope', hashtag: 'acme' }),
      null,
      () => true,
      { timeoutMs: 3_000 },
    );
    assert.ok(got.error instanceof ConnectorError);
    assert.equal((got.error as ConnectorError).retryable, false);
  });
});
