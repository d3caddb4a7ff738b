// A crash in the middle of calls: Switchboard runs as its own process (the
// CLI, on the machine's PostgreSQL), one caller talks to an agent (recorded),
// one waits in a queue nobody serves, one has asked for a callback. The
// process is killed with SIGKILL and started again. Nothing stored before
// the crash is missing; the calls that were live are closed with the right
// end state; the recording is repaired and playable; the callback is still
// waiting for an agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sineTone } from '../../src/media/tone/tone-generator.js';
import { channel, readWavFile } from '../../src/media/wav/wav-reader.js';
import { encodeWav } from '../../src/media/wav/wav-writer.js';
import { startCli, type Running } from '../helpers/cli.js';
import { scratchDatabase } from '../helpers/scratch-db.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';
import { Baresip, baresipMissing } from './helpers/baresip.js';
import { freePort, peerUnavailable } from './helpers/peers.js';
import { eventually, hears, middle } from './helpers/voice-rig.js';

const PASSWORD = 'recovery-admin-password';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  id: string; state: string; outcome: string | null; service_address: string; queued_at: Date | null; answered_at: Date | null;
  ended_at: Date | null; wrap_up_ended_at: Date | null; agent_id: string | null; attributes: Record<string, unknown>;
}

void test('kill -9 during calls: after the restart nothing stored is missing and every live call is closed with its end state', { timeout: 180_000 }, async (t) => {
  if (peerUnavailable(t, baresipMissing())) return;
  const scratch = await scratchDatabase(t, 'sb_recovery');
  if (scratch === undefined) return;
  const dir = mkdtempSync(join(tmpdir(), 'sb-recovery-'));
  const phones: Baresip[] = [];
  let sb: Running | undefined;
  const db = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: scratch.name });
  try {
    const sipPort = await freePort();
    const rtpBase = 24000 + 2 * Math.floor(Math.random() * 2000);
    const env = {
      DATABASE_URL: scratch.url, DATA_DIR: join(dir, 'data'), PORT: String(await freePort()), HOST: '127.0.0.1',
      SIP_PORT: String(sipPort), SIP_HOST: '127.0.0.1', RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 199),
      SWITCHBOARD_ADMIN_PASSWORD: PASSWORD, SIMULATE_DEMO_TRAFFIC: 'false',
    };
    sb = await startCli(env);
    const api = await loggedIn(sb.url, 'admin@switchboard.local', PASSWORD);
    await db.connect();
    const clientId = ((await api.get('/api/v1/clients?limit=100')).body.items as Array<{ id: string; code: string }>).find((c) => c.code === 'NWR')!.id;
    const made = async (c: ApiClient, path: string, body: unknown) => {
      const r = await c.req('POST', path, body);
      assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };
    const served = await made(api, '/api/v1/skills', { name: 'recovery-served' });
    const unserved = await made(api, '/api/v1/skills', { name: 'recovery-unserved' });
    await made(api, '/api/v1/queues', { client_id: clientId, name: 'R Talk', channel: 'voice', required_skills: [{ skill_id: served, min_level: 1 }], recording: 'always', ring_timeout_s: 8 });
    await made(api, '/api/v1/queues', { client_id: clientId, name: 'R Wait', channel: 'voice', required_skills: [{ skill_id: unserved, min_level: 1 }] });
    const number = async (e164: string, steps: unknown[]) => {
      const flow = await made(api, '/api/v1/flows', { client_id: clientId, name: `R ${e164}`, definition: { name: `R ${e164}`, steps } });
      await made(api, '/api/v1/numbers', { client_id: clientId, e164, flow_id: flow });
    };
    await number('+15125550181', [{ id: 'start', answer: {} }, { id: 'q', enqueue: { queue: 'R Talk' } }]);
    await number('+15125550182', [{ id: 'start', answer: {} }, { id: 'q', enqueue: { queue: 'R Wait', callback: { key: '1', branch: 'bye' } } }, { id: 'bye', hangup: {} }]);
    const agentId = await made(api, '/api/v1/agents', { name: 'Agent 2981', extension: '2981', client_ids: [clientId], skills: [{ skill_id: served, level: 5 }], sip_password: 'pw-2981-secret' });

    const phone = async (label: string, hz: number, account?: string) => {
      const d = mkdtempSync(join(dir, `${label}-`));
      const wav = join(d, 'mic.wav');
      writeFileSync(wav, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, sineTone(hz, -12, 60_000)));
      const p = await Baresip.start({ dir: d, sourceWav: wav, ...(account !== undefined ? { account } : {}) });
      phones.push(p);
      return p;
    };
    const agentPhone = await phone('agent', 1400, `<sip:2981@127.0.0.1:${sipPort};transport=udp>;auth_pass=pw-2981-secret;regint=120;answermode=auto`);
    await eventually(() => api.get(`/api/v1/agents/${agentId}/state`), (r) => r.body.state === 'available', 10_000);

    const talker = await phone('talker', 600, '<sip:+15125557101@127.0.0.1>;regint=0');
    talker.command('dial', `sip:+15125550181@127.0.0.1:${sipPort}`);
    assert.ok(await agentPhone.waitFor('CALL_ESTABLISHED', 15_000), 'the agent answered');
    const waiter = await phone('waiter', 700, '<sip:+15125557102@127.0.0.1>;regint=0');
    waiter.command('dial', `sip:+15125550182@127.0.0.1:${sipPort}`);
    assert.ok(await waiter.waitFor('CALL_ESTABLISHED', 10_000), 'the waiting caller was answered by the flow');
    const asker = await phone('asker', 800, '<sip:+15125557103@127.0.0.1>;regint=0');
    asker.command('dial', `sip:+15125550182@127.0.0.1:${sipPort}`);
    assert.ok(await asker.waitFor('CALL_ESTABLISHED', 10_000));
    await sleep(1200);
    asker.command('sndcode', '1');
    assert.ok(await asker.waitFor('CALL_CLOSED', 10_000), 'the callback was taken and the flow hung up');
    await sleep(3000); // the conversation goes on, recorded

    const rows = async () => (await db.query<Row>('select * from interactions where service_address in ($1, $2) order by created_at', ['+15125550181', '+15125550182'])).rows;
    const before = await eventually(rows, (r) => r.length === 3 && r.some((x) => x.attributes.callback_number !== undefined));
    const talk = before.find((r) => r.service_address === '+15125550181')!;
    const wait = before.find((r) => r.service_address === '+15125550182' && r.attributes.callback_number === undefined)!;
    const cb = before.find((r) => r.attributes.callback_number !== undefined)!;
    assert.ok(talk.answered_at !== null && talk.ended_at === null, 'the conversation is live and stored as answered');
    assert.ok(wait.queued_at !== null && wait.ended_at === null, 'the waiting caller is stored as queued');
    const legsBefore = (await db.query<{ id: string }>('select id from call_legs')).rows.length;

    sb.child.kill('SIGKILL');
    await sb.exited;
    sb = await startCli(env);

    const after = await rows();
    assert.equal(after.length, 3, 'every interaction stored before the crash is still there');
    const get = (id: string) => after.find((r) => r.id === id)!;
    const talkAfter = get(talk.id);
    assert.equal(talkAfter.state, 'done');
    assert.equal(talkAfter.agent_id, agentId);
    assert.equal(talkAfter.outcome, talk.outcome ?? 'answered');
    assert.equal(talkAfter.answered_at?.getTime(), talk.answered_at?.getTime(), 'timestamps from before the crash are kept');
    assert.equal(talkAfter.queued_at?.getTime(), talk.queued_at?.getTime());
    assert.ok(talkAfter.ended_at !== null && talkAfter.wrap_up_ended_at !== null, 'the conversation is closed');
    assert.equal(talkAfter.attributes.end_reason, 'system_restart');
    const waitAfter = get(wait.id);
    assert.equal(waitAfter.state, 'failed', 'the caller cut off by the crash did not abandon: it failed');
    assert.ok(waitAfter.ended_at !== null && waitAfter.answered_at === null);
    assert.equal(waitAfter.attributes.end_reason, 'system_restart');
    const cbAfter = get(cb.id);
    assert.ok(cbAfter.ended_at === null && cbAfter.answered_at === null, 'the callback still waits for an agent');

    const legs = (await db.query<{ ended_at: Date | null; end_reason: string | null }>('select ended_at, end_reason from call_legs')).rows;
    assert.equal(legs.length, legsBefore, 'no call record lost');
    assert.ok(legs.every((l) => l.ended_at !== null), 'every leg is closed');
    assert.ok(legs.some((l) => l.end_reason === 'system_restart'));

    const recs = (await db.query<{ state: string; path: string; duration_ms: number | null }>('select state, path, duration_ms from recordings where interaction_id = $1', [talk.id])).rows;
    assert.equal(recs.length, 1);
    assert.equal(recs[0].state, 'complete', 'the recording cut by the crash is repaired');
    assert.ok((recs[0].duration_ms ?? 0) >= 2000, `it keeps what was said (${recs[0].duration_ms} ms)`);
    const wav = await readWavFile(join(env.DATA_DIR, recs[0].path));
    assert.equal(wav.channels, 2);
    assert.ok(hears(middle(channel(wav, 0), 0.5, 2), 600, 1400), 'the repaired recording plays the caller');

    // The callback is queued again in the new process: visible in the queue's figures.
    const api2 = await loggedIn(sb.url, 'admin@switchboard.local', PASSWORD);
    const queues = (await api2.get('/api/v1/queues?limit=100')).body.items as Array<{ id: string; name: string }>;
    const waitQueue = queues.find((q) => q.name === 'R Wait')!;
    const stats = await api2.get(`/api/v1/queues/${waitQueue.id}/stats`);
    assert.equal(stats.body.waiting, 1, 'the pending callback waits in the queue again');
  } finally {
    for (const p of phones) await p.stop().catch(() => undefined);
    if (sb !== undefined && sb.child.exitCode === null) {
      sb.child.kill('SIGTERM');
      await sb.exited;
    }
    await db.end().catch(() => undefined);
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
