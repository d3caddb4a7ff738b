import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';

/**
 * Supervisors confined to teams (issue 6). Two teams of the demo's
 * Northwind (A): "Austin Retail" (X) and a new "Austin Retail Evenings" (Y),
 * to which two Retail agents move; one more Retail agent is left without a
 * team. A supervisor confined to A and X must see and act on X's agents
 * only: lists, force-state, monitoring, reassign, wallboard and events.
 */
type Row = Record<string, any> & { id: string };
let srv: TestServer;
let admin: ApiClient;
let supX: ApiClient;
let supXUser: Row;
let A: string, B: string, X: string, Y: string;
let xAgents: Row[], yAgents: Row[], noTeam: Row, shared: Row[];
let rareQueue: Row;

const ids = (rows: Row[]) => rows.map((r) => r.id).sort();

before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  const clients = (await admin.get('/api/v1/clients')).body.items as Row[];
  A = clients.find((c) => c.code === 'NWR')!.id;
  B = clients.find((c) => c.code === 'ALB')!.id;
  const teams = (await admin.get('/api/v1/teams')).body.items as Row[];
  const retail = teams.find((t) => t.name === 'Austin Retail')!;
  X = retail.id;
  const y = await admin.post('/api/v1/teams', { name: 'Austin Retail Evenings', site_id: retail.site_id, client_id: A });
  assert.equal(y.status, 201, JSON.stringify(y.body));
  Y = y.body.id;
  const agents = (await admin.get('/api/v1/agents?limit=100')).body.items as Row[];
  const retailAgents = agents.filter((a) => a.team_id === X);
  shared = agents.filter((a) => a.team_id !== X && a.client_ids.includes(A));
  assert.ok(retailAgents.length >= 8 && shared.length > 0, 'demo seed: Retail agents and shared agents serving A');
  for (const a of retailAgents.slice(-2)) assert.equal((await admin.patch(`/api/v1/agents/${a.id}`, { team_id: Y })).status, 200);
  noTeam = retailAgents.at(-3)!;
  assert.equal((await admin.patch(`/api/v1/agents/${noTeam.id}`, { team_id: null })).status, 200);
  xAgents = retailAgents.slice(0, -3);
  yAgents = retailAgents.slice(-2);
  // A queue needing a skill nobody has: an interaction in it rings only the agent a supervisor picks.
  const skill = (await admin.post('/api/v1/skills', { name: 'Esperanto' })).body;
  rareQueue = (await admin.post('/api/v1/queues', { client_id: A, name: 'Esperanto', channel: 'voice', required_skills: [{ skill_id: skill.id, min_level: 1 }] })).body;
  await srv.sb.routing.flush();

  const created = await admin.post('/api/v1/users', { email: 'sup.team.x@example.com', name: 'Sup X', role: 'supervisor', client_ids: [A], team_ids: [X], password: 'supervisor-x-pw' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  supXUser = created.body;
  supX = await loggedIn(srv.url, 'sup.team.x@example.com', 'supervisor-x-pw');
});
after(async () => srv?.stop());

/** An interaction of A that `agentId` is now handling (rung by reassign, accepted). */
async function busyWith(agentId: string): Promise<string> {
  await admin.post(`/api/v1/agents/${agentId}/force-state`, { state: 'available' });
  const created = await admin.post('/api/v1/interactions', { queue_id: rareQueue.id });
  assert.equal(created.body.state, 'queued');
  const rung = await admin.post(`/api/v1/interactions/${created.body.id}/reassign`, { agent_id: agentId });
  assert.deepEqual(rung.body.offered_to, [agentId], JSON.stringify(rung.body));
  const accepted = await admin.post(`/api/v1/interactions/${created.body.id}/accept`, { agent_id: agentId });
  assert.deepEqual([accepted.body.state, accepted.body.agent_id], ['active', agentId]);
  return created.body.id as string;
}

async function eventsOf(client: ApiClient): Promise<{ ws: WebSocket; events: Row[]; closed: Promise<number> }> {
  const ws = new WebSocket(srv.url.replace('http', 'ws') + '/api/v1/events', { headers: { cookie: client.cookie } });
  const events: Row[] = [];
  const closed = new Promise<number>((res) => ws.once('close', (code) => res(code)));
  await new Promise((r) => ws.once('message', r));
  ws.on('message', (m) => events.push(JSON.parse((m as Buffer).toString('utf8'))));
  return { ws, events, closed };
}

test('the user shows its teams, on the users resource and /auth/me', async () => {
  assert.deepEqual(supXUser.team_ids, [X]);
  assert.deepEqual((await supX.get('/api/v1/auth/me')).body.user.team_ids, [X]);
  assert.deepEqual((await admin.get(`/api/v1/users/${supXUser.id}`)).body.team_ids, [X]);
  assert.deepEqual((await admin.get('/api/v1/auth/me')).body.user.team_ids, [], 'the admin is confined to no team');
  // The teams list (the wallboard's team filter) offers only their teams.
  assert.deepEqual(((await supX.get('/api/v1/teams?limit=100')).body.items as Row[]).map((t) => t.id), [X]);
  assert.equal((await supX.get(`/api/v1/teams/${Y}`)).status, 404);
});

