// Fake X API v2: filtered stream (chunked NDJSON, "\r\n" keep-alives), stream rules GET/POST, and recent
// search (since_id, next_token). Knobs: refuse the next stream connects with a status and headers, cut open
// streams, emit malformed lines, change the keep-alive interval.
import type { ServerResponse } from 'node:http';
import { type FakeHttpServer, sendJson, startFakeHttp } from './fake-http';

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  lang: string;
  public_metrics: Record<string, number>;
}

export class FakeX {
  http!: FakeHttpServer;
  readonly tweets: FakeTweet[] = [];
  readonly rules: { id: string; value: string; tag?: string }[] = [];
  readonly users = new Map<
    string,
    { id: string; username: string; name: string; public_metrics: { followers_count: number } }
  >();
  readonly streamConnects: number[] = [];
  readonly searches: URL[] = [];
  private readonly streams = new Set<ServerResponse>();
  private refusals: { status: number; headers: Record<string, string> }[] = [];
  private nextId = 1860000000000000000n;
  private ruleId = 1000;
  keepAliveMs = 200;
  bearer = 'test-bearer-token';

  static async start(): Promise<FakeX> {
    const fake = new FakeX();
    fake.http = await startFakeHttp((req, res, url, body) => {
      if (req.headers.authorization !== `Bearer ${fake.bearer}`) {
        return sendJson(res, 401, {
          title: 'Unauthorized',
          type: 'about:blank',
          status: 401,
          detail: 'Unauthorized',
        });
      }
      if (url.pathname === '/2/tweets/search/stream') return fake.stream(res);
      if (url.pathname === '/2/tweets/search/stream/rules' && req.method === 'GET') {
        return sendJson(
          res,
          200,
          fake.rules.length
            ? { data: fake.rules, meta: { sent: new Date().toISOString(), result_count: fake.rules.length } }
            : { meta: { sent: new Date().toISOString(), result_count: 0 } },
        );
      }
      if (url.pathname === '/2/tweets/search/stream/rules' && req.method === 'POST') {
        return fake.postRules(res, body.toString('utf8'));
      }
      if (url.pathname === '/2/tweets/search/recent') return fake.search(res, url);
      sendJson(res, 404, { title: 'Not Found' });
    });
    return fake;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  private stream(res: ServerResponse): void {
    const refusal = this.refusals.shift();
    if (refusal) {
      return sendJson(res, refusal.status, { title: 'Refused', status: refusal.status }, refusal.headers);
    }
    this.streamConnects.push(Date.now());
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.write('\r\n');
    this.streams.add(res);
    const timer = setInterval(() => res.write('\r\n'), this.keepAliveMs);
    res.on('close', () => {
      clearInterval(timer);
      this.streams.delete(res);
    });
  }

  private postRules(res: ServerResponse, text: string): void {
    const body = JSON.parse(text) as { add?: { value: string; tag?: string }[]; delete?: { ids: string[] } };
    if (body.add) {
      const created = body.add.map((r) => ({ id: String(++this.ruleId), ...r }));
      this.rules.push(...created);
      return sendJson(res, 201, {
        data: created,
        meta: {
          sent: new Date().toISOString(),
          summary: { created: created.length, not_created: 0, valid: created.length, invalid: 0 },
        },
      });
    }
    const ids = new Set(body.delete?.ids ?? []);
    const before = this.rules.length;
    for (let i = this.rules.length - 1; i >= 0; i--) if (ids.has(this.rules[i]!.id)) this.rules.splice(i, 1);
    sendJson(res, 200, {
      meta: {
        sent: new Date().toISOString(),
        summary: { deleted: before - this.rules.length, not_deleted: 0 },
      },
    });
  }

  private search(res: ServerResponse, url: URL): void {
    this.searches.push(url);
    const since = BigInt(url.searchParams.get('since_id') ?? '0');
    const max = Number(url.searchParams.get('max_results') ?? '10');
    const offset = Number(url.searchParams.get('next_token') ?? '0');
    const matching = this.tweets.filter((t) => BigInt(t.id) > since).reverse(); // newest first
    const page = matching.slice(offset, offset + max);
    const users = [...new Set(page.map((t) => t.author_id))].map((id) => this.users.get(id)!).filter(Boolean);
    sendJson(res, 200, {
      ...(page.length ? { data: page, includes: { users } } : {}),
      meta: {
        result_count: page.length,
        ...(page.length ? { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id } : {}),
        ...(offset + max < matching.length ? { next_token: String(offset + max) } : {}),
      },
    });
  }

  /** Records a post and sends it to every open stream; returns its id. */
  emit(text: string, username = 'bob'): string {
    const id = String(++this.nextId);
    const userId = `u_${username}`;
    if (!this.users.has(userId)) {
      this.users.set(userId, {
        id: userId,
        username,
        name: username.toUpperCase(),
        public_metrics: { followers_count: 1200 },
      });
    }
    const tweet: FakeTweet = {
      id,
      text,
      author_id: userId,
      created_at: new Date().toISOString(),
      lang: 'en',
      public_metrics: {
        retweet_count: 3,
        reply_count: 1,
        like_count: 10,
        quote_count: 1,
        bookmark_count: 0,
        impression_count: 512,
      },
    };
    this.tweets.push(tweet);
    const line = JSON.stringify({
      data: tweet,
      includes: { users: [this.users.get(userId)] },
      matching_rules: [{ id: '1', tag: 'brand:acme' }],
    });
    for (const s of this.streams) s.write(`${line}\r\n`);
    return id;
  }

  /** Sends a raw line (malformed JSON, error objects...) to open streams. */
  rawLine(line: string): void {
    for (const s of this.streams) s.write(`${line}\r\n`);
  }

  /** Cuts every open stream abruptly. */
  cut(): void {
    for (const s of this.streams) s.socket?.destroy();
  }

  refuseNext(status: number, headers: Record<string, string> = {}): void {
    this.refusals.push({ status, headers });
  }

  get openStreams(): number {
    return this.streams.size;
  }

  close(): Promise<void> {
    for (const s of this.streams) s.socket?.destroy();
    return this.http.close();
  }
}
