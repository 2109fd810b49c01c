// How an alert's delivery reads in the delivery log: one status line (delivered after N attempts, retrying,
// waiting for quiet hours, folded into a digest, failed) with a colour, and each attempt as a short line. Pure:
// the clock is a parameter.
import type { Alert, AlertAttempt, AlertMedium } from '@contracts';

export const mediumLabels: Record<AlertMedium, string> = {
  in_app: 'In app',
  slack: 'Slack',
  teams: 'Teams',
  email: 'Email',
  webhook: 'Webhook',
};

export interface DeliveryState {
  label: string;
  color: string;
  /** A longer explanation, for a tooltip. */
  detail: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function attemptLine(attempt: AlertAttempt): string {
  const parts = [`#${attempt.attempt}`];
  parts.push(
    attempt.outcome === 'delivered'
      ? 'delivered'
      : attempt.outcome === 'retryable'
        ? 'failed, will retry'
        : 'failed for good',
  );
  if (attempt.status !== null) parts.push(`(${attempt.status})`);
  const text = attempt.error ?? attempt.response;
  return text ? `${parts.join(' ')}: ${text}` : parts.join(' ');
}

export function deliveryState(alert: Alert, now: number = Date.now()): DeliveryState {
  const attempts = alert.attempts;
  const last = attempts.at(-1);
  switch (alert.status) {
    case 'delivered':
      return {
        label: attempts.length > 1 ? `Delivered after ${plural(attempts.length, 'attempt')}` : 'Delivered',
        color: 'teal',
        detail: last ? attemptLine(last) : null,
      };
    case 'failed':
      return { label: 'Failed', color: 'red', detail: last ? attemptLine(last) : null };
    case 'digested':
      return { label: 'In a digest', color: 'gray', detail: 'Sent as part of a digest of several signals.' };
    case 'pending': {
      const at = alert.notBefore ? Date.parse(alert.notBefore) : null;
      if (last) {
        return {
          label: 'Retrying',
          color: 'orange',
          detail: `${attemptLine(last)}${at && at > now ? `; next attempt ${new Date(at).toISOString()}` : ''}`,
        };
      }
      if (at !== null && at > now + 5_000) {
        return {
          label: 'Waiting',
          color: 'blue',
          detail: 'Held for quiet hours or a digest; it goes out when they end.',
        };
      }
      return { label: 'Sending', color: 'blue', detail: null };
    }
  }
}

/** Newest first by creation time (the API's order); ties by id. */
export function compareAlertsNewestFirst(a: Alert, b: Alert): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
