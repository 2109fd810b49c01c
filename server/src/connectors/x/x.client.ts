// Raw X API v2 client: filtered stream (chunked NDJSON with \r\n keep-alives), stream rules, recent search.
import { ConnectorError } from '../connector';
import { joinUrl, parseEpochReset, parseRetryAfter } from '../connector-utils';
import { type XRule, XRulesPostResponse, XRulesResponse, XSearchResponse } from './x.schemas';

export const defaultXBaseUrl = 'https://api.x.com';
export const xTweetFields = 'created_at,public_metrics,lang,author_id,conversation_id,referenced_tweets';
export const xUserFields = 'username,name,public_metrics,verified';

export class XHttpError extends ConnectorError {
  constructor(
    readonly status: number,
    message: string,
    retryAfterMs: number | null,
  ) {
    super(message, status === 429 || status >= 500 || status === 408, retryAfterMs);
  }
}

export class XClient {
  constructor(
    private readonly bearerToken: string,
    private readonly baseUrl: string = defaultXBaseUrl,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.bearerToken}`,
      'user-agent': 'Firebreak/0.1 (+https://github.com/firebreak)',
    };
  }

  private async fail(res: Response): Promise<never> {
    const detail = (await res.text().catch(() => '')).slice(0, 300);
    const wait = Math.max(
      parseRetryAfter(res.headers.get('retry-after'), this.now()) ?? 0,
      res.status === 429 ? (parseEpochReset(res.headers.get('x-rate-limit-reset'), this.now()) ?? 0) : 0,
    );
    throw new XHttpError(
      res.status,
      `X answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`,
      wait > 0 ? wait : null,
    );
  }

  async getRules(signal?: AbortSignal): Promise<XRule[]> {
    const res = await fetch(joinUrl(this.baseUrl, '/2/tweets/search/stream/rules'), {
      headers: this.headers(),
      signal: signal ?? null,
    });
    if (!res.ok) return this.fail(res);
    return XRulesResponse.parse(await res.json()).data ?? [];
  }

  async postRules(
    body: { add: { value: string; tag?: string }[] } | { delete: { ids: string[] } },
    signal?: AbortSignal,
  ): Promise<XRule[]> {
    const res = await fetch(joinUrl(this.baseUrl, '/2/tweets/search/stream/rules'), {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ?? null,
    });
    if (!res.ok) return this.fail(res);
    const parsed = XRulesPostResponse.parse(await res.json());
    const invalid = parsed.errors?.filter((e) => e.title !== 'DuplicateRule') ?? [];
    if (invalid.length > 0) {
      throw new ConnectorError(
        `X refused stream rules: ${invalid.map((e) => `${e.value ?? ''} ${e.title ?? ''}`).join('; ')}`,
        false,
      );
    }
    return parsed.data ?? [];
  }

  /** Opens the stream; resolves once headers arrive (or throws XHttpError). */
  async openStream(signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const url = joinUrl(this.baseUrl, '/2/tweets/search/stream');
    url.searchParams.set('tweet.fields', xTweetFields);
    url.searchParams.set('expansions', 'author_id');
    url.searchParams.set('user.fields', xUserFields);
    const res = await fetch(url, { headers: this.headers(), signal });
    if (!res.ok) return this.fail(res);
    if (!res.body) throw new ConnectorError('X stream had no body', true);
    return res.body;
  }

  /** One page of recent search (newest first), for filling a gap after a disconnect. */
  async searchRecent(query: string, sinceId: string, nextToken: string | undefined, signal: AbortSignal) {
    const url = joinUrl(this.baseUrl, '/2/tweets/search/recent');
    url.searchParams.set('query', query);
    url.searchParams.set('since_id', sinceId);
    url.searchParams.set('max_results', '100');
    url.searchParams.set('tweet.fields', xTweetFields);
    url.searchParams.set('expansions', 'author_id');
    url.searchParams.set('user.fields', xUserFields);
    if (nextToken) url.searchParams.set('next_token', nextToken);
    const res = await fetch(url, { headers: this.headers(), signal });
    if (!res.ok) return this.fail(res);
    return XSearchResponse.parse(await res.json());
  }
}

/** Splits a byte stream into lines on "\n" (X delimits with "\r\n"); empty lines are keep-alives. */
export async function* readLines(
  stream: ReadableStream<Uint8Array>,
  idleTimeoutMs: number,
): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'idle'>((resolve) => {
        timer = setTimeout(() => resolve('idle'), idleTimeoutMs);
      });
      const next = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (next === 'idle') {
        throw new ConnectorError(`X stream silent for ${idleTimeoutMs} ms (no keep-alive)`, true);
      }
      if (next.done) break;
      buffer += decoder.decode(next.value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        yield line;
      }
    }
    // A partial last line (cut mid-post) is dropped: the gap fill after reconnecting recovers it.
  } finally {
    reader.cancel().catch(() => {});
  }
}
