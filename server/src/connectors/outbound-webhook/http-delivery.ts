// One HTTP POST of an alert (Slack, Teams and outbound webhooks share it): a timeout, the answer classified as
// delivered / retryable / permanent, Retry-After honoured. Error texts never include the URL (it is a secret).
import { classifyHttpStatus, type DeliveryResult, delivered, failed } from '../../domain/alerting/delivery';
import { parseRetryAfter } from '../connector-utils';

export const defaultDeliveryTimeoutMs = 15_000;

/** Network-level failure codes (undici puts them on `error.cause.code`). */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as { name?: string }).name === 'TimeoutError') return 'timed out';
  if (cause?.code) return `network error ${cause.code}`;
  return 'network error';
}

export interface PostOptions {
  headers?: Record<string, string>;
  timeoutMs?: number | undefined;
  /** Reads a 200 answer and decides (Slack's Web API answers 200 with `ok: false`). */
  inspect?: (status: number, text: string, headers: Headers) => DeliveryResult | undefined;
}

export async function postForDelivery(
  url: string,
  body: string,
  options: PostOptions = {},
): Promise<DeliveryResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? defaultDeliveryTimeoutMs),
    });
  } catch (error) {
    return failed('retryable', networkReason(error));
  }
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The status is what matters; a broken body after it is ignored.
  }
  const excerpt = text.slice(0, 500) || null;
  const inspected = options.inspect?.(response.status, text, response.headers);
  if (inspected) return inspected;
  const outcome = classifyHttpStatus(response.status);
  if (outcome === 'delivered') return delivered(response.status, excerpt);
  return failed(
    outcome,
    `HTTP ${response.status}${excerpt ? `: ${excerpt.slice(0, 200)}` : ''}`,
    response.status,
    excerpt,
    parseRetryAfter(response.headers.get('retry-after')),
  );
}
