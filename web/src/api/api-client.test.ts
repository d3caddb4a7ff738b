import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

interface Seen { url: string; init: RequestInit }

function fakeFetch(status: number, body: unknown, seen: Seen[]): typeof fetch {
  return async (input, init) => {
    seen.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init: init ?? {} });
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'content-type': 'application/json' } });
  };
}

void test('GET builds the query, skips empty values, sends cookies same-origin and no CSRF header', async () => {
  const seen: Seen[] = [];
  const api = createApiClient({ fetch: fakeFetch(200, { items: [], total: 0 }, seen) });
  api.setCsrfToken('tok');
  const page = await api.get<{ total: number }>('/clients', { limit: 50, offset: 0, q: '', include_disabled: true });
  assert.equal(page.total, 0);
  assert.equal(seen[0]?.url, '/api/v1/clients?limit=50&offset=0&include_disabled=true');
  assert.equal(seen[0]?.init.credentials, 'same-origin');
  assert.equal((seen[0]?.init.headers as Record<string, string>)['x-csrf-token'], undefined);
});

void test('POST and PATCH send JSON and the CSRF token once it is known', async () => {
  const seen: Seen[] = [];
  const api = createApiClient({ fetch: fakeFetch(201, { id: 'c1' }, seen) });
  await api.post('/auth/login', { email: 'a@b.c', password: 'x' });
  assert.equal((seen[0]?.init.headers as Record<string, string>)['x-csrf-token'], undefined);
  api.setCsrfToken('tok-1');
  await api.patch('/clients/c1', { disabled: true });
  const headers = seen[1]?.init.headers as Record<string, string>;
  assert.equal(seen[1]?.init.method, 'PATCH');
  assert.equal(headers['x-csrf-token'], 'tok-1');
  assert.equal(headers['content-type'], 'application/json');
  assert.equal(seen[1]?.init.body, '{"disabled":true}');
});

void test('a validation error becomes an ApiError with field issues, array paths joined', async () => {
  const body = {
    error: {
      code: 'VALIDATION_FAILED',
      message: 'name: Required',
      details: { issues: [{ path: 'name', message: 'Required' }, { path: ['skills', 0, 'level'], message: 'Too big' }] },
    },
  };
  const api = createApiClient({ fetch: fakeFetch(400, body, []) });
  const err = await api.post('/clients', {}).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof ApiError);
  assert.equal(err.code, 'VALIDATION_FAILED');
  assert.equal(err.status, 400);
  assert.equal(err.message, 'name: Required');
  assert.deepEqual(err.issues, [
    { path: 'name', message: 'Required' },
    { path: 'skills.0.level', message: 'Too big' },
  ]);
});

void test('401 on an ordinary request reports the lost session; 401 from login does not', async () => {
  let lost = 0;
  const body = { error: { code: 'UNAUTHENTICATED', message: 'log in first' } };
  const api = createApiClient({ fetch: fakeFetch(401, body, []), onUnauthenticated: () => { lost++; } });
  await assert.rejects(api.get('/clients'), { code: 'UNAUTHENTICATED', status: 401 });
  assert.equal(lost, 1);
  await assert.rejects(api.post('/auth/login', {}), { code: 'UNAUTHENTICATED' });
  assert.equal(lost, 1);
});

void test('non-JSON error bodies and network failures still give a readable ApiError', async () => {
  const api = createApiClient({ fetch: fakeFetch(502, '<html>Bad gateway</html>', []) });
  await assert.rejects(api.get('/clients'), { code: 'HTTP_502', message: 'Request failed (502)' });
  const down = createApiClient({ fetch: async () => { throw new TypeError('fetch failed'); } });
  await assert.rejects(down.get('/clients'), { code: 'NETWORK_ERROR', status: 0 });
});

void test('204 resolves to undefined', async () => {
  const api = createApiClient({ fetch: fakeFetch(204, undefined, []) });
  assert.equal(await api.post('/auth/logout'), undefined);
});

void test('DELETE sends the CSRF token and no body; a 204 resolves', async () => {
  const seen: Seen[] = [];
  const api = createApiClient({ fetch: fakeFetch(204, undefined, seen) });
  api.setCsrfToken('tok-2');
  await api.delete('/dnc/d1');
  assert.equal(seen[0]?.init.method, 'DELETE');
  assert.equal((seen[0]?.init.headers as Record<string, string>)['x-csrf-token'], 'tok-2');
  assert.equal(seen[0]?.init.body, undefined);
});

void test('upload sends the file as the raw body with its type, the query and the CSRF token', async () => {
  const seen: Seen[] = [];
  const api = createApiClient({ fetch: fakeFetch(201, { id: 'p1' }, seen) });
  api.setCsrfToken('tok-3');
  const wav = new Blob([new Uint8Array([82, 73, 70, 70])], { type: 'audio/wav' });
  assert.deepEqual(await api.upload('/prompts', wav, { client_id: 'c1', name: 'welcome' }), { id: 'p1' });
  const headers = seen[0]?.init.headers as Record<string, string>;
  assert.equal(seen[0]?.url, '/api/v1/prompts?client_id=c1&name=welcome');
  assert.equal(seen[0]?.init.method, 'POST');
  assert.equal(headers['content-type'], 'audio/wav');
  assert.equal(headers['x-csrf-token'], 'tok-3');
  assert.equal(seen[0]?.init.body, wav);
  await api.upload('/prompts', new Blob([new Uint8Array([1])]));
  assert.equal((seen[1]?.init.headers as Record<string, string>)['content-type'], 'application/octet-stream');
});
