// Outbound dialing end to end: running campaigns dial through a trunk that
// points at a baresip playing the called parties (one account per number:
// "hello?" then silence and a tone, a long voicemail greeting and a beep,
// busy, never answering); agents are baresip phones registered to us. A
// person reaches the agent (audio both ways), a person nobody takes in 2 s
// hears the compliance message, machines are hung up on, busy and unanswered
// leads are rescheduled by the campaign's rules, and a do-not-call number
// and a lead outside its calling window are never dialed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { callLegs, campaigns, interactions, leads } from '../../src/store/schema.js';
import { localTime } from '../../src/dialer/campaigns/calling-window.js';
import { Baresip, baresipMissing } from './helpers/baresip.js';
import { peerUnavailable, which } from './helpers/peers.js';
import { eventually, hears, middle, voiceRig, type VoiceRig } from './helpers/voice-rig.js';

const AGENT_HZ = 1000;
const PERSON_HZ = 700;
const CALLER_ID = '+12125550199';
const N = {
  person1: '+12125550101', machine1: '+12125550102', busy1: '+12125550103', silent1: '+12125550104', dnc: '+12125550105', outside: '+12125550106',
  person2: '+12125550111', person3: '+12125550112', machine2: '+12125550113', busy2: '+12125550114',
  person4: '+12125550121',
} as const;
const PEOPLE = [N.person1, N.person2, N.person3, N.person4];
const MACHINES = [N.machine1, N.machine2];
const BUSY = [N.busy1, N.busy2];

