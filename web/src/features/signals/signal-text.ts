// How a signal reads on the page: labels and colours for its enums, numbers in the explanation (a metric's
// value, a ratio against the baseline), the snooze choices, and the one line that says who owns it. Pure.
import type {
  Signal,
  SignalExplanation,
  SignalKind,
  SignalMetric,
  SignalSeverity,
  SignalStatus,
} from '@contracts';

export const signalStatusLabels: Record<SignalStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  merged: 'Merged',
  escalated: 'Crisis declared',
  dismissed: 'Dismissed',
};

export const signalStatusColors: Record<SignalStatus, string> = {
  open: 'red',
  acknowledged: 'blue',
  snoozed: 'grape',
  merged: 'gray',
  escalated: 'orange',
  dismissed: 'gray',
};

export const severityLabels: Record<SignalSeverity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const severityColors: Record<SignalSeverity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

export const signalKindLabels: Record<SignalKind, string> = {
  spike: 'Spike',
  narrative: 'Emerging narrative',
  high_reach: 'High-reach post',
};

export const postReasonLabels = {
  sample: 'Sample',
  top_reach: 'Top reach',
  high_reach_negative: 'Negative, large audience',
  fast_engagement: 'Fast engagement',
} as const;

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A metric's value as people read it: shares in percent, reach compact, counts with one decimal at most. */
export function formatMetricValue(metric: SignalMetric, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (metric) {
    case 'negative_share':
      return `${plain.format(value * 100)}%`;
    case 'negative_reach':
      return compact.format(value);
    case 'volume':
    case 'acceleration':
      return plain.format(value);
  }
}

/** "×38" (or "×2.4"), "—" without a ratio. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `×${ratio >= 10 ? Math.round(ratio) : plain.format(ratio)}`;
}

/** Score in [0, 1] as a whole percentage. */
export function formatScore(score: number | null): string {
  return score === null ? '—' : `${Math.round(score * 100)}`;
}

export const snoozeChoices: readonly { minutes: number; label: string }[] = [
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 4 * 60, label: '4 hours' },
  { minutes: 24 * 60, label: '1 day' },
];

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(iso: string, now: number): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay ? timeOnly.format(d) : dateTime.format(d);
}

/**
 * Who owns the signal and what happens next: "Acknowledged by Ada at 14:05", "Snoozed by Ada until 16:00",
 * "Nobody has acknowledged it yet; escalation step 1 of the routing rule reached…". `nameOf` maps member ids.
 */
export function ownershipLine(
  signal: Signal,
  nameOf: (memberId: string) => string,
  now: number = Date.now(),
): string {
  const owner = signal.ownerId ? nameOf(signal.ownerId) : 'someone';
  switch (signal.status) {
    case 'acknowledged':
      return `Acknowledged by ${owner}${signal.acknowledgedAt ? ` at ${when(signal.acknowledgedAt, now)}` : ''}. Escalation stopped.`;
    case 'snoozed':
      return `Snoozed by ${owner}${signal.snoozedUntil ? ` until ${when(signal.snoozedUntil, now)}` : ''}; it opens again then.`;
    case 'dismissed':
      return `Dismissed${signal.dismissedAt ? ` at ${when(signal.dismissedAt, now)}` : ''}.`;
    case 'merged':
      return 'Merged into another signal.';
    case 'escalated':
      return 'A crisis was declared from this signal.';
    case 'open':
      return signal.escalationLevel > 0
        ? `Nobody has acknowledged it: escalated ${signal.escalationLevel} time${signal.escalationLevel === 1 ? '' : 's'}.`
        : 'Nobody has acknowledged it yet. It escalates if nobody does in time.';
  }
}

/**
 * The metric the explanation's baseline and observed figures belong to: the reading they were taken from when
 * one matches (the latest fire may be of another metric than the one that opened the signal), else the opening one.
 */
export function baselineMetric(explanation: SignalExplanation): SignalMetric {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  const reading = explanation.readings.find(
    (r) => close(r.observed, explanation.observed) && close(r.expected, explanation.baseline),
  );
  return reading?.metric ?? explanation.metric;
}
