/**
 * The minimal CRM as the agent desktop uses it: the screen pop finds (or
 * creates) the caller's customer within the interaction's client, the
 * wrap-up records a disposition and resolves or opens cases, and "my day"
 * adds up an agent's day after an interaction routed through the REST API.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';
import { interactions } from '../../src/store/schema.js';

type Item = Record<string, any> & { id: string };
let srv: TestServer;
let admin: ApiClient;
let ana: ApiClient;
let anaId: string;
let NWR: string, ALB: string;
let returns: Item, cards: Item;

before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  ana = await loggedIn(srv.url, 'ana.silva@demo.switchboard.local', srv.adminPassword);
  const clients = (await admin.get('/api/v1/clients')).body.items as Item[];
  NWR = clients.find((c) => c.code === 'NWR')!.id;
  ALB = clients.find((c) => c.code === 'ALB')!.id;
  returns = (await admin.get('/api/v1/queues?q=Returns')).body.items[0];
  cards = (await admin.get('/api/v1/queues?q=Cards')).body.items[0];
  anaId = (await admin.get('/api/v1/agents?q=Ana')).body.items[0].id;
});
after(async () => srv?.stop());

/** A call as the voice service stores it on arrival (caller's number, client), then queued through routing. */
async function inboundCall(queue: Item, caller: string): Promise<string> {
  const id = randomUUID();
  await srv.sb.database.db.insert(interactions).values({ id, clientId: queue.client_id, channel: 'voice', direction: 'inbound', customerAddress: caller, serviceAddress: '+15125550100' });
  await srv.sb.routing.enqueue({ queueId: queue.id, channel: 'voice', clientId: queue.client_id, existingId: id });
  await srv.sb.routing.flush();
  return id;
}

async function answeredBy(queue: Item, caller: string, agentId: string): Promise<string> {
  const id = await inboundCall(queue, caller);
  const acc = await admin.post(`/api/v1/interactions/${id}/accept`, { agent_id: agentId });
  assert.equal(acc.body.state, 'active', JSON.stringify(acc.body));
  return id;
}

test('the screen pop shows the ringing agent the caller\'s customer, open cases and the script with their name', async () => {
  assert.equal((await ana.post(`/api/v1/agents/${anaId}/state`, { state: 'available' })).status, 200);
  const id = await inboundCall(returns, '512-555-0134');
  const pop = await ana.get(`/api/v1/interactions/${id}/screen-pop`);
  assert.equal(pop.status, 200, JSON.stringify(pop.body));
  assert.equal(pop.body.customer.name, 'Olivia Bennett', 'the seeded customer with +15125550134, found from a national-format number');
  assert.deepEqual(pop.body.interaction.queue, { id: returns.id, name: 'Returns' });
  assert.ok(pop.body.open_cases.some((c: Item) => c.subject === 'Order NW-10442 arrived damaged'));
  assert.ok(!pop.body.open_cases.some((c: Item) => c.status === 'resolved'));
  assert.match(pop.body.script_html, /Hello Olivia Bennett, thank you for calling Northwind Retail/);
  assert.ok(pop.body.dispositions.includes('Refund'));
  assert.equal((await admin.get(`/api/v1/interactions/${id}`)).body.customer_address, '512-555-0134');

  // Another agent, not offered this call, learns nothing about it.
  const tariq = await loggedIn(srv.url, 'tariq.aziz@demo.switchboard.local', srv.adminPassword);
  assert.equal((await tariq.get(`/api/v1/interactions/${id}/screen-pop`)).status, 404);
  await admin.post(`/api/v1/interactions/${id}/abandon`);
});

test('a new number becomes a customer named by the number in that client only; the same number in another client is another customer', async () => {
  const first = await inboundCall(returns, '+15125550999');
  const pop1 = (await admin.get(`/api/v1/interactions/${first}/screen-pop`)).body;
  assert.equal(pop1.customer.name, '+15125550999');
  assert.deepEqual(pop1.customer.phones, ['+15125550999']);
  assert.deepEqual(pop1.history, []);
  await admin.post(`/api/v1/interactions/${first}/abandon`);

  const again = await inboundCall(returns, '+15125550999');
  const pop2 = (await admin.get(`/api/v1/interactions/${again}/screen-pop`)).body;
  assert.equal(pop2.customer.id, pop1.customer.id, 'the second call finds the customer the first created');
  assert.deepEqual(pop2.history.map((h: Item) => h.id), [first], 'the earlier call is in the history');
  await admin.post(`/api/v1/interactions/${again}/abandon`);

  const bank = await inboundCall(cards, '+15125550999');
  const pop3 = (await admin.get(`/api/v1/interactions/${bank}/screen-pop`)).body;
  assert.notEqual(pop3.customer.id, pop1.customer.id);
  assert.equal((await admin.get(`/api/v1/customers/${pop3.customer.id}`)).body.client_id, ALB);
  assert.equal((await admin.get(`/api/v1/customers/${pop1.customer.id}`)).body.client_id, NWR);
  await admin.post(`/api/v1/interactions/${bank}/abandon`);

  // Found by number, name and email in the customer list, only once for the retail client.
  const found = (await admin.get('/api/v1/customers?q=555-0999')).body.items as Item[];
  assert.deepEqual(found.map((c) => c.client_id).sort(), [NWR, ALB].sort());
  assert.equal((await admin.get('/api/v1/customers?q=whitcombe')).body.items[0].name, 'Eleanor Whitcombe');
  assert.equal((await admin.get('/api/v1/customers?q=020%207946%200958')).body.items[0].name, 'Eleanor Whitcombe');
});