let rig: VoiceRig | undefined;
let called: Baresip | undefined;
let calledPort = 0;
const phones: Baresip[] = [];
const missing = baresipMissing() ?? (which('espeak-ng') === '' ? 'espeak-ng not installed' : which('sox') === '' ? 'sox not installed' : undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stoppers: Array<() => void> = [];

/** The called parties' audio, made now with espeak-ng and sox (8 kHz mono 16-bit). */
function makeAudio(dir: string): { person: string; machine: string } {
  const sox = (...args: string[]) => execFileSync('sox', args);
  execFileSync('espeak-ng', ['-w', join(dir, 'hello22.wav'), '-v', 'en-us', 'Hello?']);
  execFileSync('espeak-ng', ['-w', join(dir, 'greeting22.wav'), '-v', 'en-us', '-s', '160',
    'Hi, you have reached the voicemail of Jordan Smith. I cannot take your call right now, please leave your name and number after the tone.']);
  const fmt = ['-r', '8000', '-c', '1', '-b', '16'];
  sox(join(dir, 'hello22.wav'), ...fmt, join(dir, 'hello.wav'));
  sox(join(dir, 'greeting22.wav'), ...fmt, join(dir, 'greeting.wav'));
  sox('-n', ...fmt, join(dir, 'pause.wav'), 'trim', '0', '1.5');
  sox('-n', ...fmt, join(dir, 'tone.wav'), 'synth', '40', 'sine', String(PERSON_HZ), 'vol', '0.3');
  sox('-n', ...fmt, join(dir, 'beep.wav'), 'synth', '0.5', 'sine', '1000', 'vol', '0.5');
  sox('-n', ...fmt, join(dir, 'quiet.wav'), 'trim', '0', '30');
  const person = join(dir, 'person.wav');
  const machine = join(dir, 'machine.wav');
  sox(join(dir, 'hello.wav'), join(dir, 'pause.wav'), join(dir, 'tone.wav'), person);
  sox(join(dir, 'greeting.wav'), join(dir, 'beep.wav'), join(dir, 'quiet.wav'), machine);
  return { person, machine };
}

before(async () => {
  if (missing !== undefined) return;
  rig = await voiceRig();
  const dir = mkdtempSync(join(rig.dir, 'called-'));
  const audio = makeAudio(dir);
  const line = (n: string, p: string) => `<sip:${n}@127.0.0.1>;regint=0;${p}`;
  // One account per number (baresip picks the account by the Request-URI's user); the DNC and out-of-window numbers have none.
  const accounts = [
    ...PEOPLE.map((n) => line(n, `answermode=auto;audio_source=aufile,${audio.person}`)),
    ...MACHINES.map((n) => line(n, `answermode=auto;audio_source=aufile,${audio.machine}`)),
    ...BUSY.map((n) => line(n, 'answermode=manual')),
    line(N.silent1, 'answermode=manual'),
  ];
  called = await Baresip.start({ dir, sourceWav: audio.person, account: accounts.map((a, i) => (i < accounts.length - 1 ? `${a};audio_codecs=PCMU,PCMA` : a)).join('\n') });
  calledPort = Number(/sip_listen 127\.0\.0\.1:(\d+)/.exec(readFileSync(join(dir, 'config'), 'utf8'))?.[1]);
  // Busy numbers: the "line" rejects the call (baresip answers a rejected incoming call with 486 Busy Here).
  const seen = new Set<string>();
  const t = setInterval(() => {
    for (const e of called!.events) {
      const key = JSON.stringify(e);
      if (e.type !== 'CALL_INCOMING' || seen.has(key)) continue;
      seen.add(key);
      const busy = BUSY.find((n) => key.includes(n));
      if (busy !== undefined) {
        called!.command('uafind', `sip:${busy}@127.0.0.1`);
        called!.command('hangup');
      }
    }
  }, 100);
  stoppers.push(() => clearInterval(t));
  const trunk = await rig.api.req('POST', '/api/v1/trunks', { client_id: rig.clientId, name: 'Dialer carrier', host: '127.0.0.1', port: calledPort, transport: 'udp' });
  assert.equal(trunk.status, 201, JSON.stringify(trunk.body));
  const plan = await rig.api.req('PATCH', `/api/v1/clients/${rig.clientId}`, { dial_plan: { allowed_prefixes: ['+1212'], trunk_id: trunk.body.id } });
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
});

after(async () => {
  for (const s of stoppers) s();
  for (const p of phones) await p.stop().catch(() => undefined);
  await called?.stop();
  await rig?.close();
});

/** An agent phone that hangs up each conversation `talkMs` after it started (the agent ending the call). */
function hangUpAfter(phone: Baresip, talkMs: number): void {
  let handled = 0;
  const t = setInterval(() => {
    const established = phone.events.filter((e) => e.type === 'CALL_ESTABLISHED').length;
    if (established > handled) {
      handled = established;
      setTimeout(() => phone.command('hangup'), talkMs);
    }
  }, 100);
  stoppers.push(() => clearInterval(t));
}

async function ownSkill(name: string): Promise<string> {
  const r = await rig!.api.req('POST', '/api/v1/skills', { name: `${name}-${Date.now()}` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

/** A window open now in New York and closed in Tokyo (13–14 h apart). */
function windowAroundNewYorkNow(): { window_start: string; window_end: string } {
  const h = Math.floor(localTime('America/New_York', Date.now()).minutes / 60);
  const pad = (x: number) => `${String(x).padStart(2, '0')}:00`;
  return { window_start: pad(Math.max(0, h - 2)), window_end: pad(Math.min(24, h + 3)) };
}

async function campaign(name: string, mode: 'progressive' | 'predictive', queueId: string, rows: Array<[string, string, number]>, extra: Record<string, unknown> = {}): Promise<string> {
  const c = await rig!.api.req('POST', '/api/v1/campaigns', {
    client_id: rig!.clientId, name: `${name} ${Date.now()}`, type: 'telemarketing', mode, caller_id: CALLER_ID, queue_id: queueId, max_attempts: 3,
    retry_rules: { busy: 30, no_answer: 240, machine: 'next_day' }, ...windowAroundNewYorkNow(), ...extra,
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const csv = `phone,name,time_zone,priority\n${rows.map(([p, tz, prio]) => `${p},Lead ${p.slice(-3)},${tz},${prio}`).join('\n')}\n`;
  const imp = await rig!.api.req('POST', `/api/v1/campaigns/${c.body.id}/leads/import`, { csv });
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  assert.equal(imp.body.rejected, 0, JSON.stringify(imp.body));
  return c.body.id as string;
}

async function leadsOf(campaignId: string) {
  return rig!.server.sb.database.db.select().from(leads).where(eq(leads.campaignId, campaignId));
}

async function attemptsOf(campaignId: string) {
  return rig!.server.sb.database.db.select().from(interactions).where(eq(interactions.campaignId, campaignId));
}

/** Whether some second of `s` carries `want` clearly above `other`. */
function heardSomewhere(s: Int16Array, want: number, other: number): boolean {
  for (let from = 0; from + 1 <= s.length / 8000; from += 0.5) if (hears(middle(s, from, from + 1), want, other)) return true;
  return false;
}

/** Non-silent 20 ms frames in `s`, as seconds. */
function voicedSeconds(s: Int16Array): number {
  let frames = 0;
  for (let i = 0; i + 160 <= s.length; i += 160) {
    let e = 0;
    for (let k = i; k < i + 160; k++) e += s[k] * s[k];
    if (Math.sqrt(e / 160) > 300) frames++;
  }
  return frames * 0.02;
}

void test('a live answer nobody takes within 2 s of the greeting hears the compliance message and counts as abandoned', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || called === undefined) return;
  const skill = await ownSkill('dial-abandon');
  const queueId = await rig.queue('Dialer Abandon', { required_skills: [{ skill_id: skill, min_level: 1 }] });
  const agent = await rig.agent('2203', { skills: [{ skill_id: skill, level: 5 }] });
  // The agent's phone rings but nobody picks it up.
  const d = mkdtempSync(join(rig.dir, 'agent-manual-'));
  const phone = await Baresip.start({ dir: d, sourceWav: join(called.dir, 'person.wav'),
    account: `<sip:2203@127.0.0.1:${rig.sipPort};transport=udp>;auth_pass=${agent.password};regint=120;answermode=manual` });
  phones.push(phone);
  assert.ok(await eventually(async () => rig!.server.sb.voice?.phones.isRegistered('2203'), (x) => x === true, 10_000), 'agent phone registered');
  const dumpsBefore = called.receivedWavs().length;
  const id = await campaign('Abandon', 'progressive', queueId, [[N.person4, 'America/New_York', 5]]);
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/start`)).status, 200);
  const [a] = await eventually(() => attemptsOf(id), (r) => r.length === 1 && r[0].attributes.dial_result !== undefined, 40_000);
  assert.equal(a.attributes.dial_result, 'abandoned', JSON.stringify(a.attributes));
  assert.equal(a.direction, 'outbound');
  assert.equal(a.channel, 'voice');
  assert.equal(a.outcome, 'abandoned');
  assert.ok((a.attributes.message_started_ms_after_deadline as number) < 500, `message started ${String(a.attributes.message_started_ms_after_deadline)} ms after the deadline`);
  assert.ok(phone.count('CALL_INCOMING') >= 1, 'the agent\'s phone was rung');
  const legs = await rig.server.sb.database.db.select().from(callLegs).where(eq(callLegs.interactionId, a.id));
  const customer = legs.find((l) => l.role === 'customer');
  assert.ok(customer?.answeredAt && customer.trunkId !== null, JSON.stringify(legs));
  // The called person heard the message: seconds of speech after "hello?".
  await eventually(async () => called!.receivedWavs().length, (n) => n > dumpsBefore, 5000);
  await sleep(500);
  const heard = (await readWavFile(called.receivedWavs().at(-1)!)).samples;
  const voiced = voicedSeconds(heard);
  assert.ok(voiced >= 3, `the called party heard ${voiced.toFixed(1)} s of message`);
  const [lead] = await leadsOf(id);
  assert.equal(lead.lastDisposition, 'abandoned');
  const stats = await rig.api.req('GET', `/api/v1/campaigns/${id}/stats`);
  assert.equal(stats.status, 200, JSON.stringify(stats.body));
  assert.equal(stats.body.abandoned_30d, 1);
  assert.equal(stats.body.live_answers_30d, 1);
  assert.equal(stats.body.abandonment_30d, 1);
  assert.equal(stats.body.leads_remaining, 0);
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/stop`)).status, 200);
  await phone.stop();
});

void test('progressive: the person reaches the agent (audio both ways), the machine is hung up on, busy and no answer are rescheduled; DNC and out-of-window leads are never dialed', { timeout: 150_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || called === undefined) return;
  const skill = await ownSkill('dial-progressive');
  const queueId = await rig.queue('Dialer Progressive', { required_skills: [{ skill_id: skill, min_level: 1 }], wrap_up_s: 1 });
  const agent = await rig.agent('2201', { skills: [{ skill_id: skill, level: 5 }] });
  const phone = await rig.agentPhone('2201', agent.password, AGENT_HZ);
  hangUpAfter(phone, 4000);
  const dnc = await rig.api.req('POST', '/api/v1/dnc', { client_id: rig.clientId, phone: N.dnc });
  assert.equal(dnc.status, 201, JSON.stringify(dnc.body));
  const events: Array<{ type: string; client_id?: string; data: Record<string, unknown> }> = [];
  stoppers.push(rig.server.sb.bus.subscribe((e) => {
    if (e.type === 'campaign.stats') events.push(e);
  }));
  const dumpsBefore = called.receivedWavs().length;
  const ny = 'America/New_York';
  const id = await campaign('Progressive', 'progressive', queueId, [
    [N.person1, ny, 9], [N.machine1, ny, 8], [N.busy1, ny, 7], [N.silent1, ny, 6], [N.dnc, ny, 10], [N.outside, 'Asia/Tokyo', 10],
  ]);
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/start`)).status, 200);
  const four = [N.person1, N.machine1, N.busy1, N.silent1];
  const done = await eventually(() => leadsOf(id), (ls) => four.every((p) => ls.find((l) => l.phone === p)?.lastDisposition != null), 90_000);
  const by = new Map(done.map((l) => [l.phone, l]));
  assert.equal(by.get(N.person1)?.lastDisposition, 'connected', JSON.stringify(done));
  assert.equal(by.get(N.machine1)?.lastDisposition, 'machine');
  assert.equal(by.get(N.busy1)?.lastDisposition, 'busy');
  assert.equal(by.get(N.silent1)?.lastDisposition, 'no_answer');
  // Retries by the campaign's rules: busy 30 min, no answer 4 h, machine the next day's window.
  const retryIn = (p: string) => (by.get(p)!.nextAttemptAt!.getTime() - by.get(p)!.lastAttemptAt!.getTime()) / 60_000;
  assert.equal(by.get(N.busy1)?.status, 'retry');
  assert.equal(retryIn(N.busy1), 30);
  assert.equal(retryIn(N.silent1), 240);
  assert.ok(retryIn(N.machine1) > 60, `machine retried ${retryIn(N.machine1)} min later`);
  assert.equal(by.get(N.person1)?.attempts, 1);
  // Never dialed: no attempt, and the called side never saw an INVITE for them.
  assert.equal(by.get(N.dnc)?.attempts, 0);
  assert.equal(by.get(N.outside)?.attempts, 0);
  const attempts = await attemptsOf(id);
  assert.ok(!attempts.some((a) => a.customerAddress === N.dnc || a.customerAddress === N.outside), 'no attempt for the DNC or out-of-window lead');
  assert.ok(!called.log.includes(N.dnc.slice(1)) && !called.log.includes(N.outside.slice(1)), 'no INVITE reached the called side for them');
  // Each attempt is an outbound voice interaction with a customer CDR leg; the busy one kept its SIP status.
  const db = rig.server.sb.database.db;
  const busyAttempt = attempts.find((a) => a.customerAddress === N.busy1)!;
  const [busyLeg] = await db.select().from(callLegs).where(and(eq(callLegs.interactionId, busyAttempt.id), eq(callLegs.role, 'customer')));
  assert.equal(busyLeg.sipStatus, 486);
  const silentLeg = (await db.select().from(callLegs).where(eq(callLegs.interactionId, attempts.find((a) => a.customerAddress === N.silent1)!.id)))[0];
  assert.ok(silentLeg.endedAt!.getTime() - silentLeg.startedAt.getTime() >= 15_000, 'an unanswered call rang at least 15 s');
  // The connected call: the agent heard the person's tone and the person the agent's.
  const connectedAttempt = attempts.find((a) => a.customerAddress === N.person1)!;
  assert.equal(connectedAttempt.agentId, agent.id, 'routed to the campaign queue\'s agent');
  assert.ok((connectedAttempt.attributes.connected_ms_after_deadline as number) < 0, `connected ${String(connectedAttempt.attributes.connected_ms_after_deadline)} ms after the deadline`);
  const agentHeard = (await readWavFile(phone.receivedWavs()[0])).samples;
  assert.ok(heardSomewhere(agentHeard, PERSON_HZ, AGENT_HZ), 'the agent heard the called person');
  const personDump = called.receivedWavs()[dumpsBefore];
  const personHeard = (await readWavFile(personDump)).samples;
  assert.ok(personHeard.length > 8000, 'the person\'s side recorded the call');
  assert.ok(heardSomewhere(personHeard, AGENT_HZ, PERSON_HZ), 'the called person heard the agent');
  // The agent's disposition replaces 'connected' without counting a second attempt.
  const disp = await rig.api.req('POST', `/api/v1/campaigns/${id}/leads/${by.get(N.person1)!.id}/disposition`, { disposition: 'sale' });
  assert.equal(disp.status, 200, JSON.stringify(disp.body));
  assert.equal(disp.body.status, 'done');
  assert.equal(disp.body.attempts, 1);
  // Figures: the API and the bus.
  const stats = await rig.api.req('GET', `/api/v1/campaigns/${id}/stats`);
  assert.equal(stats.status, 200);
  assert.equal(stats.body.live_answers_30d, 1);
  assert.equal(stats.body.abandonment_30d, 0);
  assert.equal(stats.body.leads_remaining, 5, 'busy, no answer and machine retries plus the two never dialed');
  assert.equal(stats.body.dispositions.sale, 1);
  assert.equal(stats.body.policy, 'progressive');
  await eventually(async () => events.filter((e) => e.data.id === id).length, (n) => n > 0, 8000);
  const ev = events.find((e) => e.data.id === id)!;
  assert.equal(ev.client_id, rig.clientId);
  assert.equal(typeof ev.data.dial_level, 'number');
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/stop`)).status, 200);
});

