/**
 * Client isolation, generated from the route table: every operation in the
 * OpenAPI document must declare `x-client-scope`, and every client-owned
 * route is exercised by users confined to client A against client B's data.
 * A new route is covered with no edit here; an unclassified route fails.
 *
 *   entity     rows belong to clients: B's rows are 404 / absent from lists
 *   shared     not client data (sites, skills, the caller's own session)
 *   admin-only confined users are refused (403)
 *   filtered   a per-caller view, not rows: the events stream (api.test.ts) and
 *              the wallboard snapshot (demo-mode.test.ts) test their own filtering
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';
import { randomUUID } from 'node:crypto';
import { encodeWav } from '../../src/media/wav/wav-writer.js';
import { recordings } from '../../src/store/schema.js';

interface Op { method: string; path: string; scope: string; bodyProps: string[] }
type Item = Record<string, unknown> & { id: string };

let srv: TestServer;
let admin: ApiClient;
let ops: Op[];
let A: string, B: string;
const confined: { label: string; api: ApiClient }[] = [];

before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  type DocOp = { 'x-client-scope'?: string; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } };
  const doc = await (await fetch(`${srv.url}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, DocOp>> };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, scope: op['x-client-scope'] ?? '',
      bodyProps: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}) })));
  const clients = (await admin.get('/api/v1/clients')).body.items as Item[];
  A = clients.find((c) => c.code === 'NWR')!.id;
  B = clients.find((c) => c.code === 'ALB')!.id;
  // Rows that are not demo seed data: one interaction of client B.
  const bQueue = ((await admin.get('/api/v1/queues?limit=100')).body.items as Item[]).find((q) => q.client_id === B)!;
  const bCall = await admin.post('/api/v1/interactions', { queue_id: bQueue.id, subject: 'B only' });
  assert.equal(bCall.status, 201);
  // Inbound voice (flows, numbers and business hours are seeded): a trunk, a prompt and a recording of client B.
  assert.equal((await admin.post('/api/v1/trunks', { client_id: B, name: 'B carrier', host: 'sip.b.example', password: 'b-carrier-pw' })).status, 201);
  const wav = encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, new Int16Array(800));
  const prompt = await fetch(`${srv.url}/api/v1/prompts?client_id=${B}&name=b-greeting`,
    { method: 'POST', body: new Uint8Array(wav), headers: { 'content-type': 'audio/wav', cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
  assert.equal(prompt.status, 201);
  await srv.sb.database.db.insert(recordings).values({ id: randomUUID(), clientId: B, interactionId: bCall.body.id, path: `recordings/${B}/b.wav`, startedAt: new Date() });
  // Campaigns and do-not-call lists are not in the demo seed: one of each for client B.
  assert.equal((await admin.post('/api/v1/campaigns', { client_id: B, name: 'B collections', type: 'collections', caller_id: '+442079460000', default_country: 'GB', compliance_profile: 'UK' })).status, 201);
  assert.equal((await admin.post('/api/v1/dnc', { client_id: B, phone: '020 7946 0958' })).status, 201);
  const sup = await admin.post('/api/v1/users', { email: 'sup.a@example.com', name: 'Sup A', role: 'supervisor', client_ids: [A], password: 'supervisor-a-pw' });
  assert.equal(sup.status, 201);
  confined.push({ label: 'supervisor of A', api: await loggedIn(srv.url, 'sup.a@example.com', 'supervisor-a-pw') });
  confined.push({ label: 'client viewer of A', api: await loggedIn(srv.url, 'viewer@northwind.example', srv.adminPassword) });
});
after(async () => srv?.stop());

const collectionOf = (path: string) => path.split('/')[3];
const ownedBy = (item: Item, client: string, collection: string): boolean =>
  item.client_id === client || (collection === 'clients' && item.id === client) ||
  (Array.isArray(item.client_ids) && (item.client_ids as string[]).includes(client));
const onlyB = (item: Item, collection: string) => ownedBy(item, B, collection) && !ownedBy(item, A, collection);

async function sampleOfB(collection: string): Promise<Item | undefined> {
  const r = await admin.get(`/api/v1/${collection}?limit=500&include_disabled=true`);
  return (r.body?.items as Item[] | undefined)?.find((i) => onlyB(i, collection));
}

test('every route declares its client scope', () => {
  const unknown = ops.filter((o) => !['entity', 'shared', 'admin-only', 'filtered'].includes(o.scope));
  assert.deepEqual(unknown.map((o) => `${o.method} ${o.path}`), [], 'classify these routes with x-client-scope');
  assert.ok(ops.length >= 20);
});

test('users confined to client A never see or change client B\'s data, on every client-owned route', async () => {
  const checked: string[] = [];
  for (const op of ops.filter((o) => o.scope === 'entity')) {
    const collection = collectionOf(op.path);
    const sample = await sampleOfB(collection);
    assert.ok(sample, `no row of client B in /api/v1/${collection}: the demo seed must have one so ${op.method} ${op.path} is tested`);
    const hasId = op.path.includes('{id}');
    for (const { label, api } of confined) {
      const what = `${label}: ${op.method} ${op.path}`;
      if (op.method === 'GET' && !hasId) {
        const r = await api.get(`/api/v1/${collection}?limit=500&include_disabled=true`);
        if (r.status === 403) { checked.push(what); continue; }
        assert.equal(r.status, 200, what);
        const leaked = (r.body.items as Item[]).filter((i) => ownedBy(i, B, collection));
        assert.deepEqual(leaked.map((i) => i.id), [], `${what} lists client B's rows`);
      } else if (hasId) {
        const url: string = op.path.replace('{id}', sample.id);
        const r: { status: number } = await api.req(op.method, url, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        assert.equal(r.status, 404, `${what} with B's id answered ${r.status}, expected 404 (existence not leaked)`);
      } else if (op.method === 'POST') {
        // B's row, cut down to the fields this route's body accepts.
        const body: Record<string, unknown> = Object.fromEntries(Object.entries(sample).filter(([k, v]) => op.bodyProps.includes(k) && v !== null));
        if (collection === 'users') Object.assign(body, { email: `x${Date.now()}@example.com`, password: 'a-long-password' });
        if (collection === 'agents') body.extension = String(90000 + Math.floor(Math.random() * 9999));
        if (collection === 'clients') body.code = `X${Date.now() % 100000}`;
        const before = (await admin.get(`/api/v1/${collection}?limit=1&include_disabled=true`)).body.total;
        const r = await api.req('POST', op.path, body);
        assert.ok(r.status === 404 || r.status === 403, `${what} creating in client B answered ${r.status}: ${JSON.stringify(r.body)}`);
        assert.equal((await admin.get(`/api/v1/${collection}?limit=1&include_disabled=true`)).body.total, before, `${what} wrote a row`);
      } else {
        assert.fail(`${what}: no rule for this kind of route; extend the test's rules`);
      }
      checked.push(what);
    }
  }
  console.log(`isolation checked on ${checked.length} (caller, route) pairs`);
  assert.ok(checked.length >= 2 * 5 * 4, `only ${checked.length} pairs checked`);
});

test('confined users cannot use admin-only routes', async () => {
  for (const op of ops.filter((o) => o.scope === 'admin-only')) {
    for (const { label, api } of confined) {
      const r = await api.req(op.method, op.path.replace('{id}', B), op.method === 'GET' ? undefined : {});
      assert.equal(r.status, 403, `${label}: ${op.method} ${op.path}`);
    }
  }
});

test('a supervisor of A editing a shared agent keeps the agent\'s other clients intact and unseen', async () => {
  const agents = (await admin.get('/api/v1/agents?limit=100')).body.items as Item[];
  const shared = agents.find((a) => ownedBy(a, A, 'agents') && ownedBy(a, B, 'agents'))!;
  const sup = confined[0].api;
  const seen = await sup.get(`/api/v1/agents/${shared.id}`);
  assert.deepEqual(seen.body.client_ids, [A], 'client B is not revealed');
  assert.equal((await sup.patch(`/api/v1/agents/${shared.id}`, { client_ids: [A], name: 'Renamed by A' })).status, 200);
  const after = (await admin.get(`/api/v1/agents/${shared.id}`)).body;
  assert.deepEqual([...after.client_ids].sort(), [A, B].sort(), 'the hidden link to B survives');
  assert.equal((await sup.patch(`/api/v1/agents/${shared.id}`, { client_ids: [A, B] })).status, 404, 'cannot add a client it cannot see');
});
