// Fake Mastodon instance: HTTP streaming (`/api/v1/streaming/hashtag?tag=`, server-sent events with
// ":thump" heartbeats) and `/api/v1/timelines/tag/:tag` with min_id/since_id/max_id/limit and Link headers.
// Knobs: refuse the next stream or timeline request (status + headers), cut streams, send raw events.
import type { ServerResponse } from 'node:http';
import { type FakeHttpServer, sendJson, startFakeHttp } from './fake-http';

export interface FakeStatus {
  id: string;
  uri: string;
  url: string;
  created_at: string;
  content: string;
  language: string;
  visibility: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  account: {
    id: string;
    acct: string;
    username: string;
    display_name: string;
    url: string;
    followers_count: number;
  };
  tags: { name: string }[];
}

export class FakeMastodon {
  http!: FakeHttpServer;
  readonly statuses: FakeStatus[] = [];
  readonly streamRequests: URL[] = [];
  readonly timelineRequests: URL[] = [];
  private readonly streams = new Set<{ res: ServerResponse; tag: string | null }>();
  private refusals: { path: 'stream' | 'timeline'; status: number; headers: Record<string, string> }[] = [];
  private nextId = 113000000000000000n;
  token = 'user-token-abc';
  heartbeatMs = 200;

  static async start(): Promise<FakeMastodon> {
    const fake = new FakeMastodon();
    fake.http = await startFakeHttp((req, res, url) => {
      if (req.headers.authorization !== `Bearer ${fake.token}`) {
        return sendJson(res, 401, { error: 'The access token is invalid' });
      }
      if (url.pathname.startsWith('/api/v1/streaming/')) return fake.stream(res, url);
      const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
      if (tag) return fake.timeline(res, url, decodeURIComponent(tag[1]!));
      sendJson(res, 404, { error: 'Record not found' });
    });
    return fake;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  private refusal(path: 'stream' | 'timeline') {
    const i = this.refusals.findIndex((r) => r.path === path);
    return i < 0 ? undefined : this.refusals.splice(i, 1)[0];
  }

  private stream(res: ServerResponse, url: URL): void {
    this.streamRequests.push(url);
    const refusal = this.refusal('stream');
    if (refusal) return sendJson(res, refusal.status, { error: 'Too many requests' }, refusal.headers);
    const kind = url.pathname.replace('/api/v1/streaming/', '');
    if (kind !== 'hashtag' && kind !== 'public') {
      return sendJson(res, 400, { error: 'Unknown channel requested' });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(':)\n');
    const client = {
      res,
      tag: kind === 'hashtag' ? (url.searchParams.get('tag') ?? '').toLowerCase() : null,
    };
    this.streams.add(client);
    const timer = setInterval(() => res.write(':thump\n'), this.heartbeatMs);
    res.on('close', () => {
      clearInterval(timer);
      this.streams.delete(client);
    });
  }

  private timeline(res: ServerResponse, url: URL, tag: string): void {
    this.timelineRequests.push(url);
    const refusal = this.refusal('timeline');
    if (refusal) return sendJson(res, refusal.status, { error: 'Too many requests' }, refusal.headers);
    const limit = Math.min(40, Number(url.searchParams.get('limit') ?? '20'));
    const big = (name: string): bigint | null =>
      url.searchParams.get(name) ? BigInt(url.searchParams.get(name)!) : null;
    const minId = big('min_id');
    const sinceId = big('since_id');
    const maxId = big('max_id');
    let list = this.statuses.filter((s) => s.tags.some((t) => t.name === tag.toLowerCase()));
    if (maxId != null) list = list.filter((s) => BigInt(s.id) < maxId);
    if (sinceId != null) list = list.filter((s) => BigInt(s.id) > sinceId);
    let page: FakeStatus[];
    if (minId != null) {
      page = list.filter((s) => BigInt(s.id) > minId).slice(0, limit);
    } // just after min_id
    else page = list.slice(-limit);
    page = page.slice().reverse(); // newest first, as Mastodon answers
    const headers: Record<string, string> = {};
    if (page.length > 0) {
      const base = `${this.baseUrl}/api/v1/timelines/tag/${encodeURIComponent(tag)}`;
      headers.link = `<${base}?limit=${limit}&max_id=${page.at(-1)!.id}>; rel="next", <${base}?limit=${limit}&min_id=${page[0]!.id}>; rel="prev"`;
    }
    sendJson(res, 200, page, headers);
  }

  /** Publishes a status with these hashtags and streams it to matching subscribers. */
  post(text: string, tags: string[] = ['acme'], user = 'bob'): FakeStatus {
    const id = String((this.nextId += 1000n));
    const status: FakeStatus = {
      id,
      uri: `https://remote.example/users/${user}/statuses/${id}`,
      url: `https://remote.example/@${user}/${id}`,
      created_at: new Date().toISOString(),
      content: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')} ${tags.map((t) => `<a href="https://remote.example/tags/${t}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`).join(' ')}</p>`,
      language: 'en',
      visibility: 'public',
      replies_count: 0,
      reblogs_count: 1,
      favourites_count: 2,
      account: {
        id: '1',
        acct: `${user}@remote.example`,
        username: user,
        display_name: user.toUpperCase(),
        url: `https://remote.example/@${user}`,
        followers_count: 37,
      },
      tags: tags.map((name) => ({ name: name.toLowerCase() })),
    };
    this.statuses.push(status);
    for (const c of this.streams) {
      if (c.tag === null || status.tags.some((t) => t.name === c.tag)) {
        c.res.write(`event: update\ndata: ${JSON.stringify(status)}\n\n`);
      }
    }
    return status;
  }

  /** Sends a raw SSE block to every stream. */
  raw(block: string): void {
    for (const c of this.streams) c.res.write(block);
  }

  cut(): void {
    for (const c of this.streams) c.res.socket?.destroy();
  }

  refuseNext(path: 'stream' | 'timeline', status: number, headers: Record<string, string> = {}): void {
    this.refusals.push({ path, status, headers });
  }

  get openStreams(): number {
    return this.streams.size;
  }

  close(): Promise<void> {
    this.cut();
    return this.http.close();
  }
}
