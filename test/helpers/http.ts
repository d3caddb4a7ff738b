/**
 * A small HTTP client for API tests that behaves like the web app: keeps the
 * session cookie, sends the CSRF token on state-changing requests.
 */
export interface Res<T = any> { status: number; body: T; headers: Headers }

export class ApiClient {
  cookie = '';
  csrf = '';
  bearer = '';
  constructor(readonly base: string) {}

  async req<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] ??= this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const r = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const setCookie = r.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await r.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: r.status, body: parsed as T, headers: r.headers };
  }
  get<T = any>(p: string) { return this.req<T>('GET', p); }
  post<T = any>(p: string, b?: unknown) { return this.req<T>('POST', p, b ?? {}); }
  patch<T = any>(p: string, b: unknown) { return this.req<T>('PATCH', p, b); }
  del<T = any>(p: string) { return this.req<T>('DELETE', p); }

  async login(email: string, password: string): Promise<Res> {
    const r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status === 200) this.csrf = r.body.csrf_token;
    return r;
  }
}

export async function loggedIn(base: string, email: string, password: string): Promise<ApiClient> {
  const c = new ApiClient(base);
  const r = await c.login(email, password);
  if (r.status !== 200) throw new Error(`login as ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
