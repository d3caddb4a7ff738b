import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';

/**
 * Supervisor actions (force an agent's state, reassign a waiting
 * interaction) and what a supervisor confined to one client sees: the
 * demo's Northwind (A) and Albion (B); agents of the "Austin Banking" team
 * serve only B, "Austin Retail" only A.
 */
type Row = Record<string, any> & { id: string };
let srv: TestServer;
let admin: ApiClient;
let supA: ApiClient;
let A: string, B: string;
let agentsA: Row[], agentsB: Row[];
let queues: Row[];

before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  const clients = (await admin.get('/api/v1/clients')).body.items as Row[];
  A = clients.find((c) => c.code === 'NWR')!.id;
  B = clients.find((c) => c.code === 'ALB')!.id;
  const agents = (await admin.get('/api/v1/agents?limit=100')).body.items as Row[];
  agentsA = agents.filter((a) => a.client_ids.length === 1 && a.client_ids[0] === A);
  agentsB = agents.filter((a) => a.client_ids.length === 1 && a.client_ids[0] === B);
  queues = (await admin.get('/api/v1/queues?limit=100')).body.items as Row[];
  assert.equal((await admin.post('/api/v1/users', { email: 'sup.only.a@example.com', name: 'Sup A', role: 'supervisor', client_ids: [A], password: 'supervisor-a-pw' })).status, 201);
  supA = await loggedIn(srv.url, 'sup.only.a@example.com', 'supervisor-a-pw');
});
after(async () => srv?.stop());

const queue = (name: string) => queues.find((q) => q.name === name)!;

