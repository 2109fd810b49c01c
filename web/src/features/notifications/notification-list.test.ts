import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notification } from '@contracts';
import {
  addNotification,
  badgeLabel,
  inAppPath,
  notificationTarget,
  replaceNotification,
  unreadCount,
} from './notification-list';

const note = (id: string, createdAt: string, over: Partial<Notification> = {}): Notification => ({
  id,
  subjectType: 'signal',
  subjectId: `signal-${id}`,
  message: {
    title: `T${id}`,
    severity: 'high',
    brand: null,
    summary: '',
    explanation: [],
    facts: [],
    topTerms: [],
    samplePosts: [],
    url: `https://firebreak.example/signals/signal-${id}`,
    actions: [],
  },
  readAt: null,
  acknowledgedAt: null,
  createdAt,
  ...over,
});

describe('addNotification', () => {
  it('puts a new one on top once, keeps the order by time and the limit', () => {
    const list = [note('b', '2026-03-01T10:02:00Z'), note('a', '2026-03-01T10:01:00Z')];
    const next = addNotification(list, note('c', '2026-03-01T10:03:00Z'), 2);
    assert.deepEqual(
      next.map((n) => n.id),
      ['c', 'b'],
    );
    assert.deepEqual(
      addNotification(next, note('c', '2026-03-01T10:03:00Z', { readAt: '2026-03-01T10:04:00Z' }), 5).map(
        (n) => [n.id, n.readAt],
      ),
      [
        ['c', '2026-03-01T10:04:00Z'],
        ['b', null],
      ],
    );
  });
});

describe('unread and replace', () => {
  it('counts unread ones; a read one replaces its copy', () => {
    const list = [note('a', '2026-03-01T10:01:00Z'), note('b', '2026-03-01T10:00:00Z')];
    assert.equal(unreadCount(list), 2);
    const read = replaceNotification(list, { ...list[0]!, readAt: '2026-03-01T10:05:00Z' });
    assert.equal(unreadCount(read), 1);
    assert.equal(replaceNotification(list, note('zz', '2026-03-01T10:00:00Z')).length, 2);
    assert.equal(badgeLabel(3), '3');
    assert.equal(badgeLabel(12), '9+');
  });
});

describe('where a notification leads', () => {
  it('opens a signal in the app; other links in the app when same-origin, else outside', () => {
    const origin = 'https://firebreak.example';
    assert.deepEqual(notificationTarget(note('a', '2026-03-01T10:00:00Z'), origin), {
      path: '/signals/signal-a',
    });
    const digest = note('d', '2026-03-01T10:00:00Z', { subjectType: 'digest' });
    assert.deepEqual(notificationTarget(digest, origin), { path: '/signals/signal-d' });
    assert.equal(inAppPath('https://firebreak.example/crises/1?x=1#y', origin), '/crises/1?x=1#y');
    assert.equal(inAppPath('https://elsewhere.example/a', origin), null);
    assert.equal(inAppPath('not a url', origin), null);
    assert.deepEqual(
      notificationTarget(
        { ...digest, message: { ...digest.message, url: 'https://elsewhere.example/x' } },
        origin,
      ),
      { href: 'https://elsewhere.example/x' },
    );
  });
});
