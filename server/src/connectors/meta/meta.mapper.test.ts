import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mapMetaDelivery } from './meta.mapper';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('Meta webhook mapper', () => {
  it('maps a Page feed comment with author, thread, URL and time', () => {
    const result = mapMetaDelivery(fixture('page-feed-comment'))!;
    assert.equal(result.skipped, 0);
    assert.deepEqual(result.mentions, [
      {
        platform: 'facebook',
        externalId: '1061234567890_998877_554433',
        url: 'https://www.facebook.com/1061234567890/posts/998877?comment_id=554433',
        author: { handle: '7001', name: 'Jane Doe', followers: null, verified: false },
        text: 'This ad is offensive',
        createdAt: '2025-11-24T16:00:00.000Z',
        lang: null,
        engagement: { likes: 0, reposts: 0, replies: 0, views: null },
        replyTo: '1061234567890_998877',
        threadId: '1061234567890_998877',
        isOwn: false,
      },
    ]);
  });

  it('keeps posts, edits and Page mentions; skips reactions, removals and malformed changes', () => {
    const result = mapMetaDelivery(fixture('page-feed-mixed'))!;
    assert.deepEqual(
      result.mentions.map((m) => [m.externalId, m.text, m.isOwn, m.replyTo]),
      [
        ['1061234567890_111', 'Our statement on the ad', true, null],
        ['1061234567890_111_222', 'Edited: still angry', false, '1061234567890_111_200'],
        ['2002_333', 'Look what @Acme did', false, null],
      ],
    );
    assert.equal(result.skipped, 3);
    assert.equal(result.malformed, 1);
    assert.equal(result.raw.length, 3);
  });

  it('maps Instagram comments (replies too) and id-only mentions', () => {
    const result = mapMetaDelivery(fixture('instagram-comments'))!;
    assert.deepEqual(
      result.mentions.map((m) => [m.platform, m.externalId, m.author.handle, m.text, m.replyTo, m.threadId]),
      [
        ['instagram', '17865799348089039', 'angry_user', 'Take this ad down', '123123', '123123'],
        ['instagram', '17865799348089040', 'fan', 'I liked it', '17865799348089039', '123123'],
        ['instagram', '17894227972186120', 'unknown', '', '17918195224117851', '17918195224117851'],
      ],
    );
    assert.equal(result.mentions[0]!.createdAt, new Date(1764000200 * 1000).toISOString());
  });

  it('returns null for a body that is not a delivery', () => {
    assert.equal(mapMetaDelivery({ hello: 'world' }), null);
    assert.equal(mapMetaDelivery([]), null);
  });
});
