import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gapFillQueries } from './x.connector';
import { compareIds, mapXTweet, snowflakeMs } from './x.mapper';
import { XStreamMessage } from './x.schemas';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('X mapper', () => {
  it('maps a stream post with its expanded author and public metrics', () => {
    const message = XStreamMessage.parse(fixture('stream-post'));
    assert.deepEqual(mapXTweet(message.data!, message.includes!.users!), {
      platform: 'x',
      externalId: '1860000000000000001',
      url: 'https://x.com/bob/status/1860000000000000001',
      author: { handle: 'bob', name: 'Bob', followers: 1200, verified: true },
      text: '@acme pull this ad',
      createdAt: '2026-11-24T08:00:00.000Z',
      lang: 'en',
      engagement: { likes: 10, reposts: 5, replies: 1, views: 512 },
      replyTo: '1859999999999999999',
      threadId: '1859999999999999999',
      isOwn: false,
    });
  });

  it('falls back to the author id and the snowflake time when expansions are missing', () => {
    const m = mapXTweet({ id: '1860000000000000001', text: 'x', author_id: '42' })!;
    assert.equal(m.author.handle, '42');
    assert.equal(m.url, 'https://x.com/i/web/status/1860000000000000001');
    assert.equal(m.createdAt, new Date(snowflakeMs('1860000000000000001')).toISOString());
  });

  it('compares snowflake ids numerically', () => {
    assert.ok(compareIds('1860000000000000002', '1860000000000000001') > 0);
    assert.ok(compareIds('999', '1000') < 0);
  });

  it('ORs rule values into recent-search queries under the length cap', () => {
    assert.deepEqual(gapFillQueries([{ value: 'acme' }, { value: '"acme ad" -is:retweet' }]), [
      '(acme) OR ("acme ad" -is:retweet)',
    ]);
    const many = Array.from({ length: 100 }, (_, i) => ({ value: `brand${i}` }));
    const queries = gapFillQueries(many, 100);
    assert.ok(queries.every((q) => q.length <= 100));
    assert.equal(queries.join(' OR ').split(' OR ').length, 100);
  });
});
