/**
 * The one way the web app talks to the API: JSON in and out, the UI language in Accept-Language, the session
 * cookie, and the session's CSRF token on writes. A failed request throws an ApiError carrying the RFC 9457
 * problem (its `detail` is already in the user's language and is what the UI shows).
 */
import { currentLanguage } from '../i18n';

export interface ProblemFieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  /** Stable problem code from the server ('not_found', 'validation_failed' …), or 'http_<status>'. */
  readonly code: string;
  /** The problem's detail, in the language asked for; empty when the server sent no problem document. */
  readonly detail: string;
  readonly errors: ProblemFieldError[];

  constructor(status: number, code: string, detail: string, errors: ProblemFieldError[] = []) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | undefined | null;

export interface RequestOptions {
  method?: Method;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. an Idempotency-Key. */
  headers?: Record<string, string>;
}

let csrfToken: string | null = null;

/** Set from the login answer and from GET /api/v1/me; sent back as x-csrf-token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isProblem(value: unknown): value is { code?: unknown; detail?: unknown; errors?: unknown } {
  return typeof value === 'object' && value !== null;
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isProblem(body)) {
    const code = typeof body.code === 'string' ? body.code : `http_${res.status}`;
    const detail = typeof body.detail === 'string' ? body.detail : '';
    const errors = Array.isArray(body.errors) ? (body.errors as ProblemFieldError[]) : [];
    return new ApiError(res.status, code, detail, errors);
  }
  return new ApiError(res.status, `http_${res.status}`, '');
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The same request answered with a file, e.g. a PDF slip made from a form sent with POST. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options)).blob();
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    ...options.headers,
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage(),
  };
  // FormData (file uploads) sets its own multipart content type with the boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  });
  if (!res.ok) throw await toApiError(res);
  return res;
}
