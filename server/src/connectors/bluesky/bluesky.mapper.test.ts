import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mapJetstreamEvent } from './bluesky.mapper';
import { JetstreamEvent } from './bluesky.schemas';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));

describe('Jetstream mapper', () => {
  it('maps a post create to a Bluesky mention with at:// id, web URL, language and thread refs', () => {
    const result = mapJetstreamEvent(JetstreamEvent.parse(fixture('post-create')));
    assert.ok(result.ok);
    assert.deepEqual(result.mention, {
      platform: 'bluesky',
      externalId: 'at://did:plc:abc123exampleauthor/app.bsky.feed.post/3l3qo2vuowo2b',
      url: 'https://bsky.app/profile/did:plc:abc123exampleauthor/post/3l3qo2vuowo2b',
      author: { handle: 'did:plc:abc123exampleauthor', name: null, followers: null, verified: false },
      text: "Can't believe @acme.com ran that ad",
      createdAt: '2026-11-24T08:00:00.000Z',
      lang: 'en',
      engagement: { likes: 0, reposts: 0, replies: 0, views: null },
      replyTo: 'at://did:plc:parent/app.bsky.feed.post/3kparent',
      threadId: 'at://did:plc:root/app.bsky.feed.post/3kroot',
      isOwn: false,
    });
  });

  it('ignores likes, deletes and identity events', () => {
    for (const name of ['like-create', 'post-delete', 'identity']) {
      const result = mapJetstreamEvent(JetstreamEvent.parse(fixture(name)));
      assert.deepEqual(result, { ok: false, reason: 'not_a_post_create' }, name);
    }
  });

  it('reports a post record without text as malformed', () => {
    const event = fixture('post-create') as { commit: { record: Record<string, unknown> } };
    delete event.commit.record.text;
    const result = mapJetstreamEvent(JetstreamEvent.parse(event));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'malformed');
  });

  it('falls back to time_us when createdAt is unreadable', () => {
    const event = fixture('post-create') as { commit: { record: Record<string, unknown> } };
    event.commit.record.createdAt = 'not a date';
    const result = mapJetstreamEvent(JetstreamEvent.parse(event));
    assert.ok(result.ok);
    assert.equal(result.mention.createdAt, new Date(1764000000123).toISOString());
  });
});
