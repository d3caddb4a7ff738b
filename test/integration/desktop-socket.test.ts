// The agent desktop's WebSocket without a browser: who may open it, what
// `hello` says, presence through it, and how a page bug is answered (an
// `error` naming the field, the socket stays open).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';

let srv: TestServer;
let admin: ApiClient;

before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
});
after(async () => srv?.stop());

/** A desktop socket with its messages queued for `next()`. */
function desktop(cookie: string) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/desktop`, { headers: { cookie } });
  const inbox: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d: Buffer) => {
    inbox.push(JSON.parse(d.toString()) as Record<string, unknown>);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return {
    ws, closed,
    send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    /** The next message of `type` (skipping others), within 5 s. */
    async next(type: string): Promise<Record<string, unknown>> {
      const end = Date.now() + 5000;
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return inbox.splice(i, 1)[0];
        if (Date.now() > end) throw new Error(`no ${type} message; got ${JSON.stringify(inbox)}`);
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
      }
    },
  };
}

void test('a user without an agent record is turned away with a reason; no cookie, no socket', async () => {
  const d = desktop(admin.cookie);
  const err = await d.next('error');
  assert.equal(err.code, 'NOT_AN_AGENT');
  const c = await d.closed;
  assert.equal(c.code, 4403);
  assert.match(c.reason, /no agent record/);
  assert.deepEqual((await admin.get('/api/v1/desktop/agent')).body, { agent: null });
  await assert.rejects(new Promise((res, rej) => {
    const w = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/desktop`);
    w.on('open', res);
    w.on('error', rej);
  }), /401/);
});

void test('an agent gets hello, changes state through the socket, and a bad message is answered, not fatal', async () => {
  const agent = await loggedIn(srv.url, 'ana.silva@demo.switchboard.local', srv.adminPassword);
  const me = (await agent.get('/api/v1/desktop/agent')).body as { agent: { id: string; name: string } };
  assert.equal(me.agent.name, 'Ana Silva');
  const d = desktop(agent.cookie);
  const hello = await d.next('hello');
  assert.deepEqual((hello.agent as { id: string }).id, me.agent.id);
  assert.equal((hello.state as { state: string }).state, 'offline');
  assert.equal(hello.device, 'browser', 'an open desktop makes the browser the device');
  assert.equal(hello.call, null);
  assert.ok((hello.directory as { queues: unknown[] }).queues.length > 0, 'transfer directory lists the agent\'s queues');

  d.send('{not json');
  assert.deepEqual(await d.next('error'), { type: 'error', field: '(message)', message: 'must be JSON' });
  d.send({ type: 'state', state: 'aux' });
  assert.deepEqual(await d.next('error'), { type: 'error', field: 'reason', message: 'is required for aux' });
  d.send({ type: 'hold', interaction_id: '7d0c4c1e-3b1a-4b8e-9f51-0a4f3c2b1d00' });
  const r = await d.next('result');
  assert.equal(r.ok, false);
  assert.match(String(r.reason), /not your current call/);

  d.send({ type: 'state', state: 'aux', reason: 'Lunch' });
  assert.equal((await d.next('result')).ok, true);
  const st = (await d.next('state')).state as { state: string; aux_reason: string };
  assert.deepEqual([st.state, st.aux_reason], ['aux', 'Lunch']);
  assert.equal((await agent.get(`/api/v1/agents/${me.agent.id}/state`)).body.state, 'aux');

  // A second desktop of the same agent sees the same state (and would see the same call).
  const d2 = desktop(agent.cookie);
  assert.equal(((await d2.next('hello')).state as { state: string }).state, 'aux');
  d2.send({ type: 'state', state: 'offline' });
  assert.equal(((await d.next('state')).state as { state: string }).state, 'offline', 'the other desktop hears the change');
  d.ws.close();
  d2.ws.close();
});
