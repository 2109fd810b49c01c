// YouTube comment threads polling: newest first (order=time), page until an already-seen comment, then hand
// the new ones on oldest first. Cursor "<publishedAt>|<comment id>" of the newest comment handed on.
// Quota exhaustion (403 quotaExceeded) waits long (default 1 h); 5xx/429 back off exponentially.
import type { IncomingMention } from '../../../../contracts';
import type { Cursor, IngestBatch, PullConnector, PullHooks } from '../connector';
import { ConnectorError } from '../connector';
import { Backoff, sleep } from '../connector-utils';
import { YouTubeClient, type YouTubeTarget } from './youtube.client';
import { mapYouTubeThread } from './youtube.mapper';
import { YouTubeCommentThread } from './youtube.schemas';

export interface YouTubeOptions {
  apiKey: string;
  target: YouTubeTarget;
  ownChannelId?: string;
  baseUrl?: string;
  intervalMs?: number;
  maxPages?: number;
  quotaRetryMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

export function parseYouTubeCursor(cursor: string | null): { publishedAt: number; id: string } | null {
  const m = cursor ? /^([^|]+)\|(.+)$/.exec(cursor) : null;
  const t = m ? Date.parse(m[1]!) : NaN;
  return m && !Number.isNaN(t) ? { publishedAt: t, id: m[2]! } : null;
}

export class YouTubeCommentsConnector implements PullConnector {
  readonly kind = 'youtube';
  readonly platform = 'youtube' as const;
  readonly client: YouTubeClient;

  constructor(private readonly options: YouTubeOptions) {
    this.client = new YouTubeClient(options.apiKey, options.baseUrl, options.quotaRetryMs);
  }

  async *pull(cursor: Cursor | null, signal: AbortSignal, hooks?: PullHooks): AsyncIterable<IngestBatch> {
    const o = this.options;
    const backoff = new Backoff(o.backoffInitialMs ?? 5_000, o.backoffMaxMs ?? 10 * 60_000);
    let mark = parseYouTubeCursor(cursor);
    while (!signal.aborted) {
      try {
        const fresh: { thread: unknown; parsed: YouTubeCommentThread | null; at: number }[] = [];
        let token: string | undefined;
        let reachedSeen = false;
        for (let page = 0; page < (o.maxPages ?? 20) && !reachedSeen; page++) {
          const res = await this.client.commentThreads(o.target, token, signal);
          for (const item of res.items) {
            const parsed = YouTubeCommentThread.safeParse(item);
            const at = parsed.success
              ? Date.parse(parsed.data.snippet.topLevelComment.snippet.publishedAt)
              : NaN;
            if (
              parsed.success &&
              mark &&
              (parsed.data.snippet.topLevelComment.id === mark.id || at < mark.publishedAt)
            ) {
              reachedSeen = true;
              break;
            }
            fresh.push({ thread: item, parsed: parsed.success ? parsed.data : null, at });
          }
          token = res.nextPageToken;
          if (!token || !mark) break; // first run: the newest page only
        }
        backoff.reset();
        const mentions: IncomingMention[] = [];
        const raw: unknown[] = [];
        let skipped = 0;
        for (const f of fresh.reverse()) {
          const mention = f.parsed ? mapYouTubeThread(f.parsed, o.ownChannelId) : null;
          if (!mention || !f.parsed) {
            skipped++;
            continue;
          }
          mentions.push(mention);
          raw.push(f.thread);
          if (!mark || f.at >= mark.publishedAt) {
            mark = { publishedAt: f.at, id: f.parsed.snippet.topLevelComment.id };
          }
        }
        if (mentions.length > 0 || skipped > 0) {
          yield {
            mentions,
            raw,
            skipped,
            nextCursor: mark ? `${new Date(mark.publishedAt).toISOString()}|${mark.id}` : null,
          };
        }
        hooks?.onConnected?.();
        if (!(await sleep(o.intervalMs ?? 5 * 60_000, signal))) return;
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
}
