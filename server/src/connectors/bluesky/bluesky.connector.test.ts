import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collect, waitFor } from '../../../test/fakes/collect';
import { FakeJetstream } from '../../../test/fakes/jetstream.fake';
import { BlueskyJetstreamConnector } from './bluesky.connector';

const fast = { flushMs: 30, backoffInitialMs: 20, backoffMaxMs: 200 };
const idOf = (did: string, rkey: string): string => `at://${did}/app.bsky.feed.post/${rkey}`;

describe('Bluesky Jetstream connector against a fake Jetstream', () => {
  let fake: FakeJetstream;
  let seenSubscriptions = 0;
  /** Waits for a new subscription (earlier tests' sockets may still be closing). */
  const connected = async (): Promise<void> => {
    await waitFor(() => fake.subscriptions.length > seenSubscriptions);
    seenSubscriptions = fake.subscriptions.length;
  };
  before(async () => {
    fake = await FakeJetstream.start();
  });
  after(async () => {
    await fake.close();
  });

  it('delivers live post creates with a µs cursor, filtered to app.bsky.feed.post', async () => {
    const connector = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast });
    const expected: string[] = [];
    const run = collect(connector, null, (c) => c.externalIds.length >= 3);
    await connected();
    for (let i = 0; i < 3; i++) {
      const { rkey } = fake.post('did:plc:alice', `acme post ${i}`);
      expected.push(idOf('did:plc:alice', rkey));
    }
    fake.event(
      {
        did: 'did:plc:alice',
        kind: 'commit',
        commit: { operation: 'create', collection: 'app.bsky.feed.like', rkey: 'x', record: {} },
      },
      'app.bsky.feed.like',
    );
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, expected);
    const sub = fake.subscriptions.at(-1)!;
    assert.equal(sub.pathname, '/subscribe');
    assert.deepEqual(sub.searchParams.getAll('wantedCollections'), ['app.bsky.feed.post']);
    const last = got.cursors.at(-1)!;
    assert.match(last, /^\d{16}$/);
    assert.equal(Number(last), fake.log.at(-2)!.time_us);
  });

  it('resumes after a cut with a rewound cursor: no gap and no duplicate', async () => {
    const connector = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast });
    const startCursor = String(fake.log.at(-1)!.time_us + 1);
    const expected: string[] = [];
    fake.dropAfter(4);
    const run = collect(
      connector,
      startCursor,
      (c) => c.externalIds.filter((id) => id.includes('bob')).length >= 10,
      {
        timeoutMs: 8_000,
      },
    );
    await connected();
    const before = fake.subscriptions.length;
    for (let i = 0; i < 10; i++) {
      // The cut happens after the 4th frame; posts 5..10 are written while the client is away.
      const { rkey } = fake.post('did:plc:bob', `acme ${i}`);
      expected.push(idOf('did:plc:bob', rkey));
    }
    const got = await run;
    assert.equal(got.error, null);
    const bobs = got.externalIds.filter((id) => id.includes('did:plc:bob'));
    assert.deepEqual([...bobs].sort(), [...expected].sort(), 'every post exactly once');
    assert.equal(new Set(got.externalIds).size, got.externalIds.length, 'no duplicates');
    assert.ok(fake.subscriptions.length > before, 'reconnected');
    const resumed = fake.subscriptions.at(-1)!;
    const cursor = Number(resumed.searchParams.get('cursor'));
    // Rewound 2 s before an event seen before the cut, and early enough to cover the posts made meanwhile.
    assert.ok(fake.log.some((e) => e.time_us - 2_000_000 === cursor));
    const firstBob = fake.log.find((e) => e.frame.includes('did:plc:bob'))!;
    assert.ok(cursor <= firstBob.time_us);
    assert.ok(connector.connects >= 2);
  });

  it('restarting from a persisted cursor replays from it (at-least-once) and misses nothing', async () => {
    const did = 'did:plc:carol';
    const first = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast });
    const all: string[] = [];
    const run1 = collect(first, String(fake.log.at(-1)!.time_us + 1), (c) => c.externalIds.length >= 3);
    await connected();
    for (let i = 0; i < 3; i++) all.push(idOf(did, fake.post(did, `c${i}`).rkey));
    const got1 = await run1;
    const persisted = got1.cursors.at(-1)!;
    // Written while no connector runs.
    for (let i = 3; i < 6; i++) all.push(idOf(did, fake.post(did, `c${i}`).rkey));
    const second = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast, rewindUs: 0 });
    const got2 = await collect(
      second,
      persisted,
      (c) => c.externalIds.filter((id) => all.includes(id)).length >= 4,
    );
    const union = new Set([...got1.externalIds, ...got2.externalIds]);
    for (const id of all) assert.ok(union.has(id), `missing ${id}`);
    // Only the event at the cursor itself is re-delivered (dedupe downstream absorbs it).
    assert.deepEqual(
      got2.externalIds.filter((id) => got1.externalIds.includes(id)),
      [all[2]],
    );
  });

  it('honours Retry-After when the upgrade is refused with 429, then connects', async () => {
    const connector = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast });
    fake.refuseNext(429, '1');
    const started = Date.now();
    const connectsBefore = fake.connectedAt.length;
    const run = collect(connector, null, (c) => c.externalIds.length >= 1, { timeoutMs: 6_000 });
    await waitFor(() => fake.connectedAt.length > connectsBefore, 5_000);
    await connected();
    const waited = fake.connectedAt.at(-1)! - started;
    assert.ok(waited >= 950, `connected after ${waited} ms, before Retry-After`);
    fake.post('did:plc:dan', 'after the 429');
    const got = await run;
    assert.equal(got.error, null);
    assert.equal(got.externalIds.length, 1);
  });

  it('skips and counts malformed frames without losing the neighbouring posts', async () => {
    const connector = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast });
    const run = collect(connector, null, (c) => c.externalIds.length >= 3, { timeoutMs: 6_000 });
    await connected();
    const ids: string[] = [];
    ids.push(idOf('did:plc:eve', fake.post('did:plc:eve', 'good 1').rkey));
    fake.raw('{"did": "did:plc:eve", "kind": "commit", "commit": ');
    fake.raw('not json at all');
    fake.event({ did: 'nodid', kind: 'commit' });
    ids.push(idOf('did:plc:eve', fake.post('did:plc:eve', 'good 2').rkey));
    fake.event({
      did: 'did:plc:eve',
      kind: 'commit',
      commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'bad', record: { text: 42 } },
    });
    ids.push(idOf('did:plc:eve', fake.post('did:plc:eve', 'good 3').rkey));
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, ids);
    assert.equal(got.skipped, 4);
  });

  it('drops posts without any of the optional keywords early (counted as skipped)', async () => {
    const connector = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast, keywords: ['Acme'] });
    const run = collect(connector, null, (c) => c.externalIds.length >= 1 && c.skipped >= 1, {
      timeoutMs: 6_000,
    });
    await connected();
    fake.post('did:plc:frank', 'nothing relevant');
    const keep = idOf('did:plc:frank', fake.post('did:plc:frank', 'I love ACME').rkey);
    const got = await run;
    assert.deepEqual(got.externalIds, [keep]);
    assert.equal(got.skipped, 1);
  });

  it('backs off exponentially while the server keeps refusing (5xx), and stops when aborted', async () => {
    const connector = new BlueskyJetstreamConnector({
      baseUrl: fake.baseUrl,
      flushMs: 30,
      backoffInitialMs: 50,
      backoffMaxMs: 400,
    });
    for (let i = 0; i < 4; i++) fake.refuseNext(503);
    const before = fake.connectedAt.length;
    const started = Date.now();
    const run = collect(connector, null, () => false, { timeoutMs: 2_000 });
    await waitFor(() => fake.connectedAt.length > before, 3_000);
    await connected();
    // 50 + 100 + 200 + 400 ms of backoff before the 5th attempt succeeds.
    assert.ok(fake.connectedAt.at(-1)! - started >= 700, `${fake.connectedAt.at(-1)! - started}`);
    const got = await run;
    assert.equal(got.error, null);
  });

  it('keeps a quiet connection that still gets pings, and reconnects one that goes silent', async () => {
    fake.pingEveryMs = 100;
    try {
      const kept = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast, idleTimeoutMs: 400 });
      await collect(kept, null, () => false, { timeoutMs: 1_500 });
      assert.equal(kept.connects, 1);
    } finally {
      fake.pingEveryMs = 0;
    }
    const silent = new BlueskyJetstreamConnector({ baseUrl: fake.baseUrl, ...fast, idleTimeoutMs: 400 });
    await collect(silent, null, () => false, { timeoutMs: 1_500 });
    assert.ok(silent.connects >= 2, `connects ${silent.connects}`);
    seenSubscriptions = fake.subscriptions.length;
  });

  it('pauses the socket when the consumer falls behind, losing and duplicating nothing', async () => {
    const connector = new BlueskyJetstreamConnector({
      baseUrl: fake.baseUrl,
      ...fast,
      highWater: 50,
      maxBatch: 20,
    });
    const ids: string[] = [];
    const run = collect(connector, null, (c) => c.externalIds.length >= 1_000, {
      timeoutMs: 20_000,
      onBatch: () => new Promise((r) => setTimeout(r, 5)), // a slow pipeline
    });
    await connected();
    for (let i = 0; i < 1_000; i++) {
      ids.push(idOf('did:plc:bulk', fake.post('did:plc:bulk', `acme bulk ${i}`).rkey));
    }
    const got = await run;
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, ids);
    assert.ok(got.batches.every((b) => b.mentions.length <= 20));
  });
});