test('a supervisor confined to team X lists and reads only X\'s agents', async () => {
  const listed = (await supX.get('/api/v1/agents?limit=100')).body;
  assert.deepEqual(ids(listed.items), ids(xAgents), 'not Y\'s, not the shared team\'s, not the agent without a team');
  assert.equal(listed.total, xAgents.length);
  assert.equal((await supX.get(`/api/v1/agents/${xAgents[0].id}`)).status, 200);
  for (const hidden of [yAgents[0], noTeam, shared[0]]) {
    assert.equal((await supX.get(`/api/v1/agents/${hidden.id}`)).status, 404);
    assert.equal((await supX.get(`/api/v1/agents/${hidden.id}/state`)).status, 404, 'live state too');
    assert.equal((await supX.patch(`/api/v1/agents/${hidden.id}`, { name: 7 })).status, 404, 'checked before the body');
  }
  // Nor may they move an agent out of sight, or create one in another team.
  const moved = await supX.patch(`/api/v1/agents/${xAgents[0].id}`, { team_id: Y });
  assert.deepEqual([moved.status, moved.body.error?.details?.field], [404, 'team_id']);
  assert.equal((await admin.get(`/api/v1/agents/${xAgents[0].id}`)).body.team_id, X, 'unchanged');
  const newAgent = await supX.post('/api/v1/agents', { name: 'New Y', extension: '7701', client_ids: [A], team_id: Y });
  assert.deepEqual([newAgent.status, newAgent.body.error?.details?.field], [404, 'team_id']);
});

test('force-state and reassign-to-agent answer 404 for an agent of team Y, before the body', async () => {
  const x = xAgents[0], y = yAgents[0];
  const ok = await supX.post(`/api/v1/agents/${x.id}/force-state`, { state: 'aux', reason: 'coaching' });
  assert.deepEqual([ok.status, ok.body.state], [200, 'aux'], JSON.stringify(ok.body));
  const r = await supX.post(`/api/v1/agents/${y.id}/force-state`, { state: 'aux', reason: 'x' });
  assert.equal(r.status, 404);
  assert.equal((await supX.post(`/api/v1/agents/${y.id}/force-state`, { state: 'nonsense' })).status, 404, 'existence not revealed by a 400');
  assert.equal(srv.sb.routing.engine.agent(y.id).state, 'offline', 'unchanged');

  await admin.post(`/api/v1/agents/${y.id}/force-state`, { state: 'available' });
  const waiting = await supX.post('/api/v1/interactions', { queue_id: rareQueue.id });
  const r2 = await supX.post(`/api/v1/interactions/${waiting.body.id}/reassign`, { agent_id: y.id });
  assert.deepEqual([r2.status, r2.body.error?.details?.field], [404, 'agent_id']);
  assert.equal(srv.sb.routing.engine.interaction(waiting.body.id).state, 'queued', 'nobody was rung');
  await admin.post(`/api/v1/agents/${y.id}/force-state`, { state: 'offline' });
  await admin.post(`/api/v1/interactions/${waiting.body.id}/abandon`);
});

test('monitoring a call of a team-Y agent answers 404 before the body; a team-X agent\'s call is theirs', async () => {
  const yCall = await busyWith(yAgents[1].id);
  const xCall = await busyWith(xAgents[1].id);
  for (const path of ['monitor', 'monitor/browser', 'monitor/stop']) {
    const r = await supX.post(`/api/v1/interactions/${yCall}/call/${path}`, { mode: 'nonsense' });
    assert.deepEqual([r.status, r.body.error.code], [404, 'NOT_FOUND'], `${path} on Y's call`);
  }
  // X's call passes the access check: the body is validated, then there is no live SIP call behind this test interaction.
  assert.equal((await supX.post(`/api/v1/interactions/${xCall}/call/monitor`, { mode: 'nonsense' })).status, 400);
  const x = await supX.post(`/api/v1/interactions/${xCall}/call/monitor`, { extension: '2969', mode: 'listen' });
  assert.deepEqual([x.status, x.body.error.code], [404, 'CALL_NOT_FOUND']);
  // The interaction itself stays client-scoped (queue-level): the supervisor still reads it.
  assert.equal((await supX.get(`/api/v1/interactions/${yCall}`)).status, 200);
  for (const id of [yCall, xCall]) await admin.post(`/api/v1/interactions/${id}/complete`);
});

