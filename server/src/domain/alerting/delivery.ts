// What one delivery attempt came to, and when to try again. Pure.

/** delivered; retryable (network, timeout, 429, 5xx, SMTP 4xx); permanent (other 4xx, SMTP 5xx, bad config). */
export type DeliveryOutcome = 'delivered' | 'retryable' | 'permanent';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  /** HTTP status or SMTP reply code; null when nothing answered. */
  status: number | null;
  /** An excerpt of the answer (never a secret). */
  response: string | null;
  error: string | null;
  /** The receiver asked to wait this long before the next try (Retry-After). */
  retryAfterMs: number | null;
}

export function delivered(status: number | null, response: string | null): DeliveryResult {
  return { outcome: 'delivered', status, response, error: null, retryAfterMs: null };
}

export function failed(
  outcome: 'retryable' | 'permanent',
  error: string,
  status: number | null = null,
  response: string | null = null,
  retryAfterMs: number | null = null,
): DeliveryResult {
  return { outcome, status, response, error, retryAfterMs };
}

/** HTTP answers: 2xx delivered; 408, 425, 429 and 5xx worth retrying; other 4xx permanent. */
export function classifyHttpStatus(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retryable';
  return 'permanent';
}

/** SMTP reply codes: 2xx accepted, 4xx transient, 5xx permanent. */
export function classifySmtpCode(code: number | null): DeliveryOutcome {
  if (code === null) return 'retryable';
  if (code >= 200 && code < 300) return 'delivered';
  if (code >= 400 && code < 500) return 'retryable';
  return 'permanent';
}

export interface RetrySchedule {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles after each failure up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetrySchedule: RetrySchedule = {
  maxAttempts: 6,
  baseDelayMs: 5_000,
  maxDelayMs: 30 * 60_000,
};

/**
 * When to make attempt `attempt + 1` after attempt `attempt` (1-based) failed with `result`, or null to give
 * up: permanent errors and exhausted attempts end the alert. Retry-After wins when it asks for longer.
 */
export function nextAttemptDelay(
  attempt: number,
  result: DeliveryResult,
  schedule: RetrySchedule,
): number | null {
  if (result.outcome !== 'retryable') return null;
  if (attempt >= schedule.maxAttempts) return null;
  const backoff = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(backoff, Math.min(result.retryAfterMs ?? 0, schedule.maxDelayMs));
}
