// X filtered stream connector. Keeps the stream rules in sync with the brand queries, reads the chunked
// NDJSON stream, and reconnects as X documents: network errors → linear backoff 250 ms steps up to 16 s;
// HTTP errors → exponential from 5 s up to 320 s; 429 → exponential from 1 min; never sooner than
// Retry-After / x-rate-limit-reset. After a reconnect the gap is filled from recent search (since_id = cursor).
import type { IncomingMention } from '../../../../contracts';
import type { Cursor, IngestBatch, PullConnector, PullHooks } from '../connector';
import { ConnectorError } from '../connector';
import { AsyncQueue, Backoff, errorText, RecentKeys, sleep } from '../connector-utils';
import { XClient, XHttpError, readLines } from './x.client';
import { compareIds, mapXTweet } from './x.mapper';
import { type XRule, XStreamMessage, XTweet, type XUser } from './x.schemas';

export interface XRuleSpec {
  value: string;
  tag: string;
}

export interface XStreamOptions {
  bearerToken: string;
  baseUrl?: string;
  /** Desired stream rules (one per brand query); synced on every pull start. Omit to leave rules alone. */
  rules?: XRuleSpec[];
  /** Fill the gap after a disconnect from recent search (billed as reads). Default true. */
  gapFill?: boolean;
  idleTimeoutMs?: number;
  maxBatch?: number;
  flushMs?: number;
  networkBackoff?: { initialMs: number; maxMs: number };
  httpBackoff?: { initialMs: number; maxMs: number };
  rateLimitBackoff?: { initialMs: number; maxMs: number };
  now?: () => Date;
}

/** Makes the stream rules equal to `desired` (by value and tag): deletes the others, adds the missing. */
export async function syncRules(
  client: XClient,
  desired: XRuleSpec[],
  signal?: AbortSignal,
): Promise<{ added: number; deleted: number; rules: XRule[] }> {
  const current = await client.getRules(signal);
  const key = (r: { value: string; tag?: string | undefined }): string => `${r.tag ?? ''}\u0000${r.value}`;
  const want = new Map(desired.map((r) => [key(r), r]));
  const have = new Set(current.map(key));
  const toDelete = current.filter((r) => !want.has(key(r))).map((r) => r.id);
  const toAdd = [...want.values()].filter((r) => !have.has(key(r)));
  if (toDelete.length > 0) await client.postRules({ delete: { ids: toDelete } }, signal);
  let added: XRule[] = [];
  if (toAdd.length > 0) added = await client.postRules({ add: toAdd }, signal);
  return {
    added: toAdd.length,
    deleted: toDelete.length,
    rules: [...current.filter((r) => want.has(key(r))), ...added],
  };
}

/** Rule values OR-ed into recent-search queries of at most `maxLength` characters. */
export function gapFillQueries(rules: { value: string }[], maxLength = 512): string[] {
  const queries: string[] = [];
  let current = '';
  for (const rule of rules) {
    const part = `(${rule.value})`;
    const joined = current ? `${current} OR ${part}` : part;
    if (joined.length <= maxLength) current = joined;
    else {
      if (current) queries.push(current);
      current = part.slice(0, maxLength);
    }
  }
  if (current) queries.push(current);
  return queries;
}

export class XFilteredStreamConnector implements PullConnector {
  readonly kind = 'x_filtered_stream';
  readonly platform = 'x' as const;
  readonly client: XClient;
  connects = 0;
  private readonly recent = new RecentKeys(50_000);
  private activeRules: { value: string }[] = [];

  constructor(private readonly options: XStreamOptions) {
    this.client = new XClient(options.bearerToken, options.baseUrl, options.now);
  }