void test('predictive: every lead is dialed once, people reach the agent or hear the message, and the figures add up', { timeout: 150_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || called === undefined) return;
  const skill = await ownSkill('dial-predictive');
  const queueId = await rig.queue('Dialer Predictive', { required_skills: [{ skill_id: skill, min_level: 1 }], wrap_up_s: 1 });
  const agent = await rig.agent('2202', { skills: [{ skill_id: skill, level: 5 }] });
  const phone = await rig.agentPhone('2202', agent.password, AGENT_HZ);
  hangUpAfter(phone, 2000);
  const ny = 'America/New_York';
  const numbers = [N.person2, N.person3, N.machine2, N.busy2];
  const id = await campaign('Predictive', 'predictive', queueId, numbers.map((p) => [p, ny, 5]),
    { machine_action: 'message', machine_message: 'This is Northwind calling about your order. Please call us back.' });
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/start`)).status, 200);
  const done = await eventually(() => leadsOf(id), (ls) => ls.every((l) => l.lastDisposition !== null), 90_000);
  const by = new Map(done.map((l) => [l.phone, l]));
  // This campaign leaves a message on machines: after the beep, then the lead is done.
  assert.equal(by.get(N.machine2)?.lastDisposition, 'machine_message');
  assert.equal(by.get(N.machine2)?.status, 'done');
  assert.equal(by.get(N.busy2)?.lastDisposition, 'busy');
  const people = [by.get(N.person2)!, by.get(N.person3)!];
  assert.ok(people.every((l) => l.lastDisposition === 'connected' || l.lastDisposition === 'abandoned'), JSON.stringify(people));
  const connected = people.filter((l) => l.lastDisposition === 'connected').length;
  assert.ok(connected >= 1, 'at least one person reached the agent');
  assert.ok(phone.count('CALL_ESTABLISHED') >= connected, 'each connect was answered on the agent\'s phone');
  assert.ok(done.every((l) => l.attempts === 1), 'one attempt per lead');
  const attempts = await attemptsOf(id);
  assert.equal(attempts.length, 4);
  const stats = await rig.api.req('GET', `/api/v1/campaigns/${id}/stats`);
  assert.equal(stats.body.policy, 'switchboard');
  assert.equal(stats.body.live_answers_30d, 2);
  assert.equal(stats.body.abandoned_30d, 2 - connected);
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/stop`)).status, 200);

  // A restart cuts an attempt off: the sweep closes it and reschedules the lead by the no-answer rule.
  const sb = rig.server.sb;
  const [c] = await sb.database.db.select().from(campaigns).where(eq(campaigns.id, id));
  const lead = by.get(N.busy2)!;
  const cut = await sb.dialer!.records.createAttempt(c, lead);
  assert.equal(await sb.dialer!.records.recover(), 1);
  const [closed] = await sb.database.db.select().from(interactions).where(eq(interactions.id, cut));
  assert.equal(closed.attributes.dial_result, 'interrupted');
  assert.equal(closed.state, 'failed');
  const [after] = await sb.database.db.select().from(leads).where(eq(leads.id, lead.id));
  assert.equal(after.lastDisposition, 'interrupted');
  assert.equal(after.attempts, 2);
  assert.equal(after.status, 'retry');
});