test('the events socket pushes agent.state and agent.work of team X, never of team Y or of an agent without a team', async () => {
  const { ws, events } = await eventsOf(supX);
  const adminSocket = await eventsOf(admin);
  const x = xAgents[2], y = yAgents[0];
  await admin.post(`/api/v1/agents/${y.id}/force-state`, { state: 'aux', reason: 'hidden' });
  await admin.post(`/api/v1/agents/${noTeam.id}/force-state`, { state: 'aux', reason: 'hidden' });
  await admin.post(`/api/v1/agents/${x.id}/force-state`, { state: 'aux', reason: 'shown' });
  const yCall = await busyWith(y.id);
  const xCall = await busyWith(x.id);
  await new Promise((r) => setTimeout(r, 200));
  ws.close();
  adminSocket.ws.close();
  const about = (type: string, list: Row[]) => list.filter((e) => e.type === type).map((e) => e.data.agent_id);
  assert.ok(about('agent.state', events).includes(x.id), 'X\'s agent pushed');
  assert.ok(events.some((e) => e.type === 'agent.state' && e.data.agent_id === x.id && e.data.team_id === X), 'tagged with the team');
  assert.ok(about('agent.work', events).includes(x.id), 'X\'s agent\'s work pushed');
  for (const type of ['agent.state', 'agent.work']) {
    assert.ok(!about(type, events).includes(y.id), `${type} of Y's agent never pushed`);
    assert.ok(!about(type, events).includes(noTeam.id), `${type} of the agent without a team never pushed`);
  }
  assert.ok(about('agent.state', adminSocket.events).includes(y.id), 'the admin gets Y\'s agent');
  assert.ok(about('agent.work', adminSocket.events).includes(y.id));
  assert.ok(events.some((e) => e.type === 'queue.stats' && e.data.queue_id === rareQueue.id), 'queue figures stay client-scoped');
  for (const id of [yCall, xCall]) await admin.post(`/api/v1/interactions/${id}/complete`);
});

test('the wallboard snapshot holds only team X\'s agents, and every queue of the client', async () => {
  const board = (await supX.get('/api/v1/wallboard')).body;
  assert.deepEqual(ids(board.agents), ids(xAgents));
  assert.ok(board.agents.every((a: Row) => a.team_id === X));
  const aQueues = (await admin.get('/api/v1/queues?limit=100')).body.items.filter((q: Row) => q.client_id === A && !q.disabled);
  assert.deepEqual(ids(board.queues), ids(aQueues));
});

test('an admin changes the teams: audited, applied on the next request and to the open socket; a PATCH without team_ids keeps them', async () => {
  const socket = await eventsOf(supX);
  const r = await admin.patch(`/api/v1/users/${supXUser.id}`, { team_ids: [X, Y] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([...r.body.team_ids].sort(), [X, Y].sort());
  const audit = (await admin.get('/api/v1/audit?limit=20')).body.items as Row[];
  const entry = audit.find((e) => e.action === 'user.update' && e.entity_id === supXUser.id)!;
  assert.deepEqual([entry.before.team_ids, [...entry.after.team_ids].sort()], [[X], [X, Y].sort()]);
  assert.equal(entry.actor_email, srv.adminEmail);
  // Same session, next request: Y's agents are now theirs.
  assert.deepEqual(ids((await supX.get('/api/v1/agents?limit=100')).body.items), ids([...xAgents, ...yAgents]));
  assert.equal((await supX.post(`/api/v1/agents/${yAgents[0].id}/force-state`, { state: 'available' })).status, 200);
  // A socket opened under the old teams is closed; reconnecting gives the new scope.
  assert.equal(await socket.closed, 4001);

  assert.equal((await admin.patch(`/api/v1/users/${supXUser.id}`, { name: 'Sup X and Y' })).body.team_ids.length, 2, 'kept');
  const cleared = await admin.patch(`/api/v1/users/${supXUser.id}`, { team_ids: [] });
  assert.deepEqual(cleared.body.team_ids, []);
  const all = ids((await supX.get('/api/v1/agents?limit=100')).body.items);
  assert.ok(all.includes(noTeam.id) && all.includes(shared[0].id), 'no teams: every agent of the client');
});

test('team_ids are checked: unknown team 404 naming the field, an admin cannot be confined, a team of another client refused', async () => {
  const unknown = await admin.patch(`/api/v1/users/${supXUser.id}`, { team_ids: [X, '00000000-0000-4000-8000-000000000000'] });
  assert.deepEqual([unknown.status, unknown.body.error.code, unknown.body.error.details.field], [404, 'NOT_FOUND', 'team_ids']);
  const adminUser = await admin.post('/api/v1/users', { email: 'second.admin@example.com', name: 'Admin 2', role: 'admin', team_ids: [X], password: 'second-admin-pw' });
  assert.deepEqual([adminUser.status, adminUser.body.error.details.issues[0].path], [400, 'team_ids']);
  const bankTeam = ((await admin.get('/api/v1/teams')).body.items as Row[]).find((t) => t.client_id === B)!;
  const wrong = await admin.patch(`/api/v1/users/${supXUser.id}`, { team_ids: [bankTeam.id] });
  assert.deepEqual([wrong.status, wrong.body.error.details.issues[0].path], [400, 'team_ids.0']);
  assert.deepEqual((await admin.get(`/api/v1/users/${supXUser.id}`)).body.team_ids, [], 'unchanged by refused requests');
  // Only admins edit users: a supervisor cannot widen their own teams.
  assert.equal((await supX.patch(`/api/v1/users/${supXUser.id}`, { team_ids: [X] })).status, 403);
});