  async *pull(cursor: Cursor | null, signal: AbortSignal, hooks?: PullHooks): AsyncIterable<IngestBatch> {
    const o = this.options;
    const network = new Backoff(
      o.networkBackoff?.initialMs ?? 250,
      o.networkBackoff?.maxMs ?? 16_000,
      'linear',
    );
    const http = new Backoff(o.httpBackoff?.initialMs ?? 5_000, o.httpBackoff?.maxMs ?? 320_000);
    const rateLimit = new Backoff(
      o.rateLimitBackoff?.initialMs ?? 60_000,
      o.rateLimitBackoff?.maxMs ?? 15 * 60_000,
    );
    const lastId: string | null = cursor && /^\d+$/.test(cursor) ? cursor : null;
    let rulesSynced = o.rules === undefined;
    const state = { lastId };

    while (!signal.aborted) {
      try {
        if (!rulesSynced) {
          const synced = await syncRules(this.client, o.rules!, signal);
          this.activeRules = synced.rules;
          rulesSynced = true;
        } else if (this.activeRules.length === 0 && o.gapFill !== false && state.lastId) {
          this.activeRules = await this.client.getRules(signal);
        }
        // One controller per connection, so leaving the read loop always tears the socket down.
        const connection = new AbortController();
        const onAbort = (): void => connection.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        let stream: ReadableStream<Uint8Array>;
        try {
          stream = await this.client.openStream(connection.signal);
        } catch (error) {
          signal.removeEventListener('abort', onAbort);
          throw error;
        }
        this.connects++;
        hooks?.onConnected?.();
        // Connected: fill what was missed while away, then read live (overlap dropped by id).
        if (o.gapFill !== false && state.lastId) yield* this.fillGap(state, signal);
        http.reset();
        rateLimit.reset();
        try {
          yield* this.readStream(stream, state, signal, () => network.reset());
        } finally {
          signal.removeEventListener('abort', onAbort);
          connection.abort();
        }
        // The server ended the stream cleanly: reconnect like after a network error.
        if (!(await sleep(network.next(), signal))) return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ConnectorError && !error.retryable) throw error;
        let wait: number;
        if (error instanceof XHttpError) wait = error.status === 429 ? rateLimit.next() : http.next();
        else wait = network.next();
        if (error instanceof ConnectorError && error.retryAfterMs != null) {
          wait = Math.max(wait, error.retryAfterMs);
        }
        hooks?.onRetry?.(error, wait);
        if (!(await sleep(wait, signal))) return;
      }
    }
  }

  private async *fillGap(state: { lastId: string | null }, signal: AbortSignal): AsyncGenerator<IngestBatch> {
    const sinceId = state.lastId!;
    for (const query of gapFillQueries(this.activeRules)) {
      let token: string | undefined;
      const found: { tweet: XTweet; users: XUser[]; raw: unknown }[] = [];
      let skipped = 0;
      do {
        const page = await this.client.searchRecent(query, sinceId, token, signal);
        const users = page.includes?.users ?? [];
        for (const item of page.data ?? []) {
          const tweet = XTweet.safeParse(item);
          if (tweet.success) {
            found.push({ tweet: tweet.data, users, raw: { data: item, includes: page.includes } });
          } else skipped++;
        }
        token = page.meta.next_token;
      } while (token && !signal.aborted);
      // Oldest first, so the cursor only moves forward.
      found.sort((a, b) => compareIds(a.tweet.id, b.tweet.id));
      const mentions: IncomingMention[] = [];
      const raw: unknown[] = [];
      let maxId = state.lastId;
      for (const f of found) {
        if (!this.recent.add(f.tweet.id)) continue;
        const m = mapXTweet(f.tweet, f.users);
        if (!m) {
          skipped++;
          continue;
        }
        mentions.push(m);
        raw.push(f.raw);
        if (!maxId || compareIds(f.tweet.id, maxId) > 0) maxId = f.tweet.id;
      }
      if (mentions.length > 0 || skipped > 0) {
        state.lastId = maxId;
        yield { mentions, raw, skipped, nextCursor: state.lastId };
      }
    }
  }

  private async *readStream(
    stream: ReadableStream<Uint8Array>,
    state: { lastId: string | null },
    signal: AbortSignal,
    onProgress: () => void,
  ): AsyncGenerator<IngestBatch> {
    const o = this.options;
    const maxBatch = o.maxBatch ?? 200;
    const flushMs = o.flushMs ?? 100;
    // Lines are pumped into a bounded queue; when it fills, reading the socket pauses (TCP backpressure).
    const queue = new AsyncQueue<string>(5_000);
    let resumeReading: (() => void) | null = null;
    const pump = (async () => {
      try {
        for await (const line of readLines(stream, o.idleTimeoutMs ?? 30_000)) {
          queue.push(line);
          if (queue.size >= 5_000) await new Promise<void>((resolve) => (resumeReading = resolve));
        }
        queue.end();
      } catch (error) {
        queue.end(error);
      }
    })();
    try {
      let open = true;
      while (open && !signal.aborted) {
        const mentions: IncomingMention[] = [];
        const raw: unknown[] = [];
        let skipped = 0;
        let seen = 0;
        const started = Date.now();
        let failure: unknown = null;
        while (seen < maxBatch) {
          const remaining = flushMs - (Date.now() - started);
          if (seen > 0 && remaining <= 0) break;
          const item = await queue.take(seen > 0 ? remaining : flushMs);
          if (resumeReading && queue.size < 2_500) {
            const r: () => void = resumeReading;
            resumeReading = null;
            r();
          }
          if (item === 'timeout') {
            if (seen > 0 || signal.aborted) break;
            continue;
          }
          if ('end' in item) {
            open = false;
            failure = item.error ?? null;
            break;
          }
          onProgress();
          const line = item.value;
          if (line.trim() === '') continue; // keep-alive
          seen++;
          const message = parseLine(line);
          // In-stream errors (e.g. operational-disconnect) and malformed lines are counted, never fatal.
          if (!message?.data) {
            skipped++;
            continue;
          }
          if (!this.recent.add(message.data.id)) continue;
          const mention = mapXTweet(message.data, message.includes?.users ?? []);
          if (!mention) {
            skipped++;
            continue;
          }
          mentions.push(mention);
          raw.push(message);
          if (!state.lastId || compareIds(message.data.id, state.lastId) > 0) state.lastId = message.data.id;
        }
        if (seen > 0) yield { mentions, raw, skipped, nextCursor: state.lastId };
        if (failure) {
          throw failure instanceof ConnectorError
            ? failure
            : new ConnectorError(`X stream broke: ${errorText(failure)}`, true);
        }
      }
    } finally {
      const r = resumeReading as (() => void) | null;
      r?.();
      queue.end();
      void pump;
    }
  }
}

function parseLine(line: string): XStreamMessage | null {
  try {
    const parsed = XStreamMessage.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
