// The one fetch helper for the Firebreak API. Requests carry the session cookie (same origin) and, when they
// mutate, the session's CSRF token; error bodies `{ error: { code, message, issues? } }` become ApiError.
import type { ErrorBody } from '@contracts';

export type ApiIssue = { path: string; message: string };

/** Codes the client adds to the server's (contracts/errors.ts) for failures that never reached it. */
export type ClientErrorCode = 'network_error' | 'bad_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  /** From `Retry-After` on 429/503 answers, in seconds. */
  readonly retryAfterSeconds: number | null;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    issues?: ApiIssue[] | undefined;
    retryAfterSeconds?: number | null;
    requestId?: string | null;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.issues = init.issues ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.requestId = init.requestId ?? null;
  }

  /** The issue message for one input path (e.g. `name`, `handles.x.0`), for inline form errors. */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type CsrfTokenSource = () => string | null | undefined;
let csrfTokenSource: CsrfTokenSource = () => null;

/** The app points this at the cached session, so the token has one source of truth. */
export function setCsrfTokenSource(source: CsrfTokenSource): void {
  csrfTokenSource = source;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: QueryParams | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    // Only with a body: Fastify refuses `content-type: application/json` on an empty one.
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (method !== 'GET') {
    const token = csrfTokenSource();
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: 'Cannot reach the Firebreak server. Check your connection and try again.',
    });
  }

  const requestId = response.headers.get('x-request-id');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }

  if (!response.ok) {
    if (isErrorBody(body)) {
      throw new ApiError({
        status: response.status,
        code: body.error.code,
        message: body.error.message,
        issues: body.error.issues,
        retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
        requestId,
      });
    }
    throw new ApiError({
      status: response.status,
      code: response.status >= 500 ? 'internal_error' : 'bad_response',
      message: `The server answered ${response.status} ${response.statusText}`.trim(),
      requestId,
    });
  }
  if (text && body === undefined) {
    throw new ApiError({
      status: response.status,
      code: 'bad_response',
      message: 'The server sent a response the app could not read.',
      requestId,
    });
  }
  return body as T;
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('DELETE', path, options),
};
