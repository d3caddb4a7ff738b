import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';
import { runCli } from '../helpers/cli.js';

let srv: TestServer;
let admin: ApiClient;
before(async () => {
  srv = await startTestServer({ DEMO_CALLS_PER_MINUTE: '120' });
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
});
after(async () => srv?.stop());

test('the demo switch runs simulated customers and agents through the live engine, marked simulated, and stops cleanly', async () => {
  assert.equal((await admin.get('/api/v1/demo-mode')).body.enabled, false);
  const on = await admin.post('/api/v1/demo-mode', { enabled: true });
  assert.equal(on.status, 200);
  assert.equal(on.body.enabled, true);
  await new Promise((r) => setTimeout(r, 5000));
  const board = (await admin.get('/api/v1/wallboard')).body;
  assert.ok(board.agents.some((a: { state: string }) => a.state !== 'offline'), 'simulated agents are logged in');
  assert.ok(board.queues.some((q: { offered: number; waiting: number }) => q.offered + q.waiting > 0), 'queues moved');
  const items = (await admin.get('/api/v1/interactions?limit=500')).body.items as { simulated: boolean }[];
  assert.ok(items.length > 0, 'interactions were created');
  assert.ok(items.every((i) => i.simulated), 'every demo interaction is flagged simulated');
  const off = await admin.post('/api/v1/demo-mode', { enabled: false });
  assert.equal(off.body.enabled, false);
  await srv.sb.routing.flush();
  const board2 = (await admin.get('/api/v1/wallboard')).body;
  assert.equal(board2.queues.reduce((n: number, q: { waiting: number }) => n + q.waiting, 0), 0, 'its waiting customers left with it');
  const audit = (await admin.get('/api/v1/audit?limit=5')).body.items.map((e: { action: string }) => e.action);
  assert.ok(audit.includes('demo_mode.set'));
  const viewer = await loggedIn(srv.url, 'viewer@northwind.example', srv.adminPassword);
  assert.equal((await viewer.post('/api/v1/demo-mode', { enabled: true })).status, 403);
});

test('the wallboard snapshot shows a confined supervisor only their client\'s queues', async () => {
  const clients = (await admin.get('/api/v1/clients')).body.items as { id: string; code: string }[];
  const nwr = clients.find((c) => c.code === 'NWR')!;
  await admin.post('/api/v1/users', { email: 'wb.sup@example.com', name: 'WB', role: 'supervisor', client_ids: [nwr.id], password: 'wallboard-pw-1' });
  const sup = await loggedIn(srv.url, 'wb.sup@example.com', 'wallboard-pw-1');
  const board = (await sup.get('/api/v1/wallboard')).body;
  assert.ok(board.queues.length >= 3);
  assert.ok(board.queues.every((q: { client_id: string }) => q.client_id === nwr.id));
  assert.ok(board.agents.every((a: { client_ids: string[] }) => a.client_ids.every((c) => c === nwr.id)));
});

test('CLI: switchboard simulate runs a scenario file; a bad file names the field with exit 2', async () => {
  const ok = await runCli(['simulate', 'examples/two-queue-inbound.json', '--json', '--no-intervals'], {});
  assert.equal(ok.code, 0, ok.stderr);
  const report = JSON.parse(ok.stdout);
  assert.ok(JSON.stringify(report).includes('service_level'));
  const bad = await runCli(['simulate', 'package.json'], {});
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /queues|agents|unknown field/);
});
