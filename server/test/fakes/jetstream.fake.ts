// Fake Bluesky Jetstream: a real ws server speaking v1 `/subscribe` (wantedCollections, cursor in µs,
// replay from the cursor inclusive, then live). Knobs: drop a connection after N frames, refuse the next
// upgrade with an HTTP status and Retry-After, and inject raw (malformed) frames into the log.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeJetstreamEntry {
  time_us: number;
  /** The frame exactly as sent. */
  frame: string;
  collection: string | null;
}

export class FakeJetstream {
  readonly log: FakeJetstreamEntry[] = [];
  /** Every subscription URL received (to check cursors and parameters). */
  readonly subscriptions: URL[] = [];
  readonly connectedAt: number[] = [];
  private readonly clients = new Set<{ ws: WebSocket; collections: string[]; sent: number }>();
  private dropAfterFrames: number | null = null;
  private refusals: { status: number; retryAfter?: string }[] = [];
  // Starts at the real time (µs): Jetstream stamps events when it receives them.
  private clock = Date.now() * 1000;
  private seq = 0;
  baseUrl = '';
  /** Ping every open connection this often (Jetstream: 30 s); 0 = never. */
  pingEveryMs = 0;
  private pinger: NodeJS.Timeout | undefined;
  private server!: Server;
  private wss!: WebSocketServer;

  static async start(): Promise<FakeJetstream> {
    const fake = new FakeJetstream();
    fake.server = createServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    fake.wss = new WebSocketServer({ noServer: true });
    fake.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const refusal = fake.refusals.shift();
      if (refusal) {
        socket.write(
          `HTTP/1.1 ${refusal.status} Refused\r\n${refusal.retryAfter ? `Retry-After: ${refusal.retryAfter}\r\n` : ''}Connection: close\r\nContent-Length: 0\r\n\r\n`,
        );
        socket.destroy();
        return;
      }
      if (url.pathname !== '/subscribe') {
        socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onConnection(ws, url));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    let lastPing = Date.now();
    fake.pinger = setInterval(() => {
      if (fake.pingEveryMs <= 0 || Date.now() - lastPing < fake.pingEveryMs) return;
      lastPing = Date.now();
      for (const client of fake.clients) client.ws.ping();
    }, 20);
    fake.baseUrl = `ws://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  private onConnection(ws: WebSocket, url: URL): void {
    this.subscriptions.push(url);
    this.connectedAt.push(Date.now());
    const client = { ws, collections: url.searchParams.getAll('wantedCollections'), sent: 0 };
    this.clients.add(client);
    ws.on('close', () => this.clients.delete(client));
    const cursor = url.searchParams.get('cursor');
    if (cursor != null) {
      const from = Number(cursor);
      for (const entry of this.log) if (entry.time_us >= from) this.send(client, entry);
    }
  }

  private wants(client: { collections: string[] }, entry: FakeJetstreamEntry): boolean {
    if (entry.collection == null || client.collections.length === 0) return true;
    return client.collections.some((c) =>
      c.endsWith('.*') ? entry.collection!.startsWith(c.slice(0, -1)) : c === entry.collection,
    );
  }

  private send(
    client: { ws: WebSocket; collections: string[]; sent: number },
    entry: FakeJetstreamEntry,
  ): void {
    if (client.ws.readyState !== client.ws.OPEN || !this.wants(client, entry)) return;
    client.ws.send(entry.frame);
    client.sent++;
    if (this.dropAfterFrames != null && client.sent >= this.dropAfterFrames) {
      this.dropAfterFrames = null;
      client.ws.terminate(); // abrupt: no close frame, like a network cut
    }
  }

  private nextTime(): number {
    this.clock += 1_000 + (this.seq++ % 7); // ~1 ms apart, strictly increasing
    return this.clock;
  }

  /** Appends a post-create commit and delivers it live; returns its time_us and rkey. */
  post(did: string, text: string, extra: Record<string, unknown> = {}): { time_us: number; rkey: string } {
    const time_us = this.nextTime();
    const rkey = `3l${time_us.toString(36)}`;
    const event = {
      did,
      time_us,
      kind: 'commit',
      commit: {
        rev: `r${time_us.toString(36)}`,
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey,
        cid: 'bafyreifake',
        record: {
          $type: 'app.bsky.feed.post',
          text,
          langs: ['en'],
          createdAt: new Date(time_us / 1000).toISOString(),
          ...extra,
        },
      },
    };
    this.append({ time_us, frame: JSON.stringify(event), collection: 'app.bsky.feed.post' });
    return { time_us, rkey };
  }

  /** Appends any event object (identity, account, like, delete...) with a fresh time_us. */
  event(event: Record<string, unknown>, collection: string | null = null): number {
    const time_us = this.nextTime();
    this.append({ time_us, frame: JSON.stringify({ ...event, time_us }), collection });
    return time_us;
  }

  /** Appends a raw frame (e.g. broken JSON) with a fresh time_us. */
  raw(frame: string): void {
    this.append({ time_us: this.nextTime(), frame, collection: null });
  }

  private append(entry: FakeJetstreamEntry): void {
    this.log.push(entry);
    for (const client of [...this.clients]) this.send(client, entry);
  }

  /** The next live connection is cut abruptly after sending this many more frames. */
  dropAfter(frames: number): void {
    this.dropAfterFrames = frames;
    for (const client of this.clients) client.sent = 0;
  }

  /** Cuts every open connection now. */
  disconnectAll(): void {
    for (const client of this.clients) client.ws.terminate();
  }

  /** Refuses the next upgrade(s) with this HTTP status. */
  refuseNext(status: number, retryAfter?: string): void {
    this.refusals.push(retryAfter === undefined ? { status } : { status, retryAfter });
  }

  get openConnections(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    for (const client of this.clients) client.ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
