import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Notification, SessionInfo } from '@contracts';
import { QueryClient } from '@tanstack/react-query';
import { dispatchLiveEvent } from '../../api/live-events';
import { sessionKey } from '../auth/auth.api';
import { notificationKeys, type NotificationList } from './notifications.api';

const notification = (id: string): Notification => ({
  id,
  subjectType: 'signal',
  subjectId: 's1',
  message: {
    title: 'Spike',
    severity: 'high',
    brand: null,
    summary: 'Mentions ×12',
    explanation: [],
    facts: [],
    topTerms: [],
    samplePosts: [],
    url: 'http://x.test/signals/s1',
    actions: [],
  },
  readAt: null,
  acknowledgedAt: null,
  createdAt: '2026-03-01T10:00:00.000Z',
});

const frame = (payload: unknown) =>
  JSON.stringify({ id: '1', name: 'x', payload, at: '2026-03-01T10:00:00Z' });

describe('notification.created', () => {
  it("goes to its recipient's bell only, once", () => {
    const qc = new QueryClient();
    qc.setQueryData(sessionKey, { member: { id: 'me' } } as unknown as SessionInfo);
    qc.setQueryData<NotificationList>(notificationKeys.list, { notifications: [] });
    const list = () =>
      qc.getQueryData<NotificationList>(notificationKeys.list)!.notifications.map((n) => n.id);

    dispatchLiveEvent(
      qc,
      'notification.created',
      frame({ memberId: 'someone-else', notification: notification('a') }),
    );
    assert.deepEqual(list(), []);
    dispatchLiveEvent(qc, 'notification.created', frame({ memberId: 'me', notification: notification('b') }));
    dispatchLiveEvent(qc, 'notification.created', frame({ memberId: 'me', notification: notification('b') }));
    assert.deepEqual(list(), ['b']);
    qc.clear();
  });
});
