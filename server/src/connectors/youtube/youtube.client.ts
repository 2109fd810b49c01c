// Raw YouTube Data API client: commentThreads.list with an API key. Quota errors are retryable, later.
import { ConnectorError } from '../connector';
import { joinUrl, parseRetryAfter } from '../connector-utils';
import { YouTubeErrorBody, YouTubeListResponse } from './youtube.schemas';

export const defaultYouTubeBaseUrl = 'https://www.googleapis.com';
const quotaReasons = new Set([
  'quotaExceeded',
  'dailyLimitExceeded',
  'rateLimitExceeded',
  'userRateLimitExceeded',
]);

export class YouTubeQuotaError extends ConnectorError {}

export type YouTubeTarget = { videoId: string } | { allThreadsRelatedToChannelId: string };

export class YouTubeClient {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string = defaultYouTubeBaseUrl,
    private readonly quotaRetryMs: number = 60 * 60_000,
  ) {}

  async commentThreads(target: YouTubeTarget, pageToken: string | undefined, signal: AbortSignal) {
    const url = joinUrl(this.baseUrl, '/youtube/v3/commentThreads');
    url.searchParams.set('part', 'snippet');
    if ('videoId' in target) url.searchParams.set('videoId', target.videoId);
    else url.searchParams.set('allThreadsRelatedToChannelId', target.allThreadsRelatedToChannelId);
    url.searchParams.set('order', 'time');
    url.searchParams.set('maxResults', '100');
    url.searchParams.set('textFormat', 'plainText');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    url.searchParams.set('key', this.apiKey);
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal });
    if (!res.ok) {
      const body = YouTubeErrorBody.safeParse(await res.json().catch(() => null));
      const reason = body.success ? body.data.error.errors?.[0]?.reason : undefined;
      if (res.status === 403 && reason && quotaReasons.has(reason)) {
        throw new YouTubeQuotaError(`YouTube quota exhausted (${reason})`, true, this.quotaRetryMs);
      }
      throw new ConnectorError(
        `YouTube answered HTTP ${res.status}${reason ? ` (${reason})` : ''}`,
        res.status === 429 || res.status >= 500,
        parseRetryAfter(res.headers.get('retry-after')),
      );
    }
    return YouTubeListResponse.parse(await res.json());
  }
}
