// Many callers at once: 50 SIPp callers (40 on the ordinary number, 10 on
// the priority number) into one queue served by 5 agents' baresip phones.
// Each caller stays on the line 4 to 14 s, then hangs up. Every caller must
// end up answered or abandoned, none lost; callers of the same priority are
// offered in the order they arrived; no ordinary caller is offered while a
// priority caller who arrived earlier is still waiting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { interactions } from '../../src/store/schema.js';
import { baresipMissing } from './helpers/baresip.js';
import { freePort, peerUnavailable, until, which } from './helpers/peers.js';
import { runSipp } from './helpers/sipp.js';
import { eventually, voiceRig, type VoiceRig } from './helpers/voice-rig.js';

let rig: VoiceRig | undefined;
const missing = baresipMissing() ?? (which('sipp') ? undefined : 'sipp (Debian sip-tester) is not installed');

before(async () => {
  if (missing === undefined) rig = await voiceRig();
});
after(async () => {
  await rig?.close();
});

/** A caller: INVITE with an audio offer, stays 4-14 s after the IVR answers, hangs up. */
const CALLER_XML = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="queue caller">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "Caller [call_number]" <sip:+1737555[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: sip:+1737555[call_number]@[local_ip]:[local_port]
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "Caller [call_number]" <sip:+1737555[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: sip:+1737555[call_number]@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0

]]></send>
  <pause distribution="uniform" min="4000" max="14000"/>
  <send retrans="500"><![CDATA[
BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "Caller [call_number]" <sip:+1737555[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: sip:+1737555[call_number]@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" crlf="true"/>
</scenario>
`;

type Row = typeof interactions.$inferSelect;
const ms = (d: Date | null) => d?.getTime() ?? Number.NaN;

void test('50 callers into 5 agents: every caller answered or abandoned, none lost, order kept within priority', { timeout: 180_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined) return;
  const skill = await rig.api.req('POST', '/api/v1/skills', { name: `load-${Date.now()}` });
  const queueId = await rig.queue('E2E Load', { required_skills: [{ skill_id: skill.body.id, min_level: 1 }], wrap_up_s: 1, ring_timeout_s: 10 });
  const normal = await rig.flow('E2E load line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Load', priority: 10 } }]);
  const vip = await rig.flow('E2E load priority line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'E2E Load', priority: 50 } }]);
  await rig.number('+15125550171', normal);
  await rig.number('+15125550172', vip);
  const agentIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const a = await rig.agent(`297${i}`, { skills: [{ skill_id: skill.body.id, level: 5 }] });
    agentIds.push(a.id);
    await rig.agentPhone(`297${i}`, a.password, 1000 + 100 * i);
  }
  const scenario = join(rig.dir, 'caller.xml');
  writeFileSync(scenario, CALLER_XML);
  const sipp = async (service: string, calls: number, rate: number) => runSipp([
    `127.0.0.1:${rig!.sipPort}`, '-sf', scenario, '-s', service, '-i', '127.0.0.1', '-p', String(await freePort()),
    '-mp', String(32000 + 2 * Math.floor(Math.random() * 1000)), '-m', String(calls), '-l', String(calls), '-r', String(rate), '-timeout', '120s', '-timeout_error',
  ], rig!.dir);
  const [ordinary, priority] = await Promise.all([sipp('+15125550171', 40, 8), sipp('+15125550172', 10, 2)]);
  assert.equal(ordinary.code, 0, `ordinary callers all completed:\n${ordinary.out.slice(-2500)}`);
  assert.equal(priority.code, 0, `priority callers all completed:\n${priority.out.slice(-2500)}`);

  const db = rig.server.sb.database.db;
  const rows = await eventually(() => db.select().from(interactions).where(inArray(interactions.serviceAddress, ['+15125550171', '+15125550172'])),
    (r) => r.length === 50 && r.every((x) => x.endedAt !== null && (x.outcome !== 'answered' || x.wrapUpEndedAt !== null)), 20_000);
  assert.equal(rows.length, 50, 'one interaction per caller');
  const outcomes: Record<string, number> = {};
  for (const r of rows) outcomes[r.outcome ?? 'none'] = (outcomes[r.outcome ?? 'none'] ?? 0) + 1;
  assert.deepEqual(Object.keys(outcomes).filter((o) => o !== 'answered' && o !== 'abandoned'), [], `only answered or abandoned: ${JSON.stringify(outcomes)}`);
  t.diagnostic(`outcomes: ${JSON.stringify(outcomes)}`);
  assert.ok((outcomes.answered ?? 0) >= 10, `agents answered a fair share: ${JSON.stringify(outcomes)}`);
  for (const r of rows) {
    assert.equal(r.queueId, queueId);
    if (r.outcome === 'answered') assert.ok(r.agentId !== null && agentIds.includes(r.agentId) && r.answeredAt !== null, `answered ${r.id} by one of the agents`);
    else assert.ok(r.answeredAt === null, `abandoned ${r.id} was never answered`);
  }

  // First come, first offered, within each priority.
  for (const p of [10, 50]) {
    const offered = rows.filter((r) => r.priority === p && r.offeredAt !== null).sort((a, b) => ms(a.queuedAt) - ms(b.queuedAt));
    for (let i = 1; i < offered.length; i++) {
      assert.ok(ms(offered[i].offeredAt) >= ms(offered[i - 1].offeredAt),
        `priority ${p}: caller queued at ${offered[i].queuedAt?.toISOString()} was offered before one queued earlier (${offered[i - 1].queuedAt?.toISOString()})`);
    }
  }
  // Nobody ordinary jumps a priority caller who was already waiting.
  const waitingUntil = (r: Row) => (r.offeredAt !== null ? ms(r.offeredAt) : ms(r.endedAt));
  const vips = rows.filter((r) => r.priority === 50);
  for (const n of rows.filter((r) => r.priority === 10 && r.offeredAt !== null)) {
    const jumped = vips.find((v) => ms(v.queuedAt) < ms(n.offeredAt) && waitingUntil(v) > ms(n.offeredAt));
    assert.equal(jumped, undefined, `an ordinary caller was offered at ${n.offeredAt?.toISOString()} while a priority caller queued at ${jumped?.queuedAt?.toISOString()} waited`);
  }
  const stats = await rig.api.req('GET', `/api/v1/queues/${queueId}/stats`);
  assert.equal(stats.body.waiting, 0);
  assert.equal(stats.body.answered, outcomes.answered ?? 0);
  assert.equal(stats.body.abandoned, outcomes.abandoned ?? 0);
  assert.equal(rig.server.sb.voice?.liveCalls().length, 0, 'nothing left live');
  // Hang-ups finish with BYE transactions: on a loaded machine the last ones take a few seconds.
  assert.ok(await until(() => rig!.server.sb.telephony?.rtpPortsInUse === 0, 15_000), `every RTP port released (${rig.server.sb.telephony?.rtpPortsInUse} still in use)`);
});