void test('preview: the agent presses dial, their phone rings first, then the lead; they talk; the agent dispositions the lead', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || called === undefined) return;
  const skill = await ownSkill('dial-preview');
  const queueId = await rig.queue('Dialer Preview', { required_skills: [{ skill_id: skill, min_level: 1 }] });
  const agent = await rig.agent('2204', { skills: [{ skill_id: skill, level: 5 }] });
  const phone = await rig.agentPhone('2204', agent.password, AGENT_HZ);
  hangUpAfter(phone, 5000);
  const c = await rig.api.req('POST', '/api/v1/campaigns', {
    client_id: rig.clientId, name: `Preview ${Date.now()}`, type: 'survey', mode: 'preview', caller_id: CALLER_ID, queue_id: queueId, ...windowAroundNewYorkNow(),
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const id = c.body.id as string;
  const imp = await rig.api.req('POST', `/api/v1/campaigns/${id}/leads/import`, { csv: `phone,time_zone\n${N.person3},America/New_York\n${N.dnc},America/New_York\n` });
  assert.equal(imp.body.imported, 2, JSON.stringify(imp.body));
  const ls = await leadsOf(id);
  const lead = ls.find((l) => l.phone === N.person3)!;
  const blocked = ls.find((l) => l.phone === N.dnc)!;
  const notYet = await rig.api.req('POST', `/api/v1/campaigns/${id}/leads/${lead.id}/dial`, { agent_id: agent.id });
  assert.equal(notYet.status, 409, 'a campaign not started dials nobody');
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/start`)).status, 200);
  // The runner leaves preview campaigns alone: nothing is dialed until the agent asks.
  await sleep(2500);
  assert.equal((await attemptsOf(id)).length, 0);
  const refused = await rig.api.req('POST', `/api/v1/campaigns/${id}/leads/${blocked.id}/dial`, { agent_id: agent.id });
  assert.equal(refused.status, 409, JSON.stringify(refused.body));
  assert.equal(refused.body.error.details.reason, 'dnc');
  const dial = await rig.api.req('POST', `/api/v1/campaigns/${id}/leads/${lead.id}/dial`, { agent_id: agent.id });
  assert.equal(dial.status, 202, JSON.stringify(dial.body));
  assert.ok(await phone.waitFor('CALL_ESTABLISHED', 15_000), 'the agent\'s phone rang first and answered');
  const [a] = await eventually(() => attemptsOf(id), (r) => r.length === 1 && r[0].attributes.dial_result === 'connected' && r[0].endedAt !== null, 30_000);
  assert.equal(a.agentId, agent.id);
  const legs = await rig.server.sb.database.db.select().from(callLegs).where(eq(callLegs.interactionId, a.id));
  const agentLeg = legs.find((l) => l.role === 'agent')!;
  const customerLeg = legs.find((l) => l.role === 'customer')!;
  assert.ok(agentLeg.answeredAt! <= customerLeg.startedAt, 'the agent was on the line before the lead was dialed');
  assert.ok(customerLeg.answeredAt !== null);
  const agentHeard = (await readWavFile(phone.receivedWavs().at(-1)!)).samples;
  assert.ok(heardSomewhere(agentHeard, PERSON_HZ, AGENT_HZ), 'the agent heard the lead');
  const disp = await rig.api.req('POST', `/api/v1/campaigns/${id}/leads/${lead.id}/disposition`, { disposition: 'survey_completed' });
  assert.equal(disp.body.status, 'done');
  assert.equal(disp.body.attempts, 1);
  const st = await eventually(() => rig!.api.req('GET', `/api/v1/agents/${agent.id}/state`), (r) => r.body.state === 'available', 5000);
  assert.equal(st.body.state, 'available', 'the agent is available again after the preview call');
  assert.equal((await rig.api.req('POST', `/api/v1/campaigns/${id}/stop`)).status, 200);
});