test('wrap-up: a disposition outside the queue\'s list is refused naming the field; "resolved" closes the case and links the call', async () => {
  await ana.post(`/api/v1/agents/${anaId}/state`, { state: 'available' });
  const id = await answeredBy(returns, '+15125550134', anaId);
  const pop = (await ana.get(`/api/v1/interactions/${id}/screen-pop`)).body;
  const kase = pop.open_cases.find((c: Item) => c.subject === 'Order NW-10442 arrived damaged');

  const bad = await ana.post(`/api/v1/interactions/${id}/wrap-up`, { disposition: 'Card blocked' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.issues[0].path, 'disposition');
  assert.match(bad.body.error.message, /^disposition: .*Refund/);

  const ok = await ana.post(`/api/v1/interactions/${id}/wrap-up`, { disposition: 'refund', notes: 'Refund issued for the damaged order', resolved: true, case_id: kase.id });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.case, { id: kase.id, subject: kase.subject, status: 'resolved' });
  assert.equal((await admin.get(`/api/v1/interactions/${id}`)).body.state, 'active', 'recording the wrap-up does not end the call or the wrap-up time');

  const c = (await ana.get(`/api/v1/cases/${kase.id}`)).body;
  assert.equal(c.status, 'resolved');
  assert.ok(c.resolved_at);
  assert.deepEqual(c.linked_interactions.map((i: Item) => [i.id, i.disposition, i.notes]), [[id, 'Refund', 'Refund issued for the damaged order']]);
  const audit = (await admin.get('/api/v1/audit?limit=20')).body.items as Item[];
  assert.ok(audit.some((a) => a.action === 'interaction.wrap_up' && a.entity_id === id));

  // Not resolved, with a subject: a new open case for the same customer.
  const opened = await ana.post(`/api/v1/interactions/${id}/wrap-up`, { disposition: 'Escalated', case_subject: 'Courier to collect the damaged box' });
  assert.equal(opened.body.case.status, 'open');
  const listed = (await ana.get(`/api/v1/cases?status=open&customer_id=${pop.customer.id}`)).body.items as Item[];
  assert.ok(listed.some((x) => x.id === opened.body.case.id));
  await admin.post(`/api/v1/interactions/${id}/complete`);
  await admin.post(`/api/v1/interactions/${id}/end-wrap-up`);

  // A call nobody answered has nothing to wrap up.
  const waiting = await inboundCall(cards, '+447700900123');
  const early = await admin.post(`/api/v1/interactions/${waiting}/wrap-up`, { disposition: 'No action' });
  assert.equal(early.status, 409);
  assert.equal(early.body.error.code, 'NOT_ANSWERED');
  await admin.post(`/api/v1/interactions/${waiting}/abandon`);
});

test('two calls from a new number popping at the same moment make one customer', async () => {
  const calls = [await inboundCall(returns, '+15125550777'), await inboundCall(returns, '+15125550777')];
  const pops = await Promise.all(calls.map((id) => admin.get(`/api/v1/interactions/${id}/screen-pop`)));
  assert.equal(pops[0].body.customer.id, pops[1].body.customer.id);
  assert.equal((await admin.get('/api/v1/customers?q=5550777')).body.total, 1);
  for (const id of calls) await admin.post(`/api/v1/interactions/${id}/abandon`);
});

