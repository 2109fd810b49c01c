// Reddit search polling: every `intervalMs`, list what is newer than the newest fullname seen
// (`before=<fullname>`, pages of 100 until empty), oldest first. Paces itself on X-Ratelimit-Remaining/Reset,
// waits Retry-After on 429. Cursor "<fullname>|<created_utc>": when the watermark post vanishes (deleted,
// removed), `before` returns nothing, so the newest page is also checked against the timestamp.
import type { IncomingMention } from '../../../../contracts';
import type { Cursor, IngestBatch, PullConnector, PullHooks } from '../connector';
import { ConnectorError } from '../connector';
import { Backoff, RecentKeys, sleep } from '../connector-utils';
import { RedditClient, type RedditRateLimit } from './reddit.client';
import { mapRedditThing } from './reddit.mapper';

export interface RedditOptions {
  query: string;
  subreddit?: string;
  baseUrl?: string;
  accessToken?: string;
  userAgent?: string;
  /** Time between polls (default 60 s). */
  intervalMs?: number;
  /** Most pages read per poll (100 items each; listings stop near 1,000 anyway). */
  maxPages?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

interface Watermark {
  fullname: string;
  createdUtc: number;
}

export function parseRedditCursor(cursor: string | null): Watermark | null {
  const m = cursor ? /^(t\d_[a-z0-9]+)\|(\d+(?:\.\d+)?)$/i.exec(cursor) : null;
  return m ? { fullname: m[1]!, createdUtc: Number(m[2]) } : null;
}

export class RedditSearchConnector implements PullConnector {
  readonly kind = 'reddit';
  readonly platform = 'reddit' as const;
  readonly client: RedditClient;
  requests = 0;
  private readonly recent = new RecentKeys(10_000);

  constructor(private readonly options: RedditOptions) {
    this.client = new RedditClient(options.baseUrl, options.accessToken, options.userAgent);
  }

  async *pull(cursor: Cursor | null, signal: AbortSignal, hooks?: PullHooks): AsyncIterable<IngestBatch> {
    const o = this.options;
    const backoff = new Backoff(o.backoffInitialMs ?? 2_000, o.backoffMaxMs ?? 5 * 60_000);
    let mark = parseRedditCursor(cursor);
    let rate: RedditRateLimit = { remaining: null, resetMs: null };
    while (!signal.aborted) {
      try {
        const found: unknown[] = [];
        let before = mark?.fullname;
        for (let page = 0; page < (o.maxPages ?? 10); page++) {
          // Out of quota for this window: wait for the reset rather than get a 429.
          if (rate.remaining != null && rate.remaining < 1 && rate.resetMs != null) {
            if (!(await sleep(rate.resetMs, signal))) return;
          }
          const result = await this.search(before, signal);
          rate = result.rate;
          if (result.children.length === 0) {
            if (page === 0 && mark) {
              // The watermark may be gone: fall back to the newest page, filtered by time.
              const newest = await this.search(undefined, signal);
              rate = newest.rate;
              found.push(...newest.children.filter((c) => createdOf(c) >= mark!.createdUtc).reverse());
            }
            break;
          }
          found.push(...result.children.slice().reverse()); // each page newest first; pages go forward in time
          if (!mark) break; // first run: just the newest page
          before = fullnameOf(result.children[0]) ?? undefined; // newest of this page
          if (!before) break;
        }
        const batch = this.toBatch(found, mark);
        if (batch.newMark) mark = batch.newMark;
        backoff.reset();
        if (batch.batch.mentions.length > 0 || batch.batch.skipped > 0 || cursor == null) {
          cursor = mark ? `${mark.fullname}|${mark.createdUtc}` : null;
          yield { ...batch.batch, nextCursor: cursor };
        }
        hooks?.onConnected?.();
        if (!(await sleep(o.intervalMs ?? 60_000, signal))) return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ConnectorError && !error.retryable) throw error;
        const wait = Math.max(
          backoff.next(),
          error instanceof ConnectorError ? (error.retryAfterMs ?? 0) : 0,
        );
        hooks?.onRetry?.(error, wait);
        if (!(await sleep(wait, signal))) return;
      }
    }
  }

  private search(before: string | undefined, signal: AbortSignal) {
    this.requests++;
    return this.client.search(
      {
        query: this.options.query,
        ...(this.options.subreddit ? { subreddit: this.options.subreddit } : {}),
        ...(before ? { before } : {}),
      },
      signal,
    );
  }

  private toBatch(
    children: unknown[],
    mark: Watermark | null,
  ): { batch: IngestBatch; newMark: Watermark | null } {
    const mentions: IncomingMention[] = [];
    const raw: unknown[] = [];
    let skipped = 0;
    let newMark = mark;
    // `children` is already oldest first.
    for (const child of children) {
      const mapped = mapRedditThing(child);
      if (!mapped.ok) {
        skipped++;
        continue;
      }
      if (!this.recent.add(mapped.fullname)) continue;
      if (mark && mapped.fullname === mark.fullname) continue;
      mentions.push(mapped.mention);
      raw.push(child);
      if (!newMark || mapped.createdUtc >= newMark.createdUtc) {
        newMark = { fullname: mapped.fullname, createdUtc: mapped.createdUtc };
      }
    }
    return { batch: { mentions, raw, skipped, nextCursor: null }, newMark };
  }
}

function fullnameOf(child: unknown): string | null {
  const data = (child as { data?: { name?: unknown } } | null)?.data;
  return typeof data?.name === 'string' ? data.name : null;
}

function createdOf(child: unknown): number {
  const data = (child as { data?: { created_utc?: unknown } } | null)?.data;
  return typeof data?.created_utc === 'number' ? data.created_utc : 0;
}
