// Fake Reddit: `/search.json` and `/r/:sub/search.json` Listings (sort=new, limit, before=<fullname>),
// X-Ratelimit-Used/Remaining/Reset headers from a per-window budget, 429 with Retry-After when spent.
// Knobs: refuse the next request, inject malformed children, delete a post (to lose a watermark).
import { type FakeHttpServer, sendJson, startFakeHttp } from './fake-http';

export class FakeReddit {
  http!: FakeHttpServer;
  readonly things: { kind: string; data: Record<string, unknown> }[] = [];
  private refusals: { status: number; headers: Record<string, string> }[] = [];
  private n = 1000;
  private clock = 1_764_000_000;
  /** Requests left in the current window, and seconds until it resets (reported in headers). */
  remaining = 100;
  resetSeconds = 60;
  requestTimes: number[] = [];

  static async start(): Promise<FakeReddit> {
    const fake = new FakeReddit();
    fake.http = await startFakeHttp((req, res, url) => {
      if (!req.headers['user-agent'] || /^node$|undici/i.test(req.headers['user-agent'])) {
        return sendJson(res, 429, { message: 'Too Many Requests', error: 429 });
      }
      fake.requestTimes.push(Date.now());
      const refusal = fake.refusals.shift();
      if (refusal) {
        return sendJson(res, refusal.status, { message: 'refused', error: refusal.status }, refusal.headers);
      }
      const m = /^(?:\/r\/([^/]+))?\/search\.json$/.exec(url.pathname);
      if (!m) return sendJson(res, 404, { message: 'Not Found', error: 404 });
      fake.remaining = Math.max(0, fake.remaining - 1);
      const rateHeaders = {
        'x-ratelimit-used': String(100 - fake.remaining),
        'x-ratelimit-remaining': `${fake.remaining}.0`,
        'x-ratelimit-reset': String(fake.resetSeconds),
      };
      const sub = m[1]?.toLowerCase();
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? '25'));
      let list = fake.things.filter(
        (t) =>
          t.kind !== 't3' ||
          ((!sub || String(t.data.subreddit).toLowerCase() === sub) &&
            `${String(t.data.title)} ${String(t.data.selftext)}`.toLowerCase().includes(q)),
      ); // oldest first
      const before = url.searchParams.get('before');
      let page: typeof list;
      if (before) {
        const i = list.findIndex((t) => t.data.name === before);
        page = i < 0 ? [] : list.slice(i + 1, i + 1 + limit);
      } else page = list.slice(-limit);
      list = page.slice().reverse(); // newest first
      sendJson(
        res,
        200,
        {
          kind: 'Listing',
          data: {
            after: list.at(-1)?.data.name ?? null,
            before: list[0]?.data.name ?? null,
            dist: list.length,
            children: list,
          },
        },
        rateHeaders,
      );
    });
    return fake;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  post(title: string, subreddit = 'brands'): string {
    const id = (this.n++).toString(36);
    this.clock += 5;
    this.things.push({
      kind: 't3',
      data: {
        id,
        name: `t3_${id}`,
        title,
        selftext: '',
        author: 'redditor',
        subreddit,
        created_utc: this.clock,
        score: 12,
        num_comments: 3,
        permalink: `/r/${subreddit}/comments/${id}/slug/`,
        url: `https://www.reddit.com/r/${subreddit}/comments/${id}/slug/`,
      },
    });
    return `t3_${id}`;
  }

  /** A child that is not a valid post (missing title), still carrying a fullname. */
  malformed(): void {
    const id = (this.n++).toString(36);
    this.clock += 5;
    this.things.push({
      kind: 't3',
      data: {
        id,
        name: `t3_${id}`,
        subreddit: 'brands',
        created_utc: this.clock,
        selftext: 'acme',
        author: 'x',
      },
    });
  }

  remove(fullname: string): void {
    const i = this.things.findIndex((t) => t.data.name === fullname);
    if (i >= 0) this.things.splice(i, 1);
  }

  refuseNext(status: number, headers: Record<string, string> = {}): void {
    this.refusals.push({ status, headers });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
