import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertSeverity, QuietHours } from '../../../../contracts';
import { decideFlood, dedupeKeyOf, type FloodHistoryItem, quietHoursEnd } from './flood-control';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);
const sent = (
  subject: string,
  version: number,
  minutesAgo: number,
  heldUntil: Date | null = null,
): FloodHistoryItem => ({
  subjectKey: `signal:${subject}`,
  dedupeKey: dedupeKeyOf('signal', subject, version),
  createdAt: ago(minutesAgo),
  heldUntil,
});
const candidate = (subject: string, version: number, severity: AlertSeverity = 'high') => ({
  subjectKey: `signal:${subject}`,
  dedupeKey: dedupeKeyOf('signal', subject, version),
  severity,
});

describe('decideFlood', () => {
  const inFiveMinutes = new Date(now.getTime() + 60_000);
  const cases: {
    name: string;
    candidate: ReturnType<typeof candidate>;
    history: FloodHistoryItem[];
    quietHours?: QuietHours;
    expected: ReturnType<typeof decideFlood>;
  }[] = [
    {
      name: 'first alert for a subject is sent',
      candidate: candidate('a', 1),
      history: [],
      expected: { kind: 'send' },
    },
    {
      name: 'same subject and version again is a duplicate',
      candidate: candidate('a', 1),
      history: [sent('a', 1, 60)],
      expected: { kind: 'duplicate' },
    },
    {
      name: 'a new version of the subject (an update) is sent',
      candidate: candidate('a', 2),
      history: [sent('a', 1, 1)],
      expected: { kind: 'send' },
    },
    {
      name: 'three other subjects within 5 minutes: the fourth goes into a digest',
      candidate: candidate('d', 1),
      history: [sent('a', 1, 1), sent('b', 1, 2), sent('c', 1, 4)],
      expected: { kind: 'digest', flushAt: inFiveMinutes },
    },
    {
      name: 'two other subjects within 5 minutes: the third is still sent',
      candidate: candidate('c', 1),
      history: [sent('a', 1, 1), sent('b', 1, 2)],
      expected: { kind: 'send' },
    },
    {
      name: 'subjects older than the window do not count',
      candidate: candidate('d', 1),
      history: [sent('a', 1, 1), sent('b', 1, 2), sent('c', 1, 6)],
      expected: { kind: 'send' },
    },
    {
      name: 'several versions of one subject count once',
      candidate: candidate('d', 1),
      history: [sent('a', 1, 1), sent('a', 2, 1), sent('a', 3, 1), sent('b', 1, 2)],
      expected: { kind: 'send' },
    },
    {
      name: 'a digest still collecting is joined with its send time',
      candidate: candidate('e', 1),
      history: [
        sent('a', 1, 3),
        sent('b', 1, 3),
        sent('c', 1, 3),
        sent('d', 1, 1, new Date(now.getTime() + 20_000)),
      ],
      expected: { kind: 'digest', flushAt: new Date(now.getTime() + 20_000) },
    },
    {
      name: 'critical alerts are never digested',
      candidate: candidate('d', 1, 'critical'),
      history: [sent('a', 1, 1), sent('b', 1, 2), sent('c', 1, 4)],
      expected: { kind: 'send' },
    },
    {
      name: 'low severity in quiet hours waits for their end',
      candidate: candidate('a', 1, 'low'),
      history: [],
      quietHours: { start: '11:00', end: '13:30', timeZone: 'UTC' },
      expected: { kind: 'defer', until: new Date('2026-03-10T13:30:00Z') },
    },
    {
      name: 'medium severity in quiet hours is sent',
      candidate: candidate('a', 1, 'medium'),
      history: [],
      quietHours: { start: '11:00', end: '13:30', timeZone: 'UTC' },
      expected: { kind: 'send' },
    },
    {
      name: 'low severity outside quiet hours is sent',
      candidate: candidate('a', 1, 'low'),
      history: [],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'UTC' },
      expected: { kind: 'send' },
    },
    {
      name: 'a duplicate stays a duplicate in quiet hours',
      candidate: candidate('a', 1, 'low'),
      history: [sent('a', 1, 30)],
      quietHours: { start: '11:00', end: '13:30', timeZone: 'UTC' },
      expected: { kind: 'duplicate' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(
        decideFlood(c.candidate, c.history, now, { quietHours: c.quietHours ?? null }),
        c.expected,
      );
    });
  }
});

describe('quietHoursEnd', () => {
  const cases: { quiet: QuietHours; at: string; expected: string | null }[] = [
    {
      quiet: { start: '22:00', end: '07:00', timeZone: 'UTC' },
      at: '2026-03-10T23:15:30Z',
      expected: '2026-03-11T07:00:00.000Z',
    },
    {
      quiet: { start: '22:00', end: '07:00', timeZone: 'UTC' },
      at: '2026-03-10T03:00:00Z',
      expected: '2026-03-10T07:00:00.000Z',
    },
    { quiet: { start: '22:00', end: '07:00', timeZone: 'UTC' }, at: '2026-03-10T07:00:00Z', expected: null },
    { quiet: { start: '22:00', end: '07:00', timeZone: 'UTC' }, at: '2026-03-10T21:59:59Z', expected: null },
    // 23:00 in Paris (UTC+1 in March before DST) is 22:00 UTC; quiet until 07:00 Paris = 06:00 UTC.
    {
      quiet: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
      at: '2026-03-10T22:00:00Z',
      expected: '2026-03-11T06:00:00.000Z',
    },
    { quiet: { start: '09:00', end: '09:00', timeZone: 'UTC' }, at: '2026-03-10T09:30:00Z', expected: null },
  ];
  for (const c of cases) {
    it(`${c.quiet.start}–${c.quiet.end} ${c.quiet.timeZone} at ${c.at} → ${c.expected}`, () => {
      assert.equal(quietHoursEnd(c.quiet, new Date(c.at))?.toISOString() ?? null, c.expected);
    });
  }
});
