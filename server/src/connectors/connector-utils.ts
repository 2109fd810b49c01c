// Small helpers shared by the platform connectors: abortable sleep, backoff schedules, Retry-After parsing,
// a bounded "recently seen" set, and an async queue that turns push callbacks into pull with backpressure.
import { ConnectorError } from './connector';

/** Waits `ms`, or less when `signal` aborts; resolves true when the full time passed. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A retry schedule: exponential (delay × factor) or linear (delay + step), capped, reset after progress. */
export class Backoff {
  private attempt = 0;
  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
    readonly mode: 'exponential' | 'linear' = 'exponential',
  ) {}
  next(): number {
    const n = this.attempt++;
    const ms = this.mode === 'exponential' ? this.initialMs * 2 ** n : this.initialMs * (n + 1);
    return Math.min(this.maxMs, ms);
  }
  reset(): void {
    this.attempt = 0;
  }
  get attempts(): number {
    return this.attempt;
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  if (value == null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/** X-style reset header: Unix epoch seconds at which the window resets → milliseconds from now. */
export function parseEpochReset(value: string | null | undefined, now: Date = new Date()): number | null {
  if (value == null || !/^\d+$/.test(value.trim())) return null;
  return Math.max(0, Number(value.trim()) * 1000 - now.getTime());
}

/** Remembers the last `capacity` keys (insertion order), for dropping re-delivered events. */
export class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly capacity = 10_000) {}
  has(key: string): boolean {
    return this.keys.has(key);
  }
  /** Adds the key; returns false when it was already there. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return true;
  }
}

export type QueueItem<T> = { value: T } | { end: true; error?: unknown };

/**
 * A push→pull queue. Producers `push`; the consumer awaits `take(timeoutMs)`. `onHigh`/`onLow` fire when the
 * queue crosses its high-water mark and drains again, so a socket can be paused instead of buffering without limit.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private ended: { error?: unknown } | null = null;
  private waiter: (() => void) | null = null;
  private paused = false;
  constructor(
    private readonly highWater = 5_000,
    private readonly onHigh: () => void = () => {},
    private readonly onLow: () => void = () => {},
  ) {}
  push(value: T): void {
    if (this.ended) return;
    this.items.push(value);
    if (!this.paused && this.items.length >= this.highWater) {
      this.paused = true;
      this.onHigh();
    }
    this.wake();
  }
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = error === undefined ? {} : { error };
    this.wake();
  }
  get size(): number {
    return this.items.length;
  }
  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
  /** The next item, 'timeout' after `timeoutMs` with nothing, or the end marker once drained. */
  async take(timeoutMs: number): Promise<QueueItem<T> | 'timeout'> {
    if (this.items.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiter = null;
          resolve();
        }, timeoutMs);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (this.items.length > 0) {
      const value = this.items.shift()!;
      if (this.paused && this.items.length <= this.highWater / 2) {
        this.paused = false;
        this.onLow();
      }
      return { value };
    }
    if (this.ended) {
      return { end: true, ...(this.ended.error !== undefined ? { error: this.ended.error } : {}) };
    }
    return 'timeout';
  }
}

/** Turns an HTTP error response into a ConnectorError (429/5xx retryable, Retry-After honoured). */
export function httpError(platform: string, status: number, headers: Headers, detail = ''): ConnectorError {
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  const retryable = status === 429 || status >= 500 || status === 408;
  return new ConnectorError(
    `${platform} answered HTTP ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`,
    retryable,
    retryAfter,
  );
}

/** Joins a base URL (with or without trailing slash or path) and a path. */
export function joinUrl(base: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
}

/** Text of an unknown error, for logs and ConnectorError messages (never includes credentials). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
