// Raw Reddit client: search listings (sort=new) with a descriptive User-Agent and an optional OAuth bearer;
// reports the X-Ratelimit-* headers so the connector can pace itself.
import { ConnectorError } from '../connector';
import { joinUrl, parseRetryAfter } from '../connector-utils';
import { RedditListing } from './reddit.schemas';

export const defaultRedditBaseUrl = 'https://www.reddit.com';
export const defaultRedditUserAgent =
  'server:firebreak-listening:0.1 (crisis monitoring; +https://github.com/firebreak)';

export interface RedditRateLimit {
  remaining: number | null;
  resetMs: number | null;
}

export class RedditClient {
  constructor(
    private readonly baseUrl: string = defaultRedditBaseUrl,
    private readonly accessToken: string | undefined = undefined,
    private readonly userAgent: string = defaultRedditUserAgent,
  ) {}

  async search(
    params: { query: string; subreddit?: string; before?: string; limit?: number },
    signal: AbortSignal,
  ): Promise<{ children: unknown[]; rate: RedditRateLimit }> {
    const path = params.subreddit ? `/r/${encodeURIComponent(params.subreddit)}/search.json` : '/search.json';
    const url = joinUrl(this.baseUrl, path);
    url.searchParams.set('q', params.query);
    url.searchParams.set('sort', 'new');
    url.searchParams.set('limit', String(params.limit ?? 100));
    url.searchParams.set('raw_json', '1');
    if (params.subreddit) url.searchParams.set('restrict_sr', 'on');
    if (params.before) url.searchParams.set('before', params.before);
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'application/json' };
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    const res = await fetch(url, { headers, signal });
    const rate: RedditRateLimit = {
      remaining: numberHeader(res.headers.get('x-ratelimit-remaining')),
      resetMs: secondsHeader(res.headers.get('x-ratelimit-reset')),
    };
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      const retryAfter =
        parseRetryAfter(res.headers.get('retry-after')) ?? (res.status === 429 ? rate.resetMs : null);
      throw new ConnectorError(
        `Reddit answered HTTP ${res.status}`,
        res.status === 429 || res.status >= 500 || res.status === 408,
        retryAfter,
      );
    }
    const listing = RedditListing.safeParse(await res.json().catch(() => null));
    if (!listing.success) throw new ConnectorError('Reddit answered something that is not a Listing', true);
    return { children: listing.data.data.children, rate };
  }
}

function numberHeader(value: string | null): number | null {
  if (value == null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function secondsHeader(value: string | null): number | null {
  const n = numberHeader(value);
  return n == null ? null : Math.round(n * 1000);
}
