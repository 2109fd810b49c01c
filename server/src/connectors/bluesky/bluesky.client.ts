// Raw Jetstream WebSocket client: opens `/subscribe` and hands text frames to a bounded queue,
// pausing the socket when the consumer falls behind (backpressure instead of unbounded buffering).
import WebSocket from 'ws';
import { ConnectorError } from '../connector';
import { AsyncQueue, joinUrl, parseRetryAfter } from '../connector-utils';

export const defaultJetstreamUrl = 'wss://jetstream2.us-east.bsky.network';

export interface JetstreamSubscribeOptions {
  wantedCollections: string[];
  wantedDids?: string[];
  /** Unix microseconds to resume from (inclusive on the server side). */
  cursor?: number | null;
}

export function jetstreamSubscribeUrl(baseUrl: string, options: JetstreamSubscribeOptions): string {
  const url = joinUrl(baseUrl, '/subscribe');
  for (const c of options.wantedCollections) url.searchParams.append('wantedCollections', c);
  for (const d of options.wantedDids ?? []) url.searchParams.append('wantedDids', d);
  if (options.cursor != null) url.searchParams.set('cursor', String(Math.floor(options.cursor)));
  return url.toString();
}

export interface JetstreamConnection {
  /** Text frames in arrival order; ends when the socket closes. */
  messages: AsyncQueue<string>;
  /** When the last frame or ping arrived (ms since epoch); Jetstream pings every 30 s. */
  lastActivityAt(): number;
  close(): void;
}

/** Opens the socket; rejects with a ConnectorError (Retry-After honoured) when the upgrade is refused. */
export function openJetstream(
  url: string,
  signal: AbortSignal,
  options: { highWater?: number; connectTimeoutMs?: number } = {},
): Promise<JetstreamConnection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      handshakeTimeout: options.connectTimeoutMs ?? 10_000,
      perMessageDeflate: false,
    });
    const queue = new AsyncQueue<string>(
      options.highWater ?? 5_000,
      () => ws.pause(),
      () => ws.resume(),
    );
    let opened = false;
    let lastActivity = Date.now();
    ws.on('ping', () => (lastActivity = Date.now()));
    const onAbort = (): void => ws.terminate();
    signal.addEventListener('abort', onAbort, { once: true });
    const close = (): void => {
      signal.removeEventListener('abort', onAbort);
      ws.terminate();
      queue.end();
    };
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      const retryAfter = parseRetryAfter(res.headers['retry-after']);
      res.resume();
      ws.terminate();
      reject(
        new ConnectorError(
          `Jetstream refused the subscription: HTTP ${status}`,
          status === 429 || status >= 500,
          retryAfter,
        ),
      );
    });
    ws.on('open', () => {
      opened = true;
      resolve({ messages: queue, close, lastActivityAt: () => lastActivity });
    });
    ws.on('message', (data, isBinary) => {
      lastActivity = Date.now();
      if (isBinary) return queue.push('\u0000binary');
      queue.push(
        Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data as ArrayBuffer).toString('utf8'),
      );
    });
    ws.on('error', (error) => {
      if (!opened) reject(new ConnectorError(`Jetstream connection failed: ${error.message}`, true));
      queue.end();
    });
    ws.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      queue.end();
      if (!opened) reject(new ConnectorError('Jetstream closed before opening', true));
    });
  });
}
