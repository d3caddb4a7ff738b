// Inbound voice end to end with real SIP phones (baresip): a customer calls
// a client's number, picks 2 in the IVR, waits in the queue, an agent's
// registered phone rings and answers by itself, both hear each other's tone,
// the customer hangs up; the interaction, the CDR legs, the recording and the
// queue figures say so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { channel, readWavFile } from '../../src/media/wav/wav-reader.js';
import { callLegs, interactions, recordings } from '../../src/store/schema.js';
import { baresipMissing } from './helpers/baresip.js';
import { peerUnavailable, until } from './helpers/peers.js';
import { eventually, hears, middle, voiceRig, type VoiceRig } from './helpers/voice-rig.js';

const CALLER_HZ = 600;
const AGENT_HZ = 1400;

let rig: VoiceRig | undefined;
const missing = baresipMissing();

before(async () => {
  if (missing === undefined) rig = await voiceRig();
});
after(async () => {
  await rig?.close();
});

async function callRow(number: string, done: (r: typeof interactions.$inferSelect) => boolean) {
  const db = rig!.server.sb.database.db;
  return eventually(() => db.select().from(interactions).where(eq(interactions.serviceAddress, number)), (r) => r.length > 0 && r.every(done), 15_000);
}

void test('a customer calls the number, presses 2, waits, the agent\'s phone answers; audio both ways, recorded, stored, counted', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  {
    const queueId = await rig.queue('E2E Support', { recording: 'always' });
    const other = await rig.queue('E2E Sales');
    const flowId = await rig.flow('E2E main line', [
      { id: 'start', answer: {} },
      { id: 'menu', menu: { options: { '1': 'sales', '2': 'support' }, timeout_s: 8, retries: 1 } },
      { id: 'sales', enqueue: { queue: 'E2E Sales' }, next: 'bye' },
      { id: 'support', enqueue: { queue: 'E2E Support' } },
      { id: 'bye', hangup: {} },
    ]);
    await rig.number('+15125550142', flowId);
    assert.ok(other);
    const agent = await rig.agent('2901');
    const agentPhone = await rig.agentPhone('2901', agent.password, AGENT_HZ);
    // No desktop: the phone's registration logged the agent in, available.
    const st = await eventually(() => rig!.api.req('GET', `/api/v1/agents/${agent.id}/state`), (r) => r.body.state === 'available', 3000);
    assert.equal(st.body.state, 'available', 'registering the phone logged the agent in');

    const caller = await rig.callerPhone(CALLER_HZ);
    caller.command('dial', `sip:+15125550142@127.0.0.1:${rig.sipPort}`);
    assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), `IVR answered:\n${caller.log.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 800));
    caller.command('sndcode', '2');
    assert.ok(await agentPhone.waitFor('CALL_ESTABLISHED', 15_000), `agent phone answered:\n${agentPhone.log.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 3000));
    caller.command('hangup');
    assert.ok(await caller.waitFor('CALL_CLOSED', 5000), 'caller hung up');
    assert.ok(await agentPhone.waitFor('CALL_CLOSED', 5000), 'the agent\'s phone was hung up when the caller left');

    // The interaction: one row, consistent timestamps, queue, agent, IVR path and digits.
    const db = rig.server.sb.database.db;
    const [row] = await eventually(() => db.select().from(interactions).where(eq(interactions.serviceAddress, '+15125550142')),
      (rows) => rows.length === 1 && rows[0].endedAt !== null && rows[0].wrapUpEndedAt !== null, 10_000);
    assert.ok(row, 'interaction stored');
    assert.equal(row.queueId, queueId);
    assert.equal(row.agentId, agent.id);
    assert.equal(row.outcome, 'answered');
    assert.equal(row.state, 'done');
    const ts = [row.createdAt, row.queuedAt, row.offeredAt, row.answeredAt, row.endedAt, row.wrapUpEndedAt].map((d) => d?.getTime() ?? NaN);
    assert.ok(ts.every((x, i) => Number.isFinite(x) && (i === 0 || x >= ts[i - 1])), `timestamps in order: ${ts.join(', ')}`);
    assert.ok(ts[4] - ts[3] >= 2500, 'talk time covers the conversation');
    assert.equal(row.attributes.digits, '2');
    const path = (row.attributes.path as Array<{ id?: string }>).map((p) => p.id);
    assert.deepEqual(path.slice(0, 3), ['start', 'menu', 'support']);

    // CDRs: the caller's leg and the agent's leg, both answered and closed.
    const legs = await db.select().from(callLegs).where(eq(callLegs.interactionId, row.id));
    assert.deepEqual(legs.map((l) => l.role).sort(), ['agent', 'caller']);
    for (const l of legs) {
      assert.ok(l.answeredAt !== null && l.endedAt !== null, `${l.role} leg answered and ended`);
      assert.ok((l.rtpReceived ?? 0) > 50, `${l.role} leg carried RTP`);
    }
    assert.equal(legs.find((l) => l.role === 'caller')?.endReason, 'caller_hangup');

    // Each side heard the other's tone (what baresip decoded).
    const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    const agentHeard = (await readWavFile(agentPhone.receivedWavs().at(-1)!)).samples;
    const agentAudio = middle(agentHeard, 0.5, 2.5);
    assert.ok(hears(agentAudio, CALLER_HZ, AGENT_HZ), 'the agent heard the caller\'s 600 Hz');
    // The caller's capture starts at the IVR: the agent's tone is in its last seconds.
    const callerAudio = middle(callerHeard, Math.max(0, callerHeard.length / 8000 - 2.5), callerHeard.length / 8000 - 0.5);
    assert.ok(hears(callerAudio, AGENT_HZ, CALLER_HZ), 'the caller heard the agent\'s 1400 Hz');

    // The recording: stereo, caller left, agent right.
    const [rec] = await eventually(() => db.select().from(recordings).where(eq(recordings.interactionId, row.id)), (r) => r.length === 1 && r[0].state === 'complete');
    assert.ok(rec, 'recording row complete');
    const wav = await readWavFile(join(rig.server.dataDir, rec.path));
    assert.equal(wav.channels, 2);
    assert.ok(wav.frames / 8000 >= 2.5, `recording long enough (${wav.frames / 8000} s)`);
    const left = middle(channel(wav, 0), 0.5, 2.5);
    const right = middle(channel(wav, 1), 0.5, 2.5);
    assert.ok(hears(left, CALLER_HZ, AGENT_HZ), 'left channel is the caller');
    assert.ok(hears(right, AGENT_HZ, CALLER_HZ), 'right channel is the agent');

    // Queue figures: one offered, one answered.
    const stats = await rig.api.req('GET', `/api/v1/queues/${queueId}/stats`);
    assert.equal(stats.body.answered, 1);
    assert.equal(stats.body.abandoned, 0);
    assert.ok(await until(() => rig!.server.sb.telephony?.rtpPortsInUse === 0, 3000), 'every RTP port released');
  }
});

