import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert, AlertAttempt } from '@contracts';
import { attemptLine, compareAlertsNewestFirst, deliveryState } from './delivery';

const attempt = (n: number, over: Partial<AlertAttempt> = {}): AlertAttempt => ({
  attempt: n,
  at: '2026-03-01T10:00:00.000Z',
  outcome: 'delivered',
  status: 200,
  response: null,
  error: null,
  ...over,
});

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: '00000000-0000-4000-8000-000000000001',
  channelId: null,
  medium: 'slack',
  recipientMemberId: null,
  subjectType: 'signal',
  subjectId: 's1',
  subjectVersion: 1,
  message: {
    title: 'Spike',
    severity: 'high',
    brand: null,
    summary: 's',
    explanation: [],
    facts: [],
    topTerms: [],
    samplePosts: [],
    url: 'http://x.test/signals/s1',
    actions: [],
  },
  status: 'pending',
  dedupeKey: 'k',
  notBefore: null,
  digestId: null,
  deliveredAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  readAt: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  attempts: [],
  ...over,
});

const now = Date.parse('2026-03-01T10:00:00.000Z');

describe('deliveryState', () => {
  it('reads delivered, delivered after retries, failed and digested', () => {
    assert.equal(
      deliveryState(alert({ status: 'delivered', attempts: [attempt(1)] }), now).label,
      'Delivered',
    );
    const retried = deliveryState(
      alert({
        status: 'delivered',
        attempts: [
          attempt(1, { outcome: 'retryable', status: 503, error: 'Service Unavailable' }),
          attempt(2),
        ],
      }),
      now,
    );
    assert.equal(retried.label, 'Delivered after 2 attempts');
    assert.equal(retried.color, 'teal');
    const failed = deliveryState(
      alert({
        status: 'failed',
        attempts: [attempt(1, { outcome: 'permanent', status: 404, error: 'no_service' })],
      }),
      now,
    );
    assert.deepEqual(
      [failed.label, failed.color, failed.detail],
      ['Failed', 'red', '#1 failed for good (404): no_service'],
    );
    assert.equal(deliveryState(alert({ status: 'digested' }), now).label, 'In a digest');
  });

  it('tells retrying from waiting (quiet hours, digest) from sending now', () => {
    const retrying = deliveryState(
      alert({
        attempts: [attempt(1, { outcome: 'retryable', status: 429, error: 'rate limited' })],
        notBefore: '2026-03-01T10:00:30.000Z',
      }),
      now,
    );
    assert.equal(retrying.label, 'Retrying');
    assert.match(retrying.detail ?? '', /#1 failed, will retry \(429\): rate limited; next attempt/);
    assert.equal(deliveryState(alert({ notBefore: '2026-03-01T07:00:00.000Z' }), now).label, 'Sending');
    assert.equal(deliveryState(alert({ notBefore: '2026-03-01T18:00:00.000Z' }), now).label, 'Waiting');
  });
});

describe('attemptLine', () => {
  it('prefers the error, then the response', () => {
    assert.equal(
      attemptLine(attempt(1, { status: null, response: '250 OK queued' })),
      '#1 delivered: 250 OK queued',
    );
    assert.equal(attemptLine(attempt(3, { status: null })), '#3 delivered');
  });
});

describe('compareAlertsNewestFirst', () => {
  it('orders by creation time, newest first', () => {
    const a = alert({ id: 'a', createdAt: '2026-03-01T10:00:00.000Z' });
    const b = alert({ id: 'b', createdAt: '2026-03-01T11:00:00.000Z' });
    assert.deepEqual(
      [a, b].sort(compareAlertsNewestFirst).map((x) => x.id),
      ['b', 'a'],
    );
  });
});
