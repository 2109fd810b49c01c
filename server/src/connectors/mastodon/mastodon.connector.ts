// Mastodon streaming connector: hashtag (or public) stream over HTTP server-sent events with a user token.
// The stream has no replay, so after every (re)connect it first fills the gap from the REST timeline
// (min_id = cursor, following Link rel="prev" pages) while the live stream waits, and drops the overlap by id.
// Reconnects with exponential backoff 500 ms → 30 s (reset after progress), never sooner than Retry-After.
import type { IncomingMention } from '../../../../contracts';
import type { Cursor, IngestBatch, PullConnector, PullHooks } from '../connector';
import { ConnectorError } from '../connector';
import { AsyncQueue, Backoff, errorText, RecentKeys, sleep } from '../connector-utils';
import { MastodonClient, type MastodonStream, readSse, type SseEvent } from './mastodon.client';
import { compareStatusIds, mapMastodonStatus } from './mastodon.mapper';
import { MastodonStatus } from './mastodon.schemas';

export interface MastodonOptions {
  baseUrl: string;
  streamingBaseUrl?: string;
  accessToken: string;
  /** Hashtag to follow (without #); omit for the public stream. */
  hashtag?: string;
  local?: boolean;
  maxBatch?: number;
  flushMs?: number;
  /** Reconnect when nothing (not even a ":thump" heartbeat) arrives for this long. */
  idleTimeoutMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Most REST pages read to fill one gap (40 statuses each). */
  maxBackfillPages?: number;
}

export class MastodonConnector implements PullConnector {
  readonly kind = 'mastodon';
  readonly platform = 'mastodon' as const;
  readonly client: MastodonClient;
  readonly stream: MastodonStream;
  connects = 0;
  private readonly recent = new RecentKeys(50_000);

  constructor(private readonly options: MastodonOptions) {
    this.client = new MastodonClient(options.baseUrl, options.accessToken, options.streamingBaseUrl);
    const local = options.local ? { local: true } : {};
    this.stream = options.hashtag
      ? { kind: 'hashtag', tag: options.hashtag.replace(/^#/, ''), ...local }
      : { kind: 'public', ...local };
  }

  async *pull(cursor: Cursor | null, signal: AbortSignal, hooks?: PullHooks): AsyncIterable<IngestBatch> {
    const o = this.options;
    const backoff = new Backoff(o.backoffInitialMs ?? 500, o.backoffMaxMs ?? 30_000);
    const state = { lastId: cursor && /^\d+$/.test(cursor) ? cursor : null };
    while (!signal.aborted) {
      const connection = new AbortController();
      const onAbort = (): void => connection.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const body = await this.client.openStream(this.stream, connection.signal);
        this.connects++;
        hooks?.onConnected?.();
        // Buffer live events while the gap is filled (bounded: the socket pauses when the queue is full).
        const queue = new AsyncQueue<SseEvent>(5_000);
        let lastActivity = Date.now();
        const pump = (async () => {
          try {
            for await (const ev of readSse(body, () => (lastActivity = Date.now()))) {
              queue.push(ev);
              while (queue.size >= 5_000 && !connection.signal.aborted) await sleep(20, connection.signal);
            }
            queue.end();
          } catch (error) {
            queue.end(error);
          }
        })();
        const idle = setInterval(
          () => {
            if (Date.now() - lastActivity > (o.idleTimeoutMs ?? 60_000)) connection.abort();
          },
          Math.min(1_000, o.idleTimeoutMs ?? 60_000),
        );
        try {
          if (state.lastId) yield* this.backfill(state, signal);
          backoff.reset();
          yield* this.consume(queue, state, signal, () => backoff.reset());
        } finally {
          clearInterval(idle);
          connection.abort();
          void pump;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ConnectorError && !error.retryable) throw error;
        const wait = Math.max(
          backoff.next(),
          error instanceof ConnectorError ? (error.retryAfterMs ?? 0) : 0,
        );
        hooks?.onRetry?.(error, wait);
        if (!(await sleep(wait, signal))) return;
        continue;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      if (!(await sleep(backoff.next(), signal))) return;
    }
  }

  /** Statuses newer than the cursor, page by page (oldest page first), through Link rel="prev". */
  private async *backfill(
    state: { lastId: string | null },
    signal: AbortSignal,
  ): AsyncGenerator<IngestBatch> {
    let pageUrl: string | undefined;
    const maxPages = this.options.maxBackfillPages ?? 25;
    for (let page = 0; page < maxPages && !signal.aborted; page++) {
      const { statuses, prev } = await this.client.timelinePage(
        this.stream,
        pageUrl ? { pageUrl } : { minId: state.lastId! },
        signal,
      );
      if (statuses.length === 0) return;
      const batch = this.toBatch(statuses.slice().reverse(), state);
      yield batch;
      if (!prev) return;
      pageUrl = prev;
    }
  }

  private toBatch(
    items: unknown[],
    state: { lastId: string | null },
    edits = new Set<unknown>(),
  ): IngestBatch {
    const mentions: IncomingMention[] = [];
    const raw: unknown[] = [];
    let skipped = 0;
    for (const item of items) {
      const status = MastodonStatus.safeParse(item);
      if (!status.success) {
        skipped++;
        continue;
      }
      const s = status.data;
      if (!state.lastId || compareStatusIds(s.id, state.lastId) > 0) state.lastId = s.id;
      // An edit (status.update) always passes: dedupe downstream refreshes the stored copy.
      if (!this.recent.add(s.id) && !edits.has(item)) continue;
      const mention = mapMastodonStatus(s);
      if (!mention) {
        skipped++;
        continue;
      }
      mentions.push(mention);
      raw.push(item);
    }
    return { mentions, raw, skipped, nextCursor: state.lastId };
  }

  private async *consume(
    queue: AsyncQueue<SseEvent>,
    state: { lastId: string | null },
    signal: AbortSignal,
    onProgress: () => void,
  ): AsyncGenerator<IngestBatch> {
    const maxBatch = this.options.maxBatch ?? 200;
    const flushMs = this.options.flushMs ?? 100;
    let open = true;
    while (open && !signal.aborted) {
      const items: unknown[] = [];
      const edits = new Set<unknown>();
      let skipped = 0;
      let seen = 0;
      let failure: unknown = null;
      const started = Date.now();
      while (seen < maxBatch) {
        const remaining = flushMs - (Date.now() - started);
        if (seen > 0 && remaining <= 0) break;
        const item = await queue.take(seen > 0 ? remaining : flushMs);
        if (item === 'timeout') {
          if (seen > 0 || signal.aborted) break;
          continue;
        }
        if ('end' in item) {
          open = false;
          failure = item.error ?? null;
          break;
        }
        const { event, data } = item.value;
        if (event !== 'update' && event !== 'status.update') continue; // delete, notification, ...
        seen++;
        try {
          const parsed: unknown = JSON.parse(data);
          items.push(parsed);
          if (event === 'status.update') edits.add(parsed);
        } catch {
          skipped++;
        }
      }
      if (seen > 0) {
        const batch = this.toBatch(items, state, edits);
        batch.skipped += skipped;
        onProgress();
        yield batch;
      }
      if (failure && !signal.aborted) {
        throw failure instanceof ConnectorError
          ? failure
          : new ConnectorError(`Mastodon stream broke: ${errorText(failure)}`, true);
      }
    }
  }
}
