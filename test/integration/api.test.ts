import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ApiClient, loggedIn } from '../helpers/http.js';

let srv: TestServer;
let admin: ApiClient;
before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
});
after(async () => srv?.stop());

describe('bad input gets 400 naming the field, and nothing is written', () => {
  test('missing and malformed fields', async () => {
    const before = (await admin.get('/api/v1/clients?include_disabled=true')).body.total;
    const r1 = await admin.post('/api/v1/clients', { code: 'X1', timezone: 'UTC' });
    assert.equal(r1.status, 400);
    assert.equal(r1.body.error.code, 'VALIDATION_FAILED');
    assert.match(r1.body.error.message, /^name: /);
    const r2 = await admin.post('/api/v1/clients', { name: 'Bad Zone', code: 'BZ', timezone: 'Mars/Olympus' });
    assert.equal(r2.status, 400);
    assert.deepEqual(r2.body.error.details.issues.map((i: { path: string }) => i.path), ['timezone']);
    const r3 = await admin.post('/api/v1/queues', { client_id: 'not-a-uuid', name: 'Q', channel: 'voice' });
    assert.equal(r3.status, 400);
    assert.equal(r3.body.error.details.issues[0].path, 'client_id');
    const r4 = await admin.post('/api/v1/agents', { name: 'A', extension: '12', skills: [{ skill_id: '00000000-0000-4000-8000-000000000000', level: 11 }] });
    assert.equal(r4.status, 400);
    assert.equal(r4.body.error.details.issues[0].path, 'skills.0.level');
    const r5 = await admin.req('POST', '/api/v1/clients', '{"name": "unterminated');
    assert.equal(r5.status, 400);
    assert.equal(r5.body.error.code, 'INVALID_JSON');
    const r6 = await admin.post('/api/v1/clients', { name: 'Extra', code: 'EX', timezone: 'UTC', surprise: 1 });
    assert.equal(r6.status, 400, 'unknown fields are refused, not silently dropped');
    assert.equal((await admin.get('/api/v1/clients?include_disabled=true')).body.total, before);
  });

  test('references that do not exist name the field', async () => {
    const clients = (await admin.get('/api/v1/clients')).body.items;
    const r = await admin.post('/api/v1/queues', { client_id: clients[0].id, name: 'Ghost skills', channel: 'voice',
      required_skills: [{ skill_id: '00000000-0000-4000-8000-000000000000', min_level: 3 }] });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.details.issues[0].path, 'required_skills.0.skill_id');
    const t = await admin.post('/api/v1/teams', { name: 'Nowhere', site_id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(t.status, 400);
    assert.equal(t.body.error.details.issues[0].path, 'site_id');
  });

  test('duplicates are 409 and an unknown route is a coded 404', async () => {
    const r = await admin.post('/api/v1/clients', { name: 'Dup', code: 'nwr', timezone: 'UTC' });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'CONFLICT');
    const n = await admin.get('/api/v1/no-such-thing');
    assert.equal(n.status, 404);
    assert.equal(n.body.error.code, 'ROUTE_NOT_FOUND');
  });
});

describe('authentication', () => {
  test('wrong password is 401, then throttled with 429 after repeated failures', async () => {
    const c = new ApiClient(srv.url);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await c.login('supervisor@demo.switchboard.local', 'wrong-password')).status);
    assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal(codes[6], 429);
    const r = await c.login('supervisor@demo.switchboard.local', srv.adminPassword);
    assert.equal(r.status, 429, 'even the right password waits out the throttle');
    assert.ok(r.body.error.details.retry_after_s >= 1);
  });

  test('no session is 401; the session cookie is HttpOnly; logout ends it', async () => {
    assert.equal((await new ApiClient(srv.url).get('/api/v1/clients')).status, 401);
    const c = new ApiClient(srv.url);
    const r = await c.login(srv.adminEmail, srv.adminPassword);
    assert.match(r.headers.get('set-cookie') ?? '', /HttpOnly/i);
    assert.match(r.headers.get('set-cookie') ?? '', /SameSite=Lax/i);
    assert.equal((await c.get('/api/v1/auth/me')).body.user.email, srv.adminEmail);
    assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
    assert.equal((await c.get('/api/v1/auth/me')).status, 401);
  });

  test('state changes with the cookie need the CSRF token', async () => {
    const c = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
    const r = await c.req('POST', '/api/v1/skills', { name: 'Csrf-less' }, { 'x-csrf-token': 'forged' });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'CSRF_FAILED');
    assert.equal((await c.post('/api/v1/skills', { name: 'With CSRF' })).status, 201);
  });

  test('API keys: shown once, stored hashed, work without CSRF, revocable', async () => {
    const created = await admin.post('/api/v1/api-keys', { name: 'CRM sync' });
    assert.equal(created.status, 201);
    const key = created.body.key as string;
    assert.match(key, /^sbk_/);
    const viaKey = new ApiClient(srv.url);
    viaKey.bearer = key;
    assert.equal((await viaKey.get('/api/v1/queues')).status, 200);
    const me = (await admin.get('/api/v1/auth/me')).body.user;
    assert.deepEqual((await viaKey.get('/api/v1/auth/me')).body.user, me, 'an API key acts as its user, shown as stored');
    assert.equal((await viaKey.post('/api/v1/skills', { name: 'From integration' })).status, 201);
    const { rows } = await srv.sb.database.pool.query('select key_hash from api_keys');
    assert.ok(rows.every((r: { key_hash: string }) => r.key_hash !== key && !r.key_hash.includes(key.slice(13))));
    assert.equal((await admin.del(`/api/v1/api-keys/${created.body.id}`)).status, 204);
    assert.equal((await viaKey.get('/api/v1/queues')).status, 401);
  });
});