test('customers are created and edited with numbers normalised in the client\'s country; a bad number is named', async () => {
  const made = await ana.post('/api/v1/customers', { client_id: NWR, name: 'Hana Kato', phones: ['(512) 555-0142', '+1 512 555 0142'], emails: ['Hana.Kato@Example.com'] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.deepEqual([made.body.phones, made.body.emails], [['+15125550142'], ['hana.kato@example.com']]);
  const bad = await ana.patch(`/api/v1/customers/${made.body.id}`, { phones: ['+15125550142', 'ring me'] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.issues[0].path, 'phones.1');
  const edited = await ana.patch(`/api/v1/customers/${made.body.id}`, { custom_fields: { loyalty_tier: 'Gold' } });
  assert.deepEqual(edited.body.custom_fields, { loyalty_tier: 'Gold' });
  assert.equal((await ana.post('/api/v1/customers', { client_id: ALB, name: 'Not mine' })).status, 404, 'an agent of the retailer cannot add bank customers');
  const audit = (await admin.get('/api/v1/audit?limit=50')).body.items as Item[];
  assert.ok(audit.some((a) => a.action === 'customer.update' && a.entity_id === made.body.id));
});

test('cases change status through the API and the customer timeline shows calls and cases', async () => {
  const olivia = (await admin.get('/api/v1/customers?q=Olivia')).body.items[0];
  const created = await ana.post('/api/v1/cases', { customer_id: olivia.id, subject: 'Wrong colour delivered' });
  assert.equal(created.status, 201);
  assert.equal(created.body.client_id, NWR);
  const pending = await ana.patch(`/api/v1/cases/${created.body.id}`, { status: 'pending' });
  assert.equal(pending.body.status, 'pending');
  const bad = await ana.patch(`/api/v1/cases/${created.body.id}`, { status: 'closed' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.issues[0].path, 'status');
  const tl = (await ana.get(`/api/v1/customers/${olivia.id}/timeline`)).body.items as Item[];
  assert.ok(tl.some((e) => e.kind === 'case' && e.id === created.body.id));
  assert.ok(tl.some((e) => e.kind === 'interaction' && e.disposition === 'Escalated' && e.notes === 'Refund issued for the damaged order'), 'the last wrap-up of the call; notes kept');
  // A customer of the bank is not there for an agent of the retailer.
  const eleanor = (await admin.get('/api/v1/customers?q=Whitcombe')).body.items[0];
  assert.equal((await ana.get(`/api/v1/customers/${eleanor.id}/timeline`)).status, 404);
  assert.equal((await ana.post('/api/v1/cases', { customer_id: eleanor.id, subject: 'x' })).status, 404);
});

test('my day: answered, resolved, AHT and time in each state after a call routed through the REST API', async () => {
  const before = (await ana.get('/api/v1/agents/me/day')).body;
  assert.equal(before.time_zone, 'America/Chicago', 'Ana sits in Austin');
  await ana.post(`/api/v1/agents/${anaId}/state`, { state: 'available' });
  const created = await admin.post('/api/v1/interactions', { queue_id: returns.id, subject: 'Where is my parcel' });
  assert.equal(created.body.state, 'offered');
  const id = created.body.id;
  assert.equal((await ana.post(`/api/v1/interactions/${id}/accept`, { agent_id: anaId })).body.state, 'active');
  await new Promise((r) => setTimeout(r, 1100));
  await ana.post(`/api/v1/interactions/${id}/complete`);
  const wrap = await ana.post(`/api/v1/interactions/${id}/wrap-up`, { disposition: 'Order status', resolved: true, case_subject: 'Parcel located' });
  assert.equal(wrap.status, 400, 'a work item without a caller number has no customer to open a case for');
  assert.equal(wrap.body.error.details.issues[0].path, 'case_subject');
  assert.equal((await ana.post(`/api/v1/interactions/${id}/wrap-up`, { disposition: 'Order status' })).status, 200);
  await ana.post(`/api/v1/interactions/${id}/end-wrap-up`);
  await ana.post(`/api/v1/agents/${anaId}/state`, { state: 'aux', reason: 'break' });

  const day = (await ana.get('/api/v1/agents/me/day')).body;
  assert.equal(day.answered, before.answered + 1);
  assert.ok(day.resolved >= 1, 'the case resolved in the earlier wrap-up today counts');
  assert.ok(day.aht_s >= 1, `AHT ${day.aht_s}`);
  assert.ok(day.states.busy_s >= 1, JSON.stringify(day.states));
  const total = Object.values(day.states as Record<string, number>).reduce((a, b) => a + b, 0);
  const sinceMidnight = (Date.now() - Date.parse(day.since)) / 1000;
  assert.ok(Math.abs(total - sinceMidnight) <= 3, `states add up to the day so far: ${total} vs ${sinceMidnight}`);
  assert.ok(day.states.available_s >= 0 && day.states.offline_s > 0);

  // Staff without an agent record have no day of their own.
  const mine = await admin.get('/api/v1/agents/me/day');
  assert.equal(mine.status, 404);
  assert.equal(mine.body.error.code, 'NOT_AN_AGENT');
});