test('a supervisor forces an agent of their client into aux, available and logged out; each action is audited', async () => {
  const ana = agentsA[0];
  const aux = await supA.post(`/api/v1/agents/${ana.id}/force-state`, { state: 'aux', reason: 'coaching' });
  assert.equal(aux.status, 200, JSON.stringify(aux.body));
  assert.deepEqual([aux.body.state, aux.body.aux_reason], ['aux', 'coaching']);
  assert.equal((await supA.post(`/api/v1/agents/${ana.id}/force-state`, { state: 'available' })).body.state, 'available');
  assert.equal((await supA.post(`/api/v1/agents/${ana.id}/force-state`, { state: 'offline' })).body.state, 'offline');
  assert.equal((await supA.post(`/api/v1/agents/${ana.id}/force-state`, { state: 'offline' })).body.state, 'offline', 'logging out a logged-out agent is a no-op');
  const bad = await supA.post(`/api/v1/agents/${ana.id}/force-state`, { state: 'aux' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.issues[0].path, 'reason');
  const audit = (await admin.get('/api/v1/audit?limit=20')).body.items as Row[];
  const mine = audit.filter((e) => e.action === 'agent.force_state' && e.entity_id === ana.id);
  assert.equal(mine.length, 4);
  assert.equal(mine.at(-1)!.actor_email, 'sup.only.a@example.com');
  assert.deepEqual([mine.at(-1)!.before.state, mine.at(-1)!.after.state], ['offline', 'aux']);
});

test('a supervisor confined to client A cannot force an agent who serves only client B (404, unchanged)', async () => {
  const bAgent = agentsB[0];
  const r = await supA.post(`/api/v1/agents/${bAgent.id}/force-state`, { state: 'aux', reason: 'x' });
  assert.equal(r.status, 404);
  assert.equal(srv.sb.routing.engine.agent(bAgent.id).state, 'offline');
  const r2 = await supA.post(`/api/v1/agents/${bAgent.id}/force-state`, { state: 'nonsense' });
  assert.equal(r2.status, 404, 'the body is not even validated: existence is not revealed');
});

test('agents and other roles may not force states (403)', async () => {
  const agentUser = await loggedIn(srv.url, 'ana.silva@demo.switchboard.local', srv.adminPassword);
  assert.equal((await agentUser.post(`/api/v1/agents/${agentsA[1].id}/force-state`, { state: 'available' })).status, 403);
  assert.equal((await admin.post('/api/v1/users', { email: 'qa.a@example.com', name: 'QA', role: 'qa', client_ids: [A], password: 'qa-person-pw' })).status, 201);
  const qa = await loggedIn(srv.url, 'qa.a@example.com', 'qa-person-pw');
  assert.equal((await qa.post(`/api/v1/agents/${agentsA[1].id}/force-state`, { state: 'available' })).status, 403);
});

test('a waiting interaction is moved to another queue of its client, and to one agent who lacks the queue\'s skill', async () => {
  const cards = queue('Cards'), fraud = queue('Fraud');
  const created = await admin.post('/api/v1/interactions', { queue_id: fraud.id, subject: 'Suspicious payment' });
  assert.equal(created.body.state, 'queued');
  const id = created.body.id;
  const moved = await admin.post(`/api/v1/interactions/${id}/reassign`, { queue_id: cards.id });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.deepEqual([moved.body.state, moved.body.queue_id], ['queued', cards.id]);
  assert.equal((await admin.get(`/api/v1/interactions/${id}`)).body.queue_id, cards.id, 'stored');
  // Nobody is logged in: ring one bank agent directly.
  const bAgent = agentsB[0];
  assert.equal((await admin.post(`/api/v1/interactions/${id}/reassign`, { agent_id: bAgent.id })).body.error.code, 'AGENT_CANNOT_TAKE');
  await admin.post(`/api/v1/agents/${bAgent.id}/force-state`, { state: 'aux', reason: 'standby' });
  const rung = await admin.post(`/api/v1/interactions/${id}/reassign`, { agent_id: bAgent.id });
  assert.equal(rung.status, 409, 'in aux: cannot take it');
  // An A-only agent does not serve B.
  await admin.post(`/api/v1/agents/${agentsA[2].id}/force-state`, { state: 'available' });
  assert.equal((await admin.post(`/api/v1/interactions/${id}/reassign`, { agent_id: agentsA[2].id })).body.error.code, 'AGENT_NOT_ELIGIBLE');
  const other = await admin.post(`/api/v1/interactions/${id}/reassign`, { queue_id: queue('Orders').id });
  assert.deepEqual([other.status, other.body.error.code], [409, 'QUEUE_MISMATCH'], 'another client\'s queue');
  const both = await admin.post(`/api/v1/interactions/${id}/reassign`, { queue_id: cards.id, agent_id: bAgent.id });
  assert.equal(both.status, 400);
  const audit = (await admin.get('/api/v1/audit?limit=50')).body.items as Row[];
  const entry = audit.find((e) => e.action === 'interaction.reassign' && e.entity_id === id)!;
  assert.deepEqual([entry.client_id, entry.before.queue_id, entry.after.queue_id], [B, fraud.id, cards.id]);
});

test('reassigning to an agent rings that agent at once', async () => {
  // A queue of client A needing a skill no agent has: the call waits until a supervisor picks someone.
  const skill = (await admin.post('/api/v1/skills', { name: 'Klingon' })).body;
  const q = (await admin.post('/api/v1/queues', { client_id: A, name: 'Rare language', channel: 'voice', required_skills: [{ skill_id: skill.id, min_level: 1 }] })).body;
  await srv.sb.routing.flush();
  const agent = agentsA[3];
  await supA.post(`/api/v1/agents/${agent.id}/force-state`, { state: 'available' });
  const created = await supA.post('/api/v1/interactions', { queue_id: q.id });
  assert.equal(created.body.state, 'queued');
  const r = await supA.post(`/api/v1/interactions/${created.body.id}/reassign`, { agent_id: agent.id });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.state, r.body.offered_to], ['offered', [agent.id]]);
  const board = (await supA.get('/api/v1/wallboard')).body;
  const row = board.agents.find((a: Row) => a.id === agent.id);
  assert.deepEqual([row.state, row.current?.interaction_id, row.current?.client_id, row.current?.state], ['reserved', created.body.id, A, 'offered']);
  const accepted = await supA.post(`/api/v1/interactions/${created.body.id}/accept`, { agent_id: agent.id });
  assert.equal(accepted.body.state, 'active');
  await new Promise((res) => setTimeout(res, 50));
  const row2 = (await supA.get('/api/v1/wallboard')).body.agents.find((a: Row) => a.id === agent.id);
  assert.deepEqual([row2.state, row2.current?.state], ['busy', 'active']);
});

