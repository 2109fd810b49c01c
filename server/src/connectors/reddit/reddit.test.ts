import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { collect } from '../../../test/fakes/collect';
import { FakeReddit } from '../../../test/fakes/reddit.fake';
import { RedditSearchConnector } from './reddit.connector';
import { mapRedditThing } from './reddit.mapper';

const listing = JSON.parse(
  readFileSync(new URL('./__fixtures__/search-listing.json', import.meta.url), 'utf8'),
);

describe('Reddit mapper', () => {
  it('maps a post (title + selftext) and a comment (thread refs, negative score clamped)', () => {
    const [post, comment] = listing.data.children.map(mapRedditThing);
    assert.ok(post.ok && comment.ok);
    assert.deepEqual(post.mention, {
      platform: 'reddit',
      externalId: 't3_1h2abd',
      url: 'https://www.reddit.com/r/advertising/comments/1h2abd/acmes_new_ad_is_tonedeaf/',
      author: { handle: 'u/throwaway42', name: null, followers: null, verified: false },
      text: "Acme's new ad is tone-deaf\n\nHas anyone else seen it?",
      createdAt: '2025-11-24T16:00:00.000Z',
      lang: null,
      engagement: { likes: 57, reposts: 0, replies: 23, views: null },
      replyTo: null,
      threadId: null,
      isOwn: false,
    });
    assert.equal(comment.mention.text, 'Acme should apologise');
    assert.equal(comment.mention.engagement.likes, 0);
    assert.equal(comment.mention.threadId, 't3_1h2abd');
  });
  it('rejects unknown kinds and malformed data', () => {
    assert.equal(mapRedditThing({ kind: 't5', data: {} }).ok, false);
    assert.equal(mapRedditThing({ kind: 't3', data: { name: 't3_x' } }).ok, false);
  });
});

describe('Reddit search connector against a fake Reddit', () => {
  let fake: FakeReddit;
  before(async () => {
    fake = await FakeReddit.start();
  });
  after(async () => {
    await fake.close();
  });
  const make = (extra = {}) =>
    new RedditSearchConnector({
      query: 'acme',
      baseUrl: fake.baseUrl,
      intervalMs: 50,
      backoffInitialMs: 20,
      ...extra,
    });

  it('polls with before=<newest fullname>, pages through bursts, no gap and no duplicate', async () => {
    const first = [fake.post('acme one'), fake.post('acme two'), fake.post('unrelated')];
    const connector = make();
    const expected = [first[0], first[1]];
    let added = false;
    const got = await collect(connector, null, (c) => c.externalIds.length >= 2 + 230, {
      onBatch: () => {
        if (added) return;
        added = true;
        for (let i = 0; i < 230; i++) expected.push(fake.post(`acme burst ${i}`)); // > 2 pages of 100
      },
    });
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, expected, 'oldest first, all of them');
    assert.match(got.cursors.at(-1)!, new RegExp(`^${expected.at(-1)}\\|\\d+$`));
    const ua = fake.http.requests.at(-1)!.headers['user-agent'];
    assert.match(String(ua), /firebreak/);
    const befores = fake.http.requests.map((r) => r.url.searchParams.get('before')).filter(Boolean);
    assert.ok(befores.length >= 3);
  });

  it('resumes from a persisted cursor, and falls back to time when the watermark post was removed', async () => {
    const a = fake.post('acme resume a');
    const b = fake.post('acme resume b');
    const cursorPost = fake.things.find((t) => t.data.name === a)!;
    const cursor = `${a}|${String(cursorPost.data.created_utc)}`;
    fake.remove(a);
    const c = fake.post('acme resume c');
    const got = await collect(make(), cursor, (x) => x.externalIds.length >= 2);
    assert.deepEqual(got.externalIds, [b, c]);
  });

  it('honours 429 Retry-After and waits for X-Ratelimit-Reset when the budget is spent', async () => {
    const start = fake.post('acme rate');
    const startCursor = `${start}|${String(fake.things.at(-1)!.data.created_utc)}`;
    fake.refuseNext(429, { 'retry-after': '1' });
    const t0 = Date.now();
    const p = fake.post('acme after 429');
    const got = await collect(make(), startCursor, (x) => x.externalIds.length >= 1, { timeoutMs: 5_000 });
    assert.deepEqual(got.externalIds, [p]);
    assert.ok(Date.now() - t0 >= 950, 'waited Retry-After');

    // Budget of 1 left with a 1 s reset: the next poll waits instead of being refused.
    fake.remaining = 1;
    fake.resetSeconds = 1;
    const q = fake.post('acme budget');
    const before = fake.requestTimes.length;
    const got2 = await collect(
      make(),
      `${p}|${String(fake.things.at(-2)!.data.created_utc)}`,
      (x) => x.externalIds.length >= 1 && fake.requestTimes.length >= before + 2,
      { timeoutMs: 5_000 },
    );
    assert.deepEqual(got2.externalIds, [q]);
    const times = fake.requestTimes.slice(before);
    assert.ok(times.length >= 2 && times[1]! - times[0]! >= 950, `spaced ${times[1]! - times[0]!} ms`);
    fake.remaining = 100;
  });

  it('skips malformed children without losing neighbours', async () => {
    const s = fake.post('acme malformed start');
    const cursor = `${s}|${String(fake.things.at(-1)!.data.created_utc)}`;
    const a = fake.post('acme good 1');
    fake.malformed();
    const b = fake.post('acme good 2');
    const got = await collect(make(), cursor, (x) => x.externalIds.length >= 2);
    assert.deepEqual(got.externalIds, [a, b]);
    assert.equal(got.skipped, 1);
  });
});