test('admin changes are audited with who, what, before and after (never a password hash)', async () => {
  const skill = await admin.post('/api/v1/skills', { name: 'Audited' });
  await admin.patch(`/api/v1/skills/${skill.body.id}`, { name: 'Audited twice' });
  const u = await admin.post('/api/v1/users', { email: 'new.hire@example.com', name: 'New Hire', role: 'agent', password: 'a-long-password' });
  assert.equal(u.status, 201);
  const log = (await admin.get('/api/v1/audit?limit=20')).body.items as { action: string; actor_email: string; before: any; after: any }[];
  const upd = log.find((e) => e.action === 'skill.update');
  assert.equal(upd?.actor_email, srv.adminEmail);
  assert.equal(upd?.before.name, 'Audited');
  assert.equal(upd?.after.name, 'Audited twice');
  assert.ok(log.some((e) => e.action === 'auth.login'));
  const userEntry = log.find((e) => e.action === 'user.create');
  assert.ok(userEntry);
  assert.doesNotMatch(JSON.stringify(userEntry), /scrypt|a-long-password/);
  // (not the supervisor: the throttling test locks that account for a while)
  const viewer = await loggedIn(srv.url, 'viewer@northwind.example', srv.adminPassword);
  assert.equal((await viewer.get('/api/v1/audit')).status, 403);
});

test('the events WebSocket needs credentials and delivers only events the caller may see', async () => {
  const clients = (await admin.get('/api/v1/clients')).body.items as { id: string; code: string }[];
  const nwr = clients.find((c) => c.code === 'NWR')!, alb = clients.find((c) => c.code === 'ALB')!;
  const viewer = await loggedIn(srv.url, 'viewer@northwind.example', srv.adminPassword);
  const wsUrl = srv.url.replace('http', 'ws') + '/api/v1/events';
  await assert.rejects(new Promise((res, rej) => { const w = new WebSocket(wsUrl); w.on('open', res); w.on('error', rej); }), /401/);
  const got: { type: string; client_id?: string }[] = [];
  const ws = new WebSocket(wsUrl, { headers: { cookie: viewer.cookie } });
  await new Promise<void>((res, rej) => { ws.on('message', (m) => { got.push(JSON.parse((m as Buffer).toString("utf8"))); if (got.length === 1) res(); }); ws.on('error', rej); });
  srv.sb.bus.publish({ type: 'queue.stats', at: new Date().toISOString(), client_id: alb.id, data: { waiting: 3 } });
  srv.sb.bus.publish({ type: 'queue.stats', at: new Date().toISOString(), client_id: nwr.id, data: { waiting: 1 } });
  srv.sb.bus.publish({ type: 'site.stats', at: new Date().toISOString(), data: {} });
  await new Promise((r) => setTimeout(r, 200));
  ws.close();
  assert.deepEqual(got.map((e) => [e.type, e.client_id]), [['hello', undefined], ['queue.stats', nwr.id]]);
});