void test('a caller who hangs up while waiting is counted abandoned, with the time waited, and nothing rings afterwards', { timeout: 60_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await rig.api.req('POST', '/api/v1/skills', { name: `nobody-has-this-${Date.now()}` });
  const queueId = await rig.queue('E2E Nobody', { required_skills: [{ skill_id: skill.body.id, min_level: 1 }] });
  const flowId = await rig.flow('E2E straight to queue', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Nobody' } }]);
  await rig.number('+15125550143', flowId);
  const caller = await rig.callerPhone(CALLER_HZ);
  caller.command('dial', `sip:+15125550143@127.0.0.1:${rig.sipPort}`);
  assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), 'answered by the flow');
  await new Promise((r) => setTimeout(r, 2000));
  caller.command('hangup');
  const [row] = await callRow('+15125550143', (r) => r.endedAt !== null);
  assert.equal(row.outcome, 'abandoned');
  assert.equal(row.state, 'abandoned');
  assert.equal(row.queueId, queueId);
  assert.ok(row.answeredAt === null && row.agentId === null);
  const waited = row.endedAt!.getTime() - row.queuedAt!.getTime();
  assert.ok(waited >= 1500 && waited < 6000, `waited ${waited} ms`);
  const stats = await rig.api.req('GET', `/api/v1/queues/${queueId}/stats`);
  assert.equal(stats.body.abandoned, 1);
  assert.equal(stats.body.waiting, 0);
  assert.equal(rig.server.sb.voice?.liveCalls().length, 0, 'nothing left waiting');
});

