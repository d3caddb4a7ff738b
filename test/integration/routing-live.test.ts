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

test('an interaction created through the API is routed to an available agent and its whole lifecycle is stored and pushed live', async () => {
  const queues = (await admin.get('/api/v1/queues?q=Returns')).body.items;
  const returns = queues[0];
  const agents = (await admin.get('/api/v1/agents?q=Ana')).body.items;
  const ana = agents[0];
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const ws = new WebSocket(srv.url.replace('http', 'ws') + '/api/v1/events', { headers: { cookie: admin.cookie } });
  await new Promise((r) => ws.once('message', r));
  ws.on('message', (m) => events.push(JSON.parse((m as Buffer).toString('utf8'))));

  const st = await admin.post(`/api/v1/agents/${ana.id}/state`, { state: 'available' });
  assert.equal(st.status, 200, JSON.stringify(st.body));
  assert.equal(st.body.state, 'available');

  const created = await admin.post('/api/v1/interactions', { queue_id: returns.id, subject: 'Refund for order 1234' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.state, 'offered', 'offered at once to the one available, eligible agent');
  const id = created.body.id;
  assert.equal((await admin.get(`/api/v1/agents/${ana.id}/state`)).body.state, 'reserved');

  const accepted = await admin.post(`/api/v1/interactions/${id}/accept`, { agent_id: ana.id });
  assert.equal(accepted.body.state, 'active');
  assert.equal(accepted.body.agent_id, ana.id);
  assert.equal((await admin.get(`/api/v1/agents/${ana.id}/state`)).body.state, 'busy');
  assert.equal((await admin.post(`/api/v1/interactions/${id}/complete`)).body.state, 'wrap_up');
  const done = await admin.post(`/api/v1/interactions/${id}/end-wrap-up`);
  assert.equal(done.body.state, 'done');
  for (const k of ['queued_at', 'offered_at', 'answered_at', 'ended_at', 'wrap_up_ended_at']) assert.ok(done.body[k], `${k} stored`);
  assert.equal(done.body.outcome, 'answered');

  const stats = (await admin.get(`/api/v1/queues/${returns.id}/stats`)).body;
  assert.equal(stats.answered, 1);
  assert.equal(stats.waiting, 0);
  await new Promise((r) => setTimeout(r, 100));
  ws.close();
  const types = events.map((e) => e.type);
  for (const t of ['agent.state', 'interaction.offered', 'interaction.state', 'queue.stats']) assert.ok(types.includes(t), `${t} pushed; got ${types.join(',')}`);
  const states = events.filter((e) => e.type === 'interaction.state' && e.data.interaction_id === id).map((e) => e.data.state);
  assert.deepEqual(states, ['queued', 'offered', 'active', 'wrap_up', 'done']);
});

test('a waiting caller who hangs up is stored as abandoned; bad agent events get coded errors', async () => {
  const fraud = (await admin.get('/api/v1/queues?q=Fraud')).body.items[0];
  const created = await admin.post('/api/v1/interactions', { queue_id: fraud.id });
  assert.equal(created.body.state, 'queued', 'nobody is available for Fraud');
  const ab = await admin.post(`/api/v1/interactions/${created.body.id}/abandon`);
  assert.equal(ab.body.state, 'abandoned');
  assert.equal(ab.body.outcome, 'abandoned');
  const again = await admin.post(`/api/v1/interactions/${created.body.id}/accept`);
  assert.ok(again.status === 404 || again.status === 409, String(again.status));
  assert.ok(again.body.error.code);
  const agent = (await admin.get('/api/v1/agents?limit=1')).body.items[0];
  const aux = await admin.post(`/api/v1/agents/${agent.id}/state`, { state: 'aux' });
  assert.equal(aux.status, 400);
  assert.equal(aux.body.error.details.issues[0].path, 'reason');
  const brk = await admin.post(`/api/v1/agents/${agent.id}/state`, { state: 'aux', reason: 'lunch' });
  assert.deepEqual([brk.body.state, brk.body.aux_reason], ['aux', 'lunch']);
});

test('a queue and an agent created through the admin API route at once, without a restart', async () => {
  const client = (await admin.get('/api/v1/clients')).body.items[0];
  const skill = (await admin.post('/api/v1/skills', { name: 'Warranty' })).body;
  const q = await admin.post('/api/v1/queues', { client_id: client.id, name: 'Warranty claims', channel: 'work_item', required_skills: [{ skill_id: skill.id, min_level: 2 }] });
  const a = await admin.post('/api/v1/agents', { name: 'New Starter', extension: '4242', client_ids: [client.id], skills: [{ skill_id: skill.id, level: 3 }] });
  assert.equal(a.status, 201);
  await srv.sb.routing.flush();
  assert.equal((await admin.post(`/api/v1/agents/${a.body.id}/state`, { state: 'available' })).body.state, 'available');
  const item = await admin.post('/api/v1/interactions', { queue_id: q.body.id, subject: 'Claim 77' });
  assert.equal(item.status, 201);
  assert.equal(item.body.state, 'offered');
  await admin.post(`/api/v1/interactions/${item.body.id}/accept`);
  assert.equal((await admin.get(`/api/v1/interactions/${item.body.id}`)).body.agent_id, a.body.id);
});

test('editing a queue or an agent applies live: a waiting item nobody could take is offered once the rules change', async () => {
  const client = (await admin.get('/api/v1/clients')).body.items[0];
  const skill = (await admin.post('/api/v1/skills', { name: 'Appeals' })).body;
  const q = (await admin.post('/api/v1/queues', { client_id: client.id, name: 'Appeals', channel: 'work_item', required_skills: [{ skill_id: skill.id, min_level: 5 }] })).body;
  const a = (await admin.post('/api/v1/agents', { name: 'Junior', extension: '4343', client_ids: [client.id], skills: [{ skill_id: skill.id, level: 2 }] })).body;
  await srv.sb.routing.flush();
  await admin.post(`/api/v1/agents/${a.id}/state`, { state: 'available' });
  const item = await admin.post('/api/v1/interactions', { queue_id: q.id });
  assert.equal(item.body.state, 'queued', 'level 2 is below the queue\'s minimum 5');
  await admin.patch(`/api/v1/queues/${q.id}`, { required_skills: [{ skill_id: skill.id, min_level: 2 }] });
  await srv.sb.routing.flush();
  assert.equal((await admin.get(`/api/v1/interactions/${item.body.id}`)).body.state, 'offered', 'the queue edit applied live');
  await admin.post(`/api/v1/interactions/${item.body.id}/accept`);
  await admin.post(`/api/v1/interactions/${item.body.id}/complete`);

  const second = await admin.post('/api/v1/interactions', { queue_id: q.id });
  await admin.patch(`/api/v1/queues/${q.id}`, { required_skills: [{ skill_id: skill.id, min_level: 8 }] });
  await srv.sb.routing.flush();
  await admin.post(`/api/v1/interactions/${item.body.id}/end-wrap-up`);
  assert.equal((await admin.get(`/api/v1/interactions/${second.body.id}`)).body.state, 'queued', 'level 2 no longer qualifies');
  await admin.patch(`/api/v1/agents/${a.id}`, { skills: [{ skill_id: skill.id, level: 9 }] });
  await srv.sb.routing.flush();
  assert.equal((await admin.get(`/api/v1/interactions/${second.body.id}`)).body.state, 'offered', 'the agent edit applied live');
});

test('an agent\'s state is set by the agent themselves or by an admin or supervisor (audited); planners and QA get 403 and client viewers 404, whatever they send', async () => {
  const ana = (await admin.get('/api/v1/agents?q=Ana')).body.items[0];
  const other = (await admin.get('/api/v1/agents?limit=100')).body.items.find((a: { id: string; client_ids: string[] }) => a.id !== ana.id && a.client_ids.includes(ana.client_ids[0]));
  const user = async (role: string) => {
    const email = `state.${role}@example.com`;
    const made = await admin.post('/api/v1/users', { email, name: role, role, client_ids: [ana.client_ids[0]], password: `${role}-password-1` });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    return loggedIn(srv.url, email, `${role}-password-1`);
  };
  const stateOf = async (id: string) => (await admin.get(`/api/v1/agents/${id}/state`)).body;
  const audited = async () => ((await admin.get('/api/v1/audit?limit=100')).body.items as { action: string; entity_id: string; actor_email: string; before: any; after: any }[])
    .filter((e) => e.action === 'agent.state_set' && e.entity_id === ana.id);
  await admin.post(`/api/v1/agents/${ana.id}/state`, { state: 'offline' });
  const auditedBefore = (await audited()).length;

  for (const role of ['planner', 'qa', 'client_viewer']) {
    const u = await user(role);
    for (const body of [{ state: 'available' }, { state: 'aux' }, { nonsense: true }]) {
      const r = await u.post(`/api/v1/agents/${ana.id}/state`, body);
      // A client viewer sees no agents at all: 404, as if absent (visibility is checked before the role).
      const want = role === 'client_viewer' ? 404 : 403;
      assert.equal(r.status, want, `${role} ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, want === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
    }
  }
  assert.equal((await stateOf(ana.id)).state, 'offline', 'nobody refused changed anything');

  const sup = await user('supervisor');
  const set = await sup.post(`/api/v1/agents/${ana.id}/state`, { state: 'aux', reason: 'coaching' });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.deepEqual([set.body.state, set.body.aux_reason], ['aux', 'coaching']);
  const entries = await audited();
  assert.equal(entries.length, auditedBefore + 1, 'the supervisor\'s change is audited');
  assert.equal(entries[0].actor_email, 'state.supervisor@example.com');
  assert.deepEqual([entries[0].before.state, entries[0].after.state, entries[0].after.aux_reason], ['offline', 'aux', 'coaching']);

  const self = await loggedIn(srv.url, 'ana.silva@demo.switchboard.local', srv.adminPassword);
  assert.equal((await self.post(`/api/v1/agents/${ana.id}/state`, { state: 'available' })).body.state, 'available', 'an agent on their own record');
  assert.equal((await audited()).length, auditedBefore + 1, 'an agent\'s own change is their state history, not an audit entry');
  const otherBefore = await stateOf(other.id);
  assert.equal((await self.post(`/api/v1/agents/${other.id}/state`, { state: otherBefore.state === 'aux' ? 'available' : 'aux', reason: 'x' })).status, 404,
    'another agent\'s record is not theirs');
  assert.deepEqual(await stateOf(other.id), otherBefore);
  await self.post(`/api/v1/agents/${ana.id}/state`, { state: 'offline' });
});
