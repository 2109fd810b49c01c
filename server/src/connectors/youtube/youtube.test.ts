import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { collect } from '../../../test/fakes/collect';
import { FakeYouTube } from '../../../test/fakes/youtube.fake';
import { ConnectorError } from '../connector';
import { YouTubeCommentsConnector } from './youtube.connector';
import { mapYouTubeThread } from './youtube.mapper';
import { YouTubeCommentThread } from './youtube.schemas';

const page = JSON.parse(
  readFileSync(new URL('./__fixtures__/comment-threads.json', import.meta.url), 'utf8'),
);

describe('YouTube mapper', () => {
  it('maps a top-level comment with its video link, handle and counts', () => {
    assert.deepEqual(mapYouTubeThread(YouTubeCommentThread.parse(page.items[0])), {
      platform: 'youtube',
      externalId: 'UgzDE2tasfmrYLyNkGt4AaABAg',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzDE2tasfmrYLyNkGt4AaABAg',
      author: { handle: '@angryviewer', name: '@angryviewer', followers: null, verified: false },
      text: 'This ad is so misleading',
      createdAt: '2026-11-24T08:00:00.000Z',
      lang: null,
      engagement: { likes: 42, reposts: 0, replies: 7, views: null },
      replyTo: 'dQw4w9WgXcQ',
      threadId: 'dQw4w9WgXcQ',
      isOwn: false,
    });
    assert.equal(mapYouTubeThread(YouTubeCommentThread.parse(page.items[0]), 'UCviewer123')!.isOwn, true);
  });
});

describe('YouTube comment threads connector against a fake Data API', () => {
  let fake: FakeYouTube;
  const lastPublishedAt = (): string =>
    (fake.threads.at(-1) as { snippet: { topLevelComment: { snippet: { publishedAt: string } } } }).snippet
      .topLevelComment.snippet.publishedAt;
  before(async () => {
    fake = await FakeYouTube.start();
  });
  after(async () => {
    await fake.close();
  });
  const make = (extra = {}) =>
    new YouTubeCommentsConnector({
      apiKey: fake.apiKey,
      target: { videoId: 'vid123' },
      baseUrl: fake.baseUrl,
      intervalMs: 50,
      backoffInitialMs: 20,
      ...extra,
    });

  it('pages until the last seen comment, oldest first: no gap, no duplicate', async () => {
    const firstIds = [fake.comment('one'), fake.comment('two')];
    const expected = [...firstIds];
    let added = false;
    const got = await collect(make(), null, (c) => c.externalIds.length >= 2 + 150, {
      onBatch: () => {
        if (added) return;
        added = true;
        for (let i = 0; i < 150; i++) expected.push(fake.comment(`burst ${i}`)); // two pages of 100
      },
    });
    assert.equal(got.error, null);
    assert.deepEqual(got.externalIds, expected);
    assert.match(got.cursors.at(-1)!, new RegExp(`\\|${expected.at(-1)}$`));
    const req = fake.http.requests.at(-1)!.url.searchParams;
    assert.equal(req.get('order'), 'time');
    assert.equal(req.get('part'), 'snippet');
    assert.equal(req.get('maxResults'), '100');
  });

  it('resumes from a persisted cursor', async () => {
    const a = fake.comment('resume a');
    const cursor = `${lastPublishedAt()}|${a}`;
    const b = fake.comment('resume b');
    const got = await collect(make(), cursor, (c) => c.externalIds.length >= 1);
    assert.deepEqual(got.externalIds, [b]);
  });

  it('treats 403 quotaExceeded as retryable after the long quota delay, and 429 by Retry-After', async () => {
    const a = fake.comment('quota a');
    const cursor = `${lastPublishedAt()}|${a}`;
    const b = fake.comment('quota b');
    fake.refuseNext(403, 'quotaExceeded');
    fake.refuseNext(429, 'rateLimitExceeded', { 'retry-after': '1' });
    const t0 = Date.now();
    const got = await collect(make({ quotaRetryMs: 600 }), cursor, (c) => c.externalIds.length >= 1, {
      timeoutMs: 5_000,
    });
    assert.deepEqual(got.externalIds, [b]);
    assert.ok(Date.now() - t0 >= 1_550, `${Date.now() - t0}`);
  });

  it('stops on a non-retryable error (bad API key)', async () => {
    const got = await collect(make({ apiKey: 'wrong-key-123' }), null, () => true, { timeoutMs: 3_000 });
    assert.ok(got.error instanceof ConnectorError);
    assert.equal((got.error as ConnectorError).retryable, false);
    assert.doesNotMatch((got.error as Error).message, /wrong-key/);
  });

  it('skips malformed threads without losing neighbours', async () => {
    const s = fake.comment('m start');
    const cursor = `${lastPublishedAt()}|${s}`;
    const a = fake.comment('good a');
    fake.malformed();
    const b = fake.comment('good b');
    const got = await collect(make(), cursor, (c) => c.externalIds.length >= 2);
    assert.deepEqual(got.externalIds, [a, b]);
    assert.equal(got.skipped, 1);
  });
});
