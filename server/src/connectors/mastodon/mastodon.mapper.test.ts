import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseLink } from './mastodon.client';
import { htmlToText, mapMastodonStatus } from './mastodon.mapper';
import { MastodonStatus } from './mastodon.schemas';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('Mastodon mapper', () => {
  it('maps a status: canonical URI as id, HTML to text, engagement and author', () => {
    const m = mapMastodonStatus(MastodonStatus.parse(fixture('status')))!;
    assert.deepEqual(m, {
      platform: 'mastodon',
      externalId: 'https://other.example/users/bob/statuses/113399999999999999',
      url: 'https://other.example/@bob/113399999999999999',
      author: { handle: 'bob@other.example', name: 'Bob B.', followers: 37, verified: false },
      text: '#acme that ad & the "apology" … really?\n\nSecond paragraph\nnew line 😀',
      createdAt: '2026-11-24T08:01:02.000Z',
      lang: 'en',
      engagement: { likes: 9, reposts: 2, replies: 4, views: null },
      replyTo: null,
      threadId: null,
      isOwn: false,
    });
  });

  it('adds the host to local accounts and skips boosts', () => {
    const local = {
      ...fixture('status'),
      account: { id: '2', acct: 'alice', url: 'https://mastodon.example/@alice' },
    };
    assert.equal(mapMastodonStatus(MastodonStatus.parse(local))!.author.handle, 'alice@mastodon.example');
    assert.equal(
      mapMastodonStatus(MastodonStatus.parse({ ...fixture('status'), reblog: { id: '1' } })),
      null,
    );
  });

  it('strips tags and decodes entities, leaving unknown entities alone', () => {
    assert.equal(htmlToText('<p>a &lt;b&gt; &nbsp;&foo; &#39;x&#39;</p>'), "a <b>  &foo; 'x'");
  });

  it('parses Link headers', () => {
    assert.deepEqual(
      parseLink('<https://m.example/a?max_id=1>; rel="next", <https://m.example/a?min_id=9>; rel="prev"'),
      {
        next: 'https://m.example/a?max_id=1',
        prev: 'https://m.example/a?min_id=9',
      },
    );
  });
});