test('health, readiness, metrics and the OpenAPI document', async () => {
  assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${srv.url}/readyz`)).status, 200);
  const m = await (await fetch(`${srv.url}/metrics`)).text();
  assert.match(m, /switchboard_http_requests_total\{/);
  const doc = await (await fetch(`${srv.url}/api/v1/openapi.json`)).json() as { openapi: string; paths: Record<string, unknown> };
  assert.match(doc.openapi, /^3\./);
  assert.ok(doc.paths['/api/v1/queues/{id}']);
  assert.equal((await fetch(`${srv.url}/api/docs`)).status, 200);
});

test('POST /api/v1/erlang computes Erlang C and staffing; bad numbers are 400 naming the field', async () => {
  const r = await admin.post('/api/v1/erlang', { model: 'c', calls: 100, period_s: 1800, aht_s: 180, agents: 14, threshold_s: 20 });
  assert.equal(r.status, 200);
  assert.ok(Math.abs(r.body.service_level - 0.88835) < 1e-5, JSON.stringify(r.body));
  const staff = await admin.post('/api/v1/erlang', { model: 'c', traffic_erlangs: 2.5, aht_s: 180, max_p_wait: 0.1 });
  assert.equal(staff.body.agents, 6);
  const bad = await admin.post('/api/v1/erlang', { model: 'c', traffic_erlangs: 10, aht_s: -5, agents: 12 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.issues[0].path, 'aht_s');
});

test('a missing field reads "is required"; disabling a user ends their sessions at once', async () => {
  const r = await admin.post('/api/v1/skills', {});
  assert.equal(r.body.error.message, 'name: is required');
  const u = await admin.post('/api/v1/users', { email: 'leaver@example.com', name: 'Leaver', role: 'supervisor', password: 'leaver-password' });
  const first = await loggedIn(srv.url, 'leaver@example.com', 'leaver-password');
  assert.equal((await admin.patch(`/api/v1/users/${u.body.id}`, { password: 'a-new-password' })).status, 200);
  assert.equal((await first.get('/api/v1/auth/me')).status, 401, 'a password reset ends the old sessions');
  const leaver = await loggedIn(srv.url, 'leaver@example.com', 'a-new-password');
  assert.equal((await leaver.get('/api/v1/auth/me')).status, 200);
  assert.equal((await admin.patch(`/api/v1/users/${u.body.id}`, { disabled: true })).status, 200);
  assert.equal((await leaver.get('/api/v1/auth/me')).status, 401);
  assert.equal((await new ApiClient(srv.url).login('leaver@example.com', 'a-new-password')).status, 401);
});

test('a PATCH changes only the fields it names: confinement, skills and queue rules are kept', async () => {
  const clients = (await admin.get('/api/v1/clients')).body.items as { id: string }[];
  const u = (await admin.post('/api/v1/users', { email: 'confined@example.com', name: 'Confined', role: 'supervisor', client_ids: [clients[0].id], password: 'confined-pw-1' })).body;
  const u2 = (await admin.patch(`/api/v1/users/${u.id}`, { name: 'Renamed' })).body;
  assert.deepEqual(u2.client_ids, [clients[0].id], 'still confined to its client');
  const agent = (await admin.get('/api/v1/agents?q=Ana')).body.items[0];
  const a2 = (await admin.patch(`/api/v1/agents/${agent.id}`, { name: 'Ana S.' })).body;
  assert.deepEqual(a2.client_ids, agent.client_ids);
  assert.deepEqual(a2.skills, agent.skills);
  assert.deepEqual(a2.capacity, agent.capacity);
  const q = (await admin.get('/api/v1/queues?q=Fraud')).body.items[0];
  const q2 = (await admin.patch(`/api/v1/queues/${q.id}`, { name: 'Fraud desk' })).body;
  for (const k of ['required_skills', 'priority', 'policy', 'sl_threshold_s', 'sl_target', 'overflow', 'wrap_up_s']) assert.deepEqual(q2[k], q[k], k);
});

test('an agent works for the clients their agent record serves: never every client by omission', async () => {
  const clients = (await admin.get('/api/v1/clients')).body.items as Array<{ id: string; name: string }>;
  const [a, b] = clients;
  const addDnc = (api: ApiClient, clientId: string) => api.post('/api/v1/dnc', { client_id: clientId, phone: '+12025550142' });
  // A user with the agent role, no clients ticked and no agent record: nothing.
  assert.equal((await admin.post('/api/v1/users', { email: 'loose.agent@example.com', name: 'Loose Agent', role: 'agent', password: 'loose-agent-pw' })).status, 201);
  const loose = await loggedIn(srv.url, 'loose.agent@example.com', 'loose-agent-pw');
  assert.equal((await addDnc(loose, a.id)).status, 404, 'an unlinked, unconfined agent user sees no client');
  assert.equal((await loose.get('/api/v1/customers')).body.total, 0);
  // Linked to an agent serving client A only: A yes, B no, though the user itself is not confined.
  const user = await admin.post('/api/v1/users', { email: 'linked.agent@example.com', name: 'Linked Agent', role: 'agent', password: 'linked-agent-pw' });
  assert.equal((await admin.post('/api/v1/agents', { name: 'Linked Agent', extension: '7788', client_ids: [a.id], user_id: user.body.id })).status, 201);
  const linked = await loggedIn(srv.url, 'linked.agent@example.com', 'linked-agent-pw');
  assert.equal((await addDnc(linked, b.id)).status, 404, `${b.name} is not served by the agent`);
  assert.equal((await addDnc(linked, a.id)).status, 201);
});
