// Raw Mastodon client: the HTTP (server-sent events) streaming API and REST timelines with Link pagination.
import { ConnectorError } from '../connector';
import { joinUrl, parseRetryAfter } from '../connector-utils';

export interface SseEvent {
  event: string;
  data: string;
}

export class MastodonHttpError extends ConnectorError {
  constructor(
    readonly status: number,
    message: string,
    retryAfterMs: number | null,
  ) {
    super(message, status === 429 || status >= 500 || status === 408, retryAfterMs);
  }
}

export type MastodonStream =
  { kind: 'hashtag'; tag: string; local?: boolean } | { kind: 'public'; local?: boolean };

export class MastodonClient {
  constructor(
    private readonly baseUrl: string,
    private readonly accessToken: string,
    private readonly streamingBaseUrl: string = baseUrl,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.accessToken}`, 'user-agent': 'Firebreak/0.1', ...extra };
  }

  private async fail(res: Response): Promise<never> {
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    // Mastodon sends X-RateLimit-Reset as an ISO time; Retry-After wins when present.
    const reset = res.headers.get('x-ratelimit-reset');
    const resetMs = reset ? Math.max(0, Date.parse(reset) - this.now().getTime()) : null;
    const wait =
      parseRetryAfter(res.headers.get('retry-after'), this.now()) ?? (res.status === 429 ? resetMs : null);
    throw new MastodonHttpError(
      res.status,
      `Mastodon answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`,
      wait,
    );
  }

  async openStream(stream: MastodonStream, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const path =
      stream.kind === 'hashtag'
        ? `/api/v1/streaming/hashtag${stream.local ? '/local' : ''}`
        : `/api/v1/streaming/public${stream.local ? '/local' : ''}`;
    const url = joinUrl(this.streamingBaseUrl, path);
    if (stream.kind === 'hashtag') url.searchParams.set('tag', stream.tag);
    const res = await fetch(url, { headers: this.headers({ accept: 'text/event-stream' }), signal });
    if (!res.ok) return this.fail(res);
    if (!res.body) throw new ConnectorError('Mastodon stream had no body', true);
    return res.body;
  }

  /** One page of the timeline matching the stream, newest first, plus the Link header's `prev` (newer) URL. */
  async timelinePage(
    stream: MastodonStream,
    params: { minId?: string; pageUrl?: string; limit?: number },
    signal: AbortSignal,
  ): Promise<{ statuses: unknown[]; prev: string | null }> {
    let url: URL;
    if (params.pageUrl) url = new URL(params.pageUrl);
    else {
      url = joinUrl(
        this.baseUrl,
        stream.kind === 'hashtag'
          ? `/api/v1/timelines/tag/${encodeURIComponent(stream.tag)}`
          : '/api/v1/timelines/public',
      );
      if (stream.local) url.searchParams.set('local', 'true');
      if (params.minId) url.searchParams.set('min_id', params.minId);
      url.searchParams.set('limit', String(params.limit ?? 40));
    }
    const res = await fetch(url, { headers: this.headers(), signal });
    if (!res.ok) return this.fail(res);
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new ConnectorError('Mastodon timeline is not an array', true);
    return { statuses: body, prev: parseLink(res.headers.get('link'))['prev'] ?? null };
  }
}

/** `<url>; rel="next", <url>; rel="prev"` → { next, prev }. */
export function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/i.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

/** Parses server-sent events from a byte stream; comments (":thump") are heartbeats and yield nothing. */
export async function* readSse(
  stream: ReadableStream<Uint8Array>,
  onActivity: () => void = () => {},
): AsyncGenerator<SseEvent> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      onActivity();
      buffer += decoder.decode(next.value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length > 0) yield { event, data: data.join('\n') };
          event = 'message';
          data = [];
        } else if (line.startsWith(':')) continue;
        else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