void test('an agent blind-transfers a live call to a second agent through the API: the caller ends up talking to the second agent', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await rig.api.req('POST', '/api/v1/skills', { name: `transfer-${Date.now()}` });
  await rig.queue('E2E Transfer', { required_skills: [{ skill_id: skill.body.id, min_level: 1 }] });
  const flowId = await rig.flow('E2E transfer line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Transfer' } }]);
  await rig.number('+15125550144', flowId);
  const first = await rig.agent('2911', { skills: [{ skill_id: skill.body.id, level: 5 }] });
  const second = await rig.agent('2912');
  const firstPhone = await rig.agentPhone('2911', first.password, AGENT_HZ);
  const caller = await rig.callerPhone(CALLER_HZ);
  caller.command('dial', `sip:+15125550144@127.0.0.1:${rig.sipPort}`);
  assert.ok(await firstPhone.waitFor('CALL_ESTABLISHED', 15_000), 'first agent answered');
  const secondPhone = await rig.agentPhone('2912', second.password, 1800);
  const [row] = await callRow('+15125550144', (r) => r.answeredAt !== null);

  const hold = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/hold`);
  assert.equal(hold.status, 200, JSON.stringify(hold.body));
  const unhold = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/unhold`);
  assert.equal(unhold.status, 200, JSON.stringify(unhold.body));
  const bad = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/transfer`, { to: { kind: 'number', number: 'abc' } });
  assert.equal(bad.status, 400, 'a bad number is refused, naming the field');

  const tr = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/transfer`, { to: { kind: 'agent', agent_id: second.id }, mode: 'blind' });
  assert.equal(tr.status, 200, JSON.stringify(tr.body));
  assert.equal(tr.body.ok, true, JSON.stringify(tr.body));
  assert.ok(await firstPhone.waitFor('CALL_CLOSED', 5000), 'the first agent was released');
  assert.ok(await secondPhone.waitFor('CALL_ESTABLISHED', 5000), 'the second agent answered');
  const busy = await rig.api.req('GET', `/api/v1/agents/${second.id}/state`);
  assert.equal(busy.body.state, 'busy', 'routing knows the second agent is on the call');
  await new Promise((r) => setTimeout(r, 2500));
  caller.command('hangup');
  assert.ok(await secondPhone.waitFor('CALL_CLOSED', 5000), 'the second agent was hung up when the caller left');

  const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
  const end = callerHeard.length / 8000;
  assert.ok(hears(middle(callerHeard, end - 2, end - 0.4), 1800, AGENT_HZ), 'after the transfer the caller hears the second agent');
  const db = rig.server.sb.database.db;
  const done = (await callRow('+15125550144', (r) => r.wrapUpEndedAt !== null || r.outcome === 'transferred')).find((r) => r.id === row.id)!;
  assert.equal(done.outcome, 'transferred');
  assert.equal(done.agentId, first.id);
  const legs = await eventually(() => db.select().from(callLegs).where(eq(callLegs.interactionId, row.id)), (l) => l.every((x) => x.endedAt !== null), 5000);
  assert.deepEqual(legs.map((l) => l.role).sort(), ['agent', 'caller']);
  // The second agent took the call through routing: a linked interaction, answered by them, who were busy meanwhile.
  const [cont] = await eventually(() => db.select().from(interactions).where(eq(interactions.parentId, row.id)), (r) => r.length === 1 && r[0].wrapUpEndedAt !== null);
  assert.equal(cont.agentId, second.id);
  assert.equal(cont.outcome, 'answered');
  const contLegs = await db.select().from(callLegs).where(eq(callLegs.interactionId, cont.id));
  assert.deepEqual(contLegs.map((l) => [l.role, l.agentId]), [['agent', second.id]]);
});
