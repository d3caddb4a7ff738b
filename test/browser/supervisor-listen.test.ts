// A supervisor listens to a live call from the browser: a baresip caller
// (600 Hz) talks to an agent's baresip phone (1400 Hz); Chromium (its
// microphone a 2200 Hz tone) sends its WebRTC offer through
// POST /interactions/:id/call/monitor/browser. Listening, the page hears the
// conversation and nobody hears the supervisor; whispering, the agent hears
// the supervisor and the caller still does not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { callLegs, interactions } from '../../src/store/schema.js';
import { baresipMissing } from '../interop/helpers/baresip.js';
import { peerUnavailable } from '../interop/helpers/peers.js';
import { eventually, hears, middle, voiceRig, type VoiceRig } from '../interop/helpers/voice-rig.js';
import { chromiumMissing } from './chromium.js';
import { openPhonePage, phone, type PhonePage } from './fixtures/webrtc-phone-page.js';

const CALLER_HZ = 600;
const AGENT_HZ = 1400;
const SUPERVISOR_HZ = 2200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let rig: VoiceRig | undefined;
let browser: PhonePage | undefined;
const missing = chromiumMissing() ?? baresipMissing();

before(async () => {
  if (missing !== undefined) return;
  rig = await voiceRig();
  browser = await openPhonePage(SUPERVISOR_HZ);
});
after(async () => {
  await browser?.close();
  await rig?.close();
});

void test('a supervisor listens from the browser (hears the call), then whispers (only the agent hears them)', { timeout: 120_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || browser === undefined) return;
  const skill = await rig.api.req('POST', '/api/v1/skills', { name: `listen-${Date.now()}` });
  await rig.queue('E2E Listen', { required_skills: [{ skill_id: skill.body.id, min_level: 1 }] });
  const flowId = await rig.flow('E2E listen line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Listen' } }]);
  await rig.number('+15125550191', flowId);
  const agent = await rig.agent('2991', { skills: [{ skill_id: skill.body.id, level: 5 }] });
  const agentPhone = await rig.agentPhone('2991', agent.password, AGENT_HZ);
  const caller = await rig.callerPhone(CALLER_HZ);
  caller.command('dial', `sip:+15125550191@127.0.0.1:${rig.sipPort}`);
  assert.ok(await agentPhone.waitFor('CALL_ESTABLISHED', 15_000), 'the agent answered');
  const answeredAt = Date.now();
  const db = rig.server.sb.database.db;
  const [row] = await eventually(() => db.select().from(interactions).where(eq(interactions.serviceAddress, '+15125550191')), (r) => r.length === 1 && r[0].answeredAt !== null);

  const bad = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor/browser`, { sdp: 'hello', mode: 'listen' });
  assert.equal(bad.status, 400, 'a malformed offer is refused, naming the field');
  assert.match(JSON.stringify(bad.body), /sdp/);

  const offer = await phone(browser.page, 'offer', 'sup');
  const r = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor/browser`, { sdp: offer, mode: 'listen' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.ok, true, JSON.stringify(r.body));
  await phone(browser.page, 'accept', 'sup', r.body.sdp as string);
  await phone(browser.page, 'connected', 'sup', 10_000);
  const ear = await phone(browser.page, 'hear', 'sup', 1500);
  assert.ok([CALLER_HZ, AGENT_HZ].some((hz) => Math.abs(ear.hz - hz) < 60), `the supervisor's page hears the call (loudest ${ear.hz} Hz, ${ear.peakDb} dB)`);

  const whisper = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor/browser`, { sdp: offer, mode: 'whisper' });
  assert.equal(whisper.body.ok, true, 'a second request changes the mode');
  const whisperFrom = (Date.now() - answeredAt) / 1000;
  await sleep(2500);
  const whisperTo = (Date.now() - answeredAt) / 1000;
  const stop = await rig.api.req('POST', `/api/v1/interactions/${row.id}/call/monitor/stop`);
  assert.equal(stop.status, 200, JSON.stringify(stop.body));
  await eventually(async () => phone(browser!.page, 'state', 'sup'), (s) => s !== 'connected', 5000);
  await sleep(1000);
  caller.command('hangup');
  assert.ok(await agentPhone.waitFor('CALL_CLOSED', 5000));

  const agentHeard = (await readWavFile(agentPhone.receivedWavs().at(-1)!)).samples;
  const w = middle(agentHeard, whisperFrom + 0.6, whisperTo - 0.2);
  assert.ok(hears(w, SUPERVISOR_HZ, 1800), 'whispering, the agent hears the supervisor');
  const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
  assert.ok(!hears(callerHeard, SUPERVISOR_HZ, CALLER_HZ), 'the caller never heard the supervisor');
  const legs = await eventually(() => db.select().from(callLegs).where(eq(callLegs.interactionId, row.id)), (l) => l.every((x) => x.endedAt !== null), 5000);
  assert.deepEqual(legs.map((l) => l.role).sort(), ['agent', 'caller', 'supervisor'], 'the supervisor\'s browser leg is in the call record');
});