test('a supervisor confined to client A cannot reassign B\'s interaction (404), nor move A\'s into B\'s queue', async () => {
  const fraud = queue('Fraud');
  const bCall = await admin.post('/api/v1/interactions', { queue_id: fraud.id });
  const r = await supA.post(`/api/v1/interactions/${bCall.body.id}/reassign`, { queue_id: queue('Cards').id });
  assert.equal(r.status, 404);
  assert.equal(srv.sb.routing.engine.interaction(bCall.body.id).queueId, fraud.id, 'unchanged');
  const aCall = await supA.post('/api/v1/interactions', { queue_id: queue('Pedidos (Spanish)').id });
  const r2 = await supA.post(`/api/v1/interactions/${aCall.body.id}/reassign`, { queue_id: fraud.id });
  assert.equal(r2.status, 404);
  assert.equal(r2.body.error.details.field, 'queue_id');
  assert.equal((await supA.get(`/api/v1/wallboard/waiting?queue_id=${fraud.id}`)).status, 404, 'B\'s waiting list');
  const waiting = (await supA.get(`/api/v1/wallboard/waiting?queue_id=${queue('Pedidos (Spanish)').id}`)).body.items as Row[];
  assert.ok(waiting.some((w) => w.id === aCall.body.id));
  const r3 = await supA.post(`/api/v1/interactions/${aCall.body.id}/reassign`, { agent_id: agentsB[1].id });
  assert.equal(r3.status, 404);
  assert.equal(r3.body.error.details.field, 'agent_id');
});

test('the wallboard and its events show a confined supervisor only their clients: queues, agents, intervals, agent events', async () => {
  const ws = new WebSocket(srv.url.replace('http', 'ws') + '/api/v1/events', { headers: { cookie: supA.cookie } });
  const events: Row[] = [];
  await new Promise((r) => ws.once('message', r));
  ws.on('message', (m) => events.push(JSON.parse((m as Buffer).toString('utf8'))));
  const bAgent = agentsB[2], aAgent = agentsA[4];
  await admin.post(`/api/v1/agents/${bAgent.id}/force-state`, { state: 'aux', reason: 'hidden' });
  await admin.post(`/api/v1/agents/${aAgent.id}/force-state`, { state: 'aux', reason: 'shown' });
  const cards = await admin.post('/api/v1/interactions', { queue_id: queue('Cards').id });
  await admin.post(`/api/v1/interactions/${cards.body.id}/abandon`);
  const orders = await admin.post('/api/v1/interactions', { queue_id: queue('Orders').id });
  await admin.post(`/api/v1/interactions/${orders.body.id}/abandon`);
  await new Promise((r) => setTimeout(r, 200));
  ws.close();
  const agentEvents = events.filter((e) => e.type === 'agent.state').map((e) => e.data.agent_id);
  assert.ok(agentEvents.includes(aAgent.id), 'A\'s agent pushed');
  assert.ok(!agentEvents.includes(bAgent.id), 'B-only agent never pushed to A\'s supervisor');
  const intervalQueues = new Set(events.filter((e) => e.type === 'queue.interval').map((e) => e.data.queue_id));
  assert.deepEqual([...intervalQueues], [queue('Orders').id]);

  const board = (await supA.get('/api/v1/wallboard')).body;
  assert.ok(board.queues.every((q: Row) => q.client_id === A));
  assert.ok(board.agents.every((a: Row) => a.client_ids.includes(A)));
  assert.deepEqual(board.clients.map((c: Row) => c.id), [A]);
  assert.ok(board.intervals.length > 0 && board.intervals.every((b: Row) => board.queues.some((q: Row) => q.id === b.queue_id)));
  const adminBoard = (await admin.get('/api/v1/wallboard')).body;
  const cardsBucket = adminBoard.intervals.find((b: Row) => b.queue_id === queue('Cards').id);
  assert.ok(cardsBucket.abandoned >= 1 && cardsBucket.offered >= cardsBucket.abandoned);
});
