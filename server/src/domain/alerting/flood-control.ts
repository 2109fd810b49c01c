// Flood control: decides, per target (a notification channel, or a member's in-app feed), whether a new alert is
// sent now, is a duplicate of one already sent for the same subject update, joins a digest because many
// subjects opened at once, or waits for the end of quiet hours. Pure: the caller passes the target's history.
import type { AlertSeverity, QuietHours } from '../../../../contracts';

export interface FloodPolicy {
  /** More than this many distinct subjects within `digestWindowMs` to one target: the rest go in a digest. */
  digestThreshold: number;
  digestWindowMs: number;
  /** How long a digest collects before it is sent. */
  digestDelayMs: number;
}

export const defaultFloodPolicy: FloodPolicy = {
  digestThreshold: 3,
  digestWindowMs: 5 * 60_000,
  digestDelayMs: 60_000,
};

/** The key that makes "one message per subject update" hold: subject and its version. */
export function dedupeKeyOf(subjectType: string, subjectId: string, subjectVersion: number): string {
  return `${subjectType}:${subjectId}:v${subjectVersion}`;
}

export interface FloodCandidate {
  subjectKey: string;
  dedupeKey: string;
  severity: AlertSeverity;
}

/** An alert already made for the same target (any status). */
export interface FloodHistoryItem {
  subjectKey: string;
  dedupeKey: string;
  createdAt: Date;
  /** A digest still collecting (held for the digest), with the time it will be sent. */
  heldUntil: Date | null;
}

export type FloodDecision =
  | { kind: 'send' }
  | { kind: 'duplicate' }
  | { kind: 'digest'; flushAt: Date }
  | { kind: 'defer'; until: Date };

export function decideFlood(
  candidate: FloodCandidate,
  history: readonly FloodHistoryItem[],
  now: Date,
  options: { policy?: FloodPolicy; quietHours?: QuietHours | null } = {},
): FloodDecision {
  const policy = options.policy ?? defaultFloodPolicy;
  if (history.some((h) => h.dedupeKey === candidate.dedupeKey)) return { kind: 'duplicate' };

  // Critical alerts always go out on their own; others join a digest when many subjects opened at once.
  if (candidate.severity !== 'critical') {
    const since = now.getTime() - policy.digestWindowMs;
    const recent = history.filter(
      (h) => h.createdAt.getTime() > since && h.subjectKey !== candidate.subjectKey,
    );
    const collecting = recent.find((h) => h.heldUntil !== null && h.heldUntil.getTime() > now.getTime());
    if (collecting) return { kind: 'digest', flushAt: collecting.heldUntil! };
    const subjects = new Set(recent.map((h) => h.subjectKey));
    if (subjects.size >= policy.digestThreshold) {
      return { kind: 'digest', flushAt: new Date(now.getTime() + policy.digestDelayMs) };
    }
  }

  if (candidate.severity === 'low' && options.quietHours) {
    const until = quietHoursEnd(options.quietHours, now);
    if (until) return { kind: 'defer', until };
  }
  return { kind: 'send' };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Local wall-clock hour and minute (and second) of `now` in an IANA time zone. */
function localTime(now: Date, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minute: get('hour') * 60 + get('minute'), second: get('second') };
}

/**
 * When `now` falls inside the quiet hours, the instant they end; otherwise null. Windows may wrap midnight
 * (22:00–07:00); a window whose start equals its end is empty. A DST change inside the window shifts the end
 * by its offset (the delay is counted in wall-clock minutes).
 */
export function quietHoursEnd(quiet: QuietHours, now: Date): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const { minute, second } = localTime(now, quiet.timeZone);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const minutesLeft = (end - minute + 1440) % 1440;
  const ms = minutesLeft * 60_000 - second * 1000 - now.getUTCMilliseconds();
  return new Date(now.getTime() + ms);
}
