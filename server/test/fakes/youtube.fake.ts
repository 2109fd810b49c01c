// Fake YouTube Data API: `/youtube/v3/commentThreads` (videoId or allThreadsRelatedToChannelId, order=time,
// maxResults, pageToken, key) answering newest first with nextPageToken. Knobs: refuse the next request
// with a status and Google error reason (quotaExceeded...), inject malformed items.
import { type FakeHttpServer, sendJson, startFakeHttp } from './fake-http';

export class FakeYouTube {
  http!: FakeHttpServer;
  readonly threads: Record<string, unknown>[] = []; // oldest first
  private refusals: { status: number; reason: string; headers: Record<string, string> }[] = [];
  private n = 0;
  private clock = Date.parse('2026-11-24T08:00:00Z');
  apiKey = 'AIzaFakeKey1234567890';

  static async start(): Promise<FakeYouTube> {
    const fake = new FakeYouTube();
    fake.http = await startFakeHttp((_req, res, url) => {
      if (url.pathname !== '/youtube/v3/commentThreads') {
        return sendJson(res, 404, { error: { code: 404, message: 'Not Found' } });
      }
      if (url.searchParams.get('key') !== fake.apiKey) {
        return sendJson(res, 400, {
          error: {
            code: 400,
            message: 'API key not valid.',
            errors: [{ reason: 'badRequest', domain: 'usageLimits' }],
          },
        });
      }
      const refusal = fake.refusals.shift();
      if (refusal) {
        return sendJson(
          res,
          refusal.status,
          {
            error: {
              code: refusal.status,
              message: refusal.reason,
              errors: [{ reason: refusal.reason, domain: 'youtube.quota' }],
            },
          },
          refusal.headers,
        );
      }
      const videoId = url.searchParams.get('videoId');
      const max = Math.min(100, Number(url.searchParams.get('maxResults') ?? '20'));
      const offset = Number(url.searchParams.get('pageToken') ?? '0');
      const list = fake.threads
        .filter((t) => !videoId || (t.snippet as { videoId?: string } | undefined)?.videoId === videoId)
        .slice()
        .reverse();
      const items = list.slice(offset, offset + max);
      sendJson(res, 200, {
        kind: 'youtube#commentThreadListResponse',
        ...(offset + max < list.length ? { nextPageToken: String(offset + max) } : {}),
        pageInfo: { totalResults: items.length, resultsPerPage: max },
        items,
      });
    });
    return fake;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  comment(text: string, videoId = 'vid123'): string {
    const id = `Ugz${(++this.n).toString().padStart(6, '0')}`;
    this.clock += 1_000;
    const publishedAt = new Date(this.clock).toISOString().replace('.000Z', 'Z');
    this.threads.push({
      kind: 'youtube#commentThread',
      etag: 'e',
      id,
      snippet: {
        channelId: 'UCbrand',
        videoId,
        topLevelComment: {
          kind: 'youtube#comment',
          id,
          snippet: {
            channelId: 'UCbrand',
            videoId,
            textDisplay: text,
            textOriginal: text,
            authorDisplayName: '@viewer',
            authorChannelUrl: 'http://www.youtube.com/@viewer',
            authorChannelId: { value: 'UCviewer' },
            canRate: true,
            viewerRating: 'none',
            likeCount: 4,
            publishedAt,
            updatedAt: publishedAt,
          },
        },
        canReply: true,
        totalReplyCount: 1,
        isPublic: true,
      },
    });
    return id;
  }

  malformed(): void {
    this.threads.push({ kind: 'youtube#commentThread', id: 'broken', snippet: { videoId: 'vid123' } });
  }

  refuseNext(status: number, reason: string, headers: Record<string, string> = {}): void {
    this.refusals.push({ status, reason, headers });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
