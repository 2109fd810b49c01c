// Bluesky Jetstream connector: subscribes to post commits, batches them, resumes by time_us cursor with a
// small rewind on every (re)connect, drops re-delivered posts it has already seen, and reconnects with
// exponential backoff 250 ms → 30 s (reset after progress), never less than a refusal's Retry-After.
import type { IncomingMention } from '../../../../contracts';
import type { Cursor, IngestBatch, PullConnector, PullHooks } from '../connector';
import { ConnectorError } from '../connector';
import { Backoff, RecentKeys, sleep } from '../connector-utils';
import { defaultJetstreamUrl, jetstreamSubscribeUrl, openJetstream } from './bluesky.client';
import { mapJetstreamEvent } from './bluesky.mapper';
import { JetstreamEvent, postCollection } from './bluesky.schemas';

export interface BlueskyJetstreamOptions {
  baseUrl?: string;
  /** Optional early pre-filter: keep only posts whose text contains one of these (case-insensitive). */
  keywords?: string[];
  wantedDids?: string[];
  /** Cursor rewind on reconnect, microseconds (default 2 s). */
  rewindUs?: number;
  maxBatch?: number;
  flushMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Reconnect when nothing (not even a ping) arrives for this long (Jetstream pings every 30 s). */
  idleTimeoutMs?: number;
  highWater?: number;
}

export class BlueskyJetstreamConnector implements PullConnector {
  readonly kind = 'bluesky_jetstream';
  readonly platform = 'bluesky' as const;
  /** Connections opened so far (observability and tests). */
  connects = 0;
  private readonly recent = new RecentKeys(50_000);
  private readonly keywords: string[];

  constructor(private readonly options: BlueskyJetstreamOptions = {}) {
    this.keywords = (options.keywords ?? []).map((k) => k.toLowerCase()).filter((k) => k.length > 0);
  }

  async *pull(cursor: Cursor | null, signal: AbortSignal, hooks?: PullHooks): AsyncIterable<IngestBatch> {
    const o = this.options;
    const rewindUs = o.rewindUs ?? 2_000_000;
    const maxBatch = o.maxBatch ?? 500;
    const flushMs = o.flushMs ?? 200;
    const idleTimeoutMs = o.idleTimeoutMs ?? 90_000;
    const backoff = new Backoff(o.backoffInitialMs ?? 250, o.backoffMaxMs ?? 30_000);
    let lastTimeUs: number | null = cursor != null && /^\d+$/.test(cursor) ? Number(cursor) : null;

    while (!signal.aborted) {
      const url = jetstreamSubscribeUrl(o.baseUrl ?? defaultJetstreamUrl, {
        wantedCollections: [postCollection],
        ...(o.wantedDids ? { wantedDids: o.wantedDids } : {}),
        cursor: lastTimeUs != null ? Math.max(0, lastTimeUs - rewindUs) : null,
      });
      let connection;
      try {
        connection = await openJetstream(url, signal, { ...(o.highWater ? { highWater: o.highWater } : {}) });
        this.connects++;
        hooks?.onConnected?.();
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ConnectorError && !error.retryable) throw error;
        const wait = Math.max(
          backoff.next(),
          error instanceof ConnectorError ? (error.retryAfterMs ?? 0) : 0,
        );
        hooks?.onRetry?.(error, wait);
        await sleep(wait, signal);
        continue;
      }
      try {
        let open = true;
        while (open && !signal.aborted) {
          const mentions: IncomingMention[] = [];
          const raw: unknown[] = [];
          let skipped = 0;
          let seen = 0;
          const started = Date.now();
          while (seen < maxBatch) {
            const remaining = flushMs - (Date.now() - started);
            if (remaining <= 0 && seen > 0) break;
            const item = await connection.messages.take(seen > 0 ? remaining : flushMs);
            if (item === 'timeout') {
              if (seen > 0) break;
              if (Date.now() - connection.lastActivityAt() > idleTimeoutMs) open = false;
              if (!open || signal.aborted) break;
              continue;
            }
            if ('end' in item) {
              open = false;
              break;
            }
            seen++;
            const event = parseEvent(item.value);
            if (!event) {
              skipped++;
              continue;
            }
            if (lastTimeUs == null || event.time_us > lastTimeUs) lastTimeUs = event.time_us;
            const mapped = mapJetstreamEvent(event);
            if (!mapped.ok) {
              skipped++;
              continue;
            }
            // Re-delivered by the rewind: already handed on by this connector.
            if (!this.recent.add(mapped.mention.externalId)) continue;
            if (!this.matchesKeywords(mapped.mention.text)) {
              skipped++;
              continue;
            }
            mentions.push(mapped.mention);
            raw.push(event);
          }
          if (seen > 0) {
            backoff.reset();
            yield { mentions, raw, skipped, nextCursor: lastTimeUs != null ? String(lastTimeUs) : null };
          }
        }
      } finally {
        connection.close();
      }
      if (signal.aborted) return;
      await sleep(backoff.next(), signal);
    }
  }

  private matchesKeywords(text: string): boolean {
    if (this.keywords.length === 0) return true;
    const lower = text.toLowerCase();
    return this.keywords.some((k) => lower.includes(k));
  }
}

function parseEvent(text: string): JetstreamEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = JetstreamEvent.safeParse(json);
  return parsed.success ? parsed.data : null;
}
