// The IVR's other roads, end to end with real SIP software: after hours the
// caller leaves a voicemail that is routed to an agent's phone like a call;
// a client's webhook that does not answer in time falls back; a caller who
// presses 1 for a callback hangs up and is called back through the client's
// trunk (a SIPp UAS) once an agent has answered; a warm transfer to a second
// agent; a supervisor listening and whispering from a SIP phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { goertzelPower } from '../../src/media/tone/tone-generator.js';
import { channel, readWavFile } from '../../src/media/wav/wav-reader.js';
import { callLegs, interactions, recordings } from '../../src/store/schema.js';
import { baresipMissing } from './helpers/baresip.js';
import { freePort, peerUnavailable, until, which } from './helpers/peers.js';
import { sippPath } from './helpers/sipp.js';
import { eventually, hears, middle, voiceRig, type VoiceRig } from './helpers/voice-rig.js';

const CALLER_HZ = 600;
const AGENT_HZ = 1400;
const SECOND_HZ = 1800;
const SUPERVISOR_HZ = 2200;

let rig: VoiceRig | undefined;
const missing = baresipMissing() ?? (which('sipp') ? undefined : 'sipp (Debian sip-tester) is not installed');

before(async () => {
  if (missing === undefined) rig = await voiceRig();
});
after(async () => {
  await rig?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A skill of this test's own, so agents of other tests are never offered its calls. */
async function ownSkill(name: string): Promise<string> {
  const r = await rig!.api.req('POST', '/api/v1/skills', { name: `${name}-${Date.now()}` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

async function rowsFor(number: string, ok: (rows: Array<typeof interactions.$inferSelect>) => boolean, maxMs = 15_000) {
  const db = rig!.server.sb.database.db;
  return eventually(() => db.select().from(interactions).where(eq(interactions.serviceAddress, number)), ok, maxMs);
}

async function setState(agentId: string, state: 'available' | 'aux'): Promise<void> {
  const r = await rig!.api.req('POST', `/api/v1/agents/${agentId}/state`, state === 'aux' ? { state, reason: 'Break' } : { state });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // Available may be offered something at once: reserved (ringing) is available too.
  assert.ok(r.body.state === state || (state === 'available' && r.body.state === 'reserved'), JSON.stringify(r.body));
}

const pathIds = (row: typeof interactions.$inferSelect) => ((row.attributes.path ?? []) as Array<{ id?: string; outcome?: string }>);

void test('after hours the caller leaves a voicemail; it is routed to an agent, whose phone plays the message', { timeout: 120_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await ownSkill('vm');
  const queueId = await rig.queue('E2E Voicemail', { required_skills: [{ skill_id: skill, min_level: 1 }] });
  // A schedule of the flow's own that is never open: the closed branch always runs.
  const flowId = await rig.flow('E2E after hours', [
    { id: 'start', answer: {} },
    { id: 'hours', hours: { time_zone: 'America/Chicago', weekly: {}, open: 'queue', closed: 'closed' } },
    { id: 'queue', enqueue: { queue: 'E2E Voicemail' } },
    { id: 'closed', voicemail: { max_s: 20, queue: 'E2E Voicemail' }, next: 'bye' },
    { id: 'bye', hangup: {} },
  ]);
  await rig.number('+15125550151', flowId);
  // The agent's phone registers now (its events must not race the offer), and the agent takes a break.
  const agent = await rig.agent('2951', { skills: [{ skill_id: skill, level: 5 }] });
  const phone = await rig.agentPhone('2951', agent.password, AGENT_HZ);
  await setState(agent.id, 'aux');
  const caller = await rig.callerPhone(CALLER_HZ, '+15125557001');
  caller.command('dial', `sip:+15125550151@127.0.0.1:${rig.sipPort}`);
  assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), `answered:\n${caller.log.slice(-1500)}`);
  await sleep(4000); // the beep, then 3.5 s of the caller's tone
  caller.command('hangup');
  assert.ok(await caller.waitFor('CALL_CLOSED', 5000));

  const db = rig.server.sb.database.db;
  const [call] = await rowsFor('+15125550151', (r) => r.length >= 1 && r.some((x) => x.attributes.voicemail_interaction_id !== undefined && x.endedAt !== null));
  const original = (await rowsFor('+15125550151', (r) => r.some((x) => x.attributes.voicemail_interaction_id !== undefined))).find((x) => x.attributes.voicemail_interaction_id !== undefined) ?? call;
  assert.deepEqual(pathIds(original).map((p) => p.id).slice(0, 3), ['start', 'hours', 'closed'], 'the closed branch was taken');
  assert.equal(pathIds(original)[1].outcome, 'closed');
  const vmId = original.attributes.voicemail_interaction_id as string;
  const [rec] = await eventually(() => db.select().from(recordings).where(eq(recordings.interactionId, vmId)), (r) => r.length === 1 && r[0].state === 'complete');
  assert.ok(rec, 'the voicemail recording is stored with its interaction');
  assert.equal(rec.kind, 'voicemail');
  const message = (await readWavFile(join(rig.server.dataDir, rec.path))).samples;
  assert.ok(message.length / 8000 >= 2.5, `message long enough (${message.length / 8000} s)`);
  assert.ok(hears(middle(message, 0.5, 2.5), CALLER_HZ, AGENT_HZ), 'the message holds the caller\'s voice');

  // The voicemail waits in the queue like a call; an agent who comes on is offered it and hears it.
  const [vmRow] = await eventually(() => db.select().from(interactions).where(eq(interactions.id, vmId)), (r) => r.length === 1 && r[0].queuedAt !== null);
  assert.equal(vmRow.queueId, queueId);
  assert.equal(vmRow.answeredAt, null, 'nobody has it yet');
  await setState(agent.id, 'available');
  assert.ok(await phone.waitFor('CALL_ESTABLISHED', 15_000), `the agent's phone rang with the voicemail:\n${phone.log.slice(-1500)}`);
  await sleep(4500);
  phone.command('hangup');
  assert.ok(await phone.waitFor('CALL_CLOSED', 5000));
  const heard = (await readWavFile(phone.receivedWavs().at(-1)!)).samples;
  assert.ok(hears(middle(heard, 0.8, 3), CALLER_HZ, AGENT_HZ), 'the agent heard the caller\'s message');
  const [done] = await eventually(() => db.select().from(interactions).where(eq(interactions.id, vmId)), (r) => r[0]?.endedAt !== null);
  assert.equal(done.agentId, agent.id);
  assert.equal(done.outcome, 'answered');
  assert.ok(done.answeredAt !== null && done.answeredAt >= done.queuedAt!);
});

void test('a webhook that does not answer in time falls back: the caller still reaches an agent, and the path says why', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  let asked = 0;
  // The client's system: accepts the request and never answers.
  const slow: Server = createServer(() => { asked++; });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/route`;
    const skill = await ownSkill('webhook');
    const queueId = await rig.queue('E2E Webhook fallback', { required_skills: [{ skill_id: skill, min_level: 1 }] });
    await rig.queue('E2E Webhook VIP', { required_skills: [{ skill_id: skill, min_level: 9 }] });
    const flowId = await rig.flow('E2E webhook', [
      { id: 'start', answer: {} },
      { id: 'ask', webhook: { url, timeout_s: 1, routes: ['vip'], fallback: 'normal' } },
      { id: 'vip', enqueue: { queue: 'E2E Webhook VIP' } },
      { id: 'normal', enqueue: { queue: 'E2E Webhook fallback' } },
    ]);
    await rig.number('+15125550152', flowId);
    const agent = await rig.agent('2952', { skills: [{ skill_id: skill, level: 5 }] });
    const phone = await rig.agentPhone('2952', agent.password, AGENT_HZ);
    const caller = await rig.callerPhone(CALLER_HZ);
    const dialled = Date.now();
    caller.command('dial', `sip:+15125550152@127.0.0.1:${rig.sipPort}`);
    assert.ok(await phone.waitFor('CALL_ESTABLISHED', 15_000), `the agent answered:\n${phone.log.slice(-1500)}`);
    const waited = Date.now() - dialled;
    assert.ok(waited < 8000, `the flow did not hang on the webhook (${waited} ms to the agent)`);
    await sleep(1500);
    caller.command('hangup');
    const [row] = await rowsFor('+15125550152', (r) => r.length === 1 && r[0].endedAt !== null);
    assert.equal(asked, 1, 'the client\'s system was asked once');
    assert.equal(row.queueId, queueId, 'the fallback queue, not the route the webhook could have picked');
    assert.equal(row.outcome, 'answered');
    const path = pathIds(row);
    assert.deepEqual(path.map((p) => p.id).slice(0, 3), ['start', 'ask', 'normal']);
    assert.match(path[1].outcome ?? '', /timeout/);
  } finally {
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
  }
});

/** SIPp as the customer's phone behind the carrier: answers one call and echoes its audio. */
function sippCustomer(port: number, mediaPort: number): { done: Promise<{ code: number | null; out: string }>; kill(): void } {
  const p = spawn(sippPath(), ['-nostdin', '-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-mp', String(mediaPort), '-rtp_echo', '-m', '1', '-timeout', '80s', '-timeout_error'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { done: new Promise((resolve) => p.on('close', (code) => resolve({ code, out }))), kill: () => p.kill('SIGKILL') };
}

void test('callback: the caller presses 1 and hangs up; an agent comes on, is called first, then the customer through the trunk; they are bridged', { timeout: 120_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const sippPort = await freePort();
  const customer = sippCustomer(sippPort, 30000 + 2 * Math.floor(Math.random() * 2000));
  try {
    const trunk = await rig.api.req('POST', '/api/v1/trunks', { client_id: rig.clientId, name: 'E2E carrier', host: '127.0.0.1', port: sippPort, transport: 'udp' });
    assert.equal(trunk.status, 201, JSON.stringify(trunk.body));
    const plan = await rig.api.req('PATCH', `/api/v1/clients/${rig.clientId}`, { dial_plan: { allowed_prefixes: ['+1512'], trunk_id: trunk.body.id } });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    const skill = await ownSkill('callback');
    const queueId = await rig.queue('E2E Callback', { required_skills: [{ skill_id: skill, min_level: 1 }] });
    const flowId = await rig.flow('E2E callback line', [
      { id: 'start', answer: {} },
      { id: 'wait', enqueue: { queue: 'E2E Callback', callback: { key: '1', branch: 'confirmed' } } },
      { id: 'confirmed', hangup: {} },
    ]);
    await rig.number('+15125550153', flowId);
    const agent = await rig.agent('2953', { skills: [{ skill_id: skill, level: 5 }] });
    const phone = await rig.agentPhone('2953', agent.password, AGENT_HZ);
    await setState(agent.id, 'aux');

    const caller = await rig.callerPhone(CALLER_HZ, '+15125557003');
    caller.command('dial', `sip:+15125550153@127.0.0.1:${rig.sipPort}`);
    assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), 'answered');
    await sleep(1500);
    caller.command('sndcode', '1');
    assert.ok(await caller.waitFor('CALL_CLOSED', 10_000), 'the flow thanked and hung up after the callback request');
    const [queued] = await rowsFor('+15125550153', (r) => r.length === 1 && r[0].attributes.callback_number !== undefined);
    assert.equal(queued.attributes.callback_number, '+15125557003');
    assert.equal(queued.answeredAt, null, 'still waiting for an agent');
    assert.equal(rig.server.sb.routing.queueStats(queueId).waiting, 1, 'the callback kept its place in the queue');

    await setState(agent.id, 'available');
    assert.ok(await phone.waitFor('CALL_ESTABLISHED', 15_000), `the agent was called first:\n${phone.log.slice(-1500)}`);
    const db = rig.server.sb.database.db;
    const legs = await eventually(() => db.select().from(callLegs).where(eq(callLegs.interactionId, queued.id)),
      (l) => l.some((x) => x.role === 'customer' && x.answeredAt !== null), 15_000);
    const agentLeg = legs.find((l) => l.role === 'agent');
    const customerLeg = legs.find((l) => l.role === 'customer');
    assert.ok(agentLeg?.answeredAt && customerLeg?.answeredAt, `both legs answered: ${JSON.stringify(legs.map((l) => [l.role, l.endReason]))}`);
    assert.ok(customerLeg.startedAt >= agentLeg.answeredAt, 'the customer was dialled once the agent had answered');
    assert.equal(customerLeg.trunkId, trunk.body.id, 'through the client\'s trunk');
    assert.equal(customerLeg.toUri.includes('+15125557003'), true, `the customer's number was dialled (${customerLeg.toUri})`);
    await sleep(3000);
    phone.command('hangup');
    assert.ok(await phone.waitFor('CALL_CLOSED', 5000));
    const sipp = await customer.done;
    assert.equal(sipp.code, 0, `the customer's call completed (answered, then hung up by us):\n${sipp.out.slice(-2000)}`);
    // The customer's phone echoes what it hears: the agent hears their own tone back through the bridge.
    const heard = (await readWavFile(phone.receivedWavs().at(-1)!)).samples;
    const end = heard.length / 8000;
    assert.ok(hears(middle(heard, end - 2.5, end - 0.5), AGENT_HZ, CALLER_HZ), 'audio went to the customer and back');
    const [row] = await eventually(() => db.select().from(interactions).where(eq(interactions.id, queued.id)), (r) => r[0]?.endedAt !== null);
    assert.equal(row.agentId, agent.id);
    assert.equal(row.outcome, 'answered');
  } finally {
    customer.kill();
  }
});

void test('warm transfer to a second agent, and a supervisor who listens then whispers from a SIP phone', { timeout: 150_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await ownSkill('warm');
  await rig.queue('E2E Warm', { required_skills: [{ skill_id: skill, min_level: 1 }] });
  const flowId = await rig.flow('E2E warm line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Warm' } }]);
  await rig.number('+15125550154', flowId);
  const first = await rig.agent('2961', { skills: [{ skill_id: skill, level: 5 }] });
  const second = await rig.agent('2962', { skills: [] });
  // A supervisor's desk phone: an extension of its own, with no skills (never offered calls).
  const sup = await rig.agent('2969', { skills: [] });
  const firstPhone = await rig.agentPhone('2961', first.password, AGENT_HZ);
  const secondPhone = await rig.agentPhone('2962', second.password, SECOND_HZ);
  const supPhone = await rig.agentPhone('2969', sup.password, SUPERVISOR_HZ);

  const liveBefore = new Set(rig.server.sb.voice?.liveCalls().map((c) => c.interactionId));
  const caller = await rig.callerPhone(CALLER_HZ);
  caller.command('dial', `sip:+15125550154@127.0.0.1:${rig.sipPort}`);
  assert.ok(await firstPhone.waitFor('CALL_ESTABLISHED', 15_000), 'first agent answered');
  const [row] = await rowsFor('+15125550154', (r) => r.length === 1 && r[0].answeredAt !== null);

  const answeredAt = Date.now();
  // The supervisor listens: hears both sides, and nobody hears the supervisor.
  const listen = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor`, { extension: '2969', mode: 'listen' });
  assert.equal(listen.status, 200, JSON.stringify(listen.body));
  assert.equal(listen.body.ok, true, JSON.stringify(listen.body));
  assert.ok(await supPhone.waitFor('CALL_ESTABLISHED', 10_000), 'the supervisor\'s phone answered');
  await sleep(2500);
  // Whisper: the agent hears the supervisor, the caller does not.
  const whisper = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor`, { extension: '2969', mode: 'whisper' });
  assert.equal(whisper.body.ok, true, JSON.stringify(whisper.body));
  const whisperFrom = (Date.now() - answeredAt) / 1000;
  await sleep(2500);
  const whisperTo = (Date.now() - answeredAt) / 1000;
  const stop = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor/stop`);
  assert.equal(stop.status, 200, JSON.stringify(stop.body));
  assert.ok(await supPhone.waitFor('CALL_CLOSED', 5000), 'the supervisor\'s phone was hung up');
  const supHeard = (await readWavFile(supPhone.receivedWavs().at(-1)!)).samples;
  const s = middle(supHeard, 0.5, 2.3);
  assert.ok(hears(s, CALLER_HZ, SUPERVISOR_HZ) && hears(s, AGENT_HZ, SUPERVISOR_HZ), 'listening, the supervisor hears caller and agent');

  // Warm transfer: the caller waits with music while the first agent talks to the second, then they are joined.
  const tr = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/transfer`, { to: { kind: 'agent', agent_id: second.id }, mode: 'warm' });
  assert.equal(tr.status, 200, JSON.stringify(tr.body));
  assert.equal(tr.body.ok, true, JSON.stringify(tr.body));
  assert.ok(await secondPhone.waitFor('CALL_ESTABLISHED', 10_000), 'the second agent answered the consultation');
  // Consulting, the second agent is busy in routing: nothing else is offered to them meanwhile.
  assert.equal((await rig.api.req('GET', `/api/v1/agents/${second.id}/state`)).body.state, 'busy', 'the consulted agent is busy during the consultation');
  await sleep(2500);
  const complete = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/transfer/complete`);
  assert.equal(complete.status, 200, JSON.stringify(complete.body));
  assert.ok(await firstPhone.waitFor('CALL_CLOSED', 5000), 'the first agent left');
  const busy = await eventually(() => rig!.api.req('GET', `/api/v1/agents/${second.id}/state`), (r) => r.body.state === 'busy', 3000);
  assert.equal(busy.body.state, 'busy', 'routing knows the second agent has the call');
  await sleep(2500);
  caller.command('hangup');
  assert.ok(await secondPhone.waitFor('CALL_CLOSED', 5000), 'the second agent was hung up when the caller left');

  const agentHeard = (await readWavFile(firstPhone.receivedWavs().at(-1)!)).samples;
  const w = middle(agentHeard, whisperFrom + 0.5, whisperTo - 0.3);
  assert.ok(hears(w, SUPERVISOR_HZ, SECOND_HZ), 'whispering, the agent hears the supervisor');
  assert.ok(hears(w, CALLER_HZ, SECOND_HZ), '…and still the caller');
  const secondHeard = (await readWavFile(secondPhone.receivedWavs().at(-1)!)).samples;
  assert.ok(hears(middle(secondHeard, 0.5, 2.2), AGENT_HZ, CALLER_HZ), 'consulting: the second agent hears the first, not the caller');
  const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
  const cEnd = callerHeard.length / 8000;
  assert.ok(hears(middle(callerHeard, cEnd - 2, cEnd - 0.4), SECOND_HZ, AGENT_HZ), 'after the transfer the caller talks with the second agent');
  assert.ok(!hears(callerHeard, SUPERVISOR_HZ, CALLER_HZ), 'the caller never heard the supervisor');
  const done = (await rowsFor('+15125550154', (r) => r.find((x) => x.id === row.id)?.endedAt != null)).find((x) => x.id === row.id)!;
  assert.equal(done.outcome, 'transferred');
  const db = rig.server.sb.database.db;
  const legs = await eventually(() => db.select().from(callLegs).where(eq(callLegs.interactionId, row.id)), (l) => l.every((x) => x.endedAt !== null), 5000);
  assert.deepEqual(legs.map((l) => l.role).sort(), ['agent', 'caller', 'supervisor', 'transfer']);
  const [cont] = await eventually(() => db.select().from(interactions).where(eq(interactions.parentId, row.id)), (r) => r.length === 1 && r[0].endedAt !== null);
  assert.equal(cont.agentId, second.id, 'the second agent\'s part is their own routed interaction');
  assert.equal(cont.outcome, 'answered');
  assert.ok(await until(() => rig!.server.sb.voice?.liveCalls().every((c) => liveBefore.has(c.interactionId)) === true, 5000),
    `nothing of this call left live: ${JSON.stringify(rig.server.sb.voice?.liveCalls())}`);
});

void test('an agent who lets the phone ring out goes to aux "missed"; the caller keeps their place and the next agent answers', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await ownSkill('ringout');
  const queueId = await rig.queue('E2E Ring out', { required_skills: [{ skill_id: skill, min_level: 1 }], ring_timeout_s: 5 });
  const flowId = await rig.flow('E2E ring-out line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Ring out' } }]);
  await rig.number('+15125550155', flowId);
  // The only available agent does not pick up; the other is on a break until then.
  const away = await rig.agent('2956', { skills: [{ skill_id: skill, level: 9 }] });
  const awayPhone = await rig.agentPhone('2956', away.password, AGENT_HZ, false);
  const next = await rig.agent('2957', { skills: [{ skill_id: skill, level: 2 }] });
  const nextPhone = await rig.agentPhone('2957', next.password, SECOND_HZ);
  await setState(next.id, 'aux');
  const caller = await rig.callerPhone(CALLER_HZ);
  caller.command('dial', `sip:+15125550155@127.0.0.1:${rig.sipPort}`);
  assert.ok(await awayPhone.waitFor('CALL_INCOMING', 10_000), 'the first agent\'s phone rang');
  assert.ok(await awayPhone.waitFor('CALL_CLOSED', 10_000), 'and stopped ringing at the ring timeout');
  const st = await eventually(() => rig!.api.req('GET', `/api/v1/agents/${away.id}/state`), (r) => r.body.state === 'aux', 3000);
  assert.equal(st.body.state, 'aux');
  assert.equal(st.body.aux_reason, 'missed');
  assert.equal(rig.server.sb.routing.queueStats(queueId).waiting, 1, 'the caller is still waiting, in their place');
  await setState(next.id, 'available');
  assert.ok(await nextPhone.waitFor('CALL_ESTABLISHED', 10_000), 'the next agent answered');
  await sleep(1000);
  caller.command('hangup');
  const [row] = await rowsFor('+15125550155', (r) => r.length === 1 && r[0].endedAt !== null);
  assert.equal(row.agentId, next.id);
  assert.equal(row.outcome, 'answered');
  assert.ok(row.offers >= 2, `offered twice (${row.offers})`);
});

void test('recording paused while the caller reads a card number is silent there; after the agent hangs up the caller rates the call 4 in the survey', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await ownSkill('survey');
  await rig.queue('E2E Survey', { required_skills: [{ skill_id: skill, min_level: 1 }], recording: 'always' });
  const flowId = await rig.flow('E2E survey line', [
    { id: 'start', answer: {} },
    { id: 'wait', enqueue: { queue: 'E2E Survey' } },
    { id: 'rate', survey: { say: 'Rate us from 1 to 5.', into: 'csat', timeout_s: 8, retries: 0 } },
    { id: 'bye', hangup: {} },
  ]);
  await rig.number('+15125550156', flowId);
  const agent = await rig.agent('2958', { skills: [{ skill_id: skill, level: 5 }] });
  const phone = await rig.agentPhone('2958', agent.password, AGENT_HZ);
  const caller = await rig.callerPhone(CALLER_HZ);
  caller.command('dial', `sip:+15125550156@127.0.0.1:${rig.sipPort}`);
  assert.ok(await phone.waitFor('CALL_ESTABLISHED', 15_000), 'the agent answered');
  const [row] = await rowsFor('+15125550156', (r) => r.length === 1 && r[0].answeredAt !== null);
  await sleep(2000);
  const pausedAt = Date.now();
  const paused = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/recording/pause`);
  assert.equal(paused.status, 200, JSON.stringify(paused.body));
  await sleep(2000);
  const resumedAt = Date.now();
  const resumed = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/recording/resume`);
  assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
  await sleep(2000);
  phone.command('hangup');
  assert.ok(await phone.waitFor('CALL_CLOSED', 5000));
  await sleep(2500); // the survey question
  caller.command('sndcode', '4');
  assert.ok(await caller.waitFor('CALL_CLOSED', 10_000), 'the flow thanked and hung up');

  const [done] = await rowsFor('+15125550156', (r) => r[0]?.endedAt !== null && r[0].csat !== null);
  assert.equal(done.csat, 4, 'the rating is stored with the interaction');
  const db = rig.server.sb.database.db;
  const [rec] = await eventually(() => db.select().from(recordings).where(eq(recordings.interactionId, row.id)), (r) => r.length === 1 && r[0].state === 'complete');
  const wav = await readWavFile(join(rig.server.dataDir, rec.path));
  const agentSide = channel(wav, 1);
  const loud = (a: number, b: number) => goertzelPower(middle(agentSide, a, b), AGENT_HZ);
  assert.ok(wav.frames / 8000 >= 5, `the recording covers the call (${wav.frames / 8000} s)`);
  // Where the pause falls in the file (it starts with the bridge); silence keeps the file time-aligned.
  const p0 = (pausedAt - rec.startedAt.getTime()) / 1000;
  const p1 = (resumedAt - rec.startedAt.getTime()) / 1000;
  const before = loud(0.5, p0 - 0.3);
  assert.ok(before > 0, 'the conversation before the pause is recorded');
  assert.ok(loud(p0 + 0.4, p1 - 0.2) < before / 1000, 'nothing of the paused part is in the recording');
  assert.ok(loud(p1 + 0.4, p1 + 1.4) > before / 10, 'recording again after resume');
  assert.ok(rec.pausedMs >= 1500 && rec.pausedMs < 3500, `paused time stored (${rec.pausedMs} ms)`);
});
