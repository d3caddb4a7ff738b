import { ApiError, errorFromBody } from './api-error.js';

export type Query = Record<string, string | number | boolean | undefined>;

/** The app's one door to the REST API (`/api/v1`). */
export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
  /** POSTs a file as the raw body (its own content type), e.g. a WAV prompt; JSON answer as usual. */
  upload<T>(path: string, file: Blob, query?: Query): Promise<T>;
  /** Remembers the token from login or /auth/me; sent on every state-changing request. */
  setCsrfToken: (token: string | null) => void;
}

export interface ApiClientOptions {
  /** Defaults to `/api/v1` on the page's own origin. */
  baseUrl?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Called when a request other than login answers 401 (the session ended). */
  onUnauthenticated?: () => void;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function buildUrl(base: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const raw = body instanceof Blob;
    if (body !== undefined) headers['content-type'] = raw ? body.type || 'application/octet-stream' : 'application/json';
    if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
    let res: Response;
    try {
      res = await doFetch(buildUrl(base, path, query), {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError('NETWORK_ERROR', 0, `Cannot reach the server (${cause instanceof Error ? cause.message : 'network error'})`);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        if (res.ok) throw new ApiError('BAD_RESPONSE', res.status, 'The server sent a response that is not JSON');
      }
    }
    if (!res.ok) {
      const err = errorFromBody(res.status, parsed);
      if (res.status === 401 && path !== '/auth/login' && path !== '/auth/me') options.onUnauthenticated?.();
      throw err;
    }
    return parsed as T;
  }

  return {
    get: (path, query) => request('GET', path, undefined, query),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
    upload: (path, file, query) => request('POST', path, file, query),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
