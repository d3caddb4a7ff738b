/**
 * The inbound-voice admin API on a real server: trunks, numbers, flows,
 * business hours, prompts, recordings and call legs, the new fields of
 * clients / queues / agents, and the demo workspace's voice seed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';
import { validateFlow } from '../../src/calls/flows/index.js';
import { goertzelPower, sineTone } from '../../src/media/tone/tone-generator.js';
import { parseWav } from '../../src/media/wav/wav-reader.js';
import { encodeWav } from '../../src/media/wav/wav-writer.js';
import { decryptSecret } from '../../src/platform/secrets.js';
import { demoFlows } from '../../src/store/seed-demo.js';
import { agents, auditLog, callLegs, recordings, trunks } from '../../src/store/schema.js';

type Item = Record<string, any> & { id: string };
const SECRET_KEY = randomBytes(32);
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

let srv: TestServer;
let dataDir: string;
let admin: ApiClient;
let supA: ApiClient;
let A: string, B: string;
const db = () => srv.sb.database.db;

before(async () => {
  // Our own data dir (the test writes a recording into it) and a known key (to read the stored trunk password).
  dataDir = mkdtempSync(join(tmpdir(), 'sb-voice-'));
  srv = await startTestServer({ DATA_DIR: dataDir, SECRET_KEY: SECRET_KEY.toString('base64') });
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  const clients = (await admin.get('/api/v1/clients')).body.items as Item[];
  A = clients.find((c) => c.code === 'NWR')!.id;
  B = clients.find((c) => c.code === 'ALB')!.id;
  assert.equal((await admin.post('/api/v1/users', { email: 'sup.voice@example.com', name: 'Sup', role: 'supervisor', client_ids: [A], password: 'supervisor-pw-1' })).status, 201);
  supA = await loggedIn(srv.url, 'sup.voice@example.com', 'supervisor-pw-1');
});
after(async () => {
  await srv?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends raw bytes the way a browser's fetch(file) does: session cookie, CSRF token, the file's content type. */
async function upload(api: ApiClient, query: string, body: Buffer, type = 'audio/wav'): Promise<{ status: number; body: any }> {
  const r = await fetch(`${srv.url}/api/v1/prompts?${query}`, {
    method: 'POST', body: new Uint8Array(body), headers: { 'content-type': type, cookie: api.cookie, 'x-csrf-token': api.csrf },
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
async function getRaw(path: string, headers: Record<string, string> = {}) {
  const r = await fetch(srv.url + path, { headers: { cookie: admin.cookie, ...headers } });
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}
const pathsOf = (r: { body: any }) => (r.body.error.details.issues as { path: string }[]).map((i) => i.path);

describe('demo workspace', () => {
  test('each client has a flow on its numbers, business hours, recording on, and queues with dispositions and a script', async () => {
    const flows = (await admin.get('/api/v1/flows')).body.items as Item[];
    assert.deepEqual(flows.map((f) => [f.name, f.client_id]).sort(), [['Albion card services', B], ['Northwind main line', A]]);
    for (const f of flows) {
      const v = (await admin.post('/api/v1/flows/validate', { client_id: f.client_id, definition: f.definition })).body;
      assert.deepEqual(v.issues, [], `${f.name} is valid against its client's queues`);
    }
    const numbers = (await admin.get('/api/v1/numbers')).body.items as Item[];
    const byNumber = Object.fromEntries(numbers.map((n) => [n.e164, n]));
    assert.equal(byNumber['+15125550100'].label, 'Main line');
    assert.equal(byNumber['+15125550100'].flow_id, flows.find((f) => f.client_id === A)!.id);
    assert.equal(byNumber['+18005550100'].kind, 'toll_free');
    assert.equal(byNumber['+442079460100'].flow_id, flows.find((f) => f.client_id === B)!.id);
    const hours = (await admin.get('/api/v1/business-hours')).body.items as Item[];
    // Retail answers round the clock (the demo number works at any hour); the bank keeps office hours.
    assert.deepEqual(hours.find((h) => h.client_id === A)!.weekly.sun, [['00:00', '24:00']]);
    assert.deepEqual(hours.find((h) => h.client_id === B)!.weekly.fri, [['09:00', '17:30']]);
    assert.equal(hours.find((h) => h.client_id === B)!.weekly.sat, undefined);
    assert.ok(hours.every((h) => h.holidays.length >= 2));
    const clients = (await admin.get('/api/v1/clients')).body.items as Item[];
    assert.ok(clients.every((c) => c.record_calls === true));
    const orders = (await admin.get('/api/v1/queues?q=Orders')).body.items[0];
    assert.ok(orders.dispositions.includes('Order placed'));
    assert.match(orders.script, /\{\{customer_name\}\}/);
  });

  test('every demo agent can register extension 10xx with the demo password (HA1, never the password)', async () => {
    const list = (await admin.get('/api/v1/agents?limit=100')).body.items as Item[];
    assert.equal(list.length, 20);
    assert.ok(list.every((a) => a.sip_registered_secret === true));
    const [a1001] = await db().select().from(agents).where(eq(agents.extension, '1001'));
    assert.equal(a1001.sipHa1?.MD5, md5(`1001:switchboard:${srv.adminPassword}`));
  });

  test('without espeak-ng the demo flows are seeded without speech and are still valid', () => {
    const silent = demoFlows(false);
    const retail = validateFlow(silent.retail, { tts: false, prompts: [], queues: ['Orders', 'Returns', 'Pedidos (Spanish)'] });
    const bank = validateFlow(silent.bank, { tts: false, prompts: [], queues: ['Cards', 'Fraud'] });
    assert.deepEqual([...retail.errors, ...bank.errors], []);
    assert.ok(!JSON.stringify(silent).includes('"say"'));
    assert.equal(validateFlow(demoFlows(true).retail, { tts: false }).ok, false, 'the speaking variant needs espeak-ng');
  });
});

describe('trunks', () => {
  let trunk: Item;
  test('the password is encrypted at rest and never returned, listed or audited', async () => {
    const password = `carrier-${randomBytes(6).toString('hex')}`;
    const r = await admin.post('/api/v1/trunks', { client_id: A, name: 'NWR carrier', host: 'sip.carrier.example', transport: 'tcp', username: 'nwr',
      password, allowed_sources: ['203.0.113.10', '198.51.100.0/24', '2001:db8::/32'], max_channels: 60 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    trunk = r.body;
    assert.equal(trunk.has_password, true);
    assert.equal(trunk.port, 5060);
    assert.equal('password' in trunk, false);
    const [stored] = await db().select().from(trunks).where(eq(trunks.id, trunk.id));
    assert.ok(stored.passwordEnc && !stored.passwordEnc.includes(password));
    assert.equal(decryptSecret(stored.passwordEnc, SECRET_KEY), password, 'the call engine can decrypt it');
    const patched = await admin.patch(`/api/v1/trunks/${trunk.id}`, { max_channels: 10 });
    assert.equal(patched.body.has_password, true, 'a PATCH without password keeps it');
    const texts = [JSON.stringify(r.body), JSON.stringify(patched.body), JSON.stringify((await admin.get('/api/v1/trunks')).body),
      JSON.stringify((await admin.get(`/api/v1/trunks/${trunk.id}`)).body), JSON.stringify((await admin.get('/api/v1/audit?limit=500')).body),
      JSON.stringify(await db().select().from(auditLog))];
    for (const t of texts) assert.ok(!t.includes(password), 'password leaked');
    const cleared = await admin.patch(`/api/v1/trunks/${trunk.id}`, { password: null });
    assert.equal(cleared.body.has_password, false);
  });

  test('bad addresses name the entry; shared trunks and all trunks are for admins only', async () => {
    const bad = await admin.post('/api/v1/trunks', { name: 'X', host: 'sip.example', allowed_sources: ['10.0.0.1', '10.0.0.0/33'] });
    assert.equal(bad.status, 400);
    assert.deepEqual(pathsOf(bad), ['allowed_sources.1']);
    assert.equal((await admin.post('/api/v1/trunks', { name: 'X', host: 'http://sip.example:5060' })).status, 400);
    const shared = await admin.post('/api/v1/trunks', { name: 'BPO carrier', host: '192.0.2.7', port: 5080 });
    assert.equal(shared.status, 201);
    assert.equal(shared.body.client_id, null);
    assert.equal((await supA.get('/api/v1/trunks')).status, 403);
    assert.equal((await supA.get(`/api/v1/trunks/${shared.body.id}`)).status, 404);
  });
});

describe('numbers', () => {
  test('national input becomes E.164; toll-free is recognised; bad and taken numbers are refused', async () => {
    const r = await admin.post('/api/v1/numbers', { client_id: A, e164: '(512) 555-0199', label: 'Support' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.e164, '+15125550199');
    assert.equal(r.body.kind, 'did');
    const uk = await admin.post('/api/v1/numbers', { client_id: B, e164: '0800 026 0199' });
    assert.equal(uk.body.e164, '+448000260199', 'read in the client\'s country');
    assert.equal(uk.body.kind, 'toll_free');
    const bad = await admin.post('/api/v1/numbers', { client_id: A, e164: '12345' });
    assert.equal(bad.status, 400);
    assert.deepEqual(pathsOf(bad), ['e164']);
    const taken = await admin.post('/api/v1/numbers', { client_id: B, e164: '+1 512-555-0100' });
    assert.equal(taken.status, 409);
    assert.match(taken.body.error.message, /^e164: \+15125550100 is already in use/);
    const patched = await admin.patch(`/api/v1/numbers/${r.body.id}`, { label: 'Support line', e164: '512 555 0198' });
    assert.deepEqual([patched.body.label, patched.body.e164], ['Support line', '+15125550198']);
  });

  test('a number\'s flow must be its client\'s, its trunk its client\'s or shared', async () => {
    const bankFlow = ((await admin.get('/api/v1/flows')).body.items as Item[]).find((f) => f.client_id === B)!;
    const r = await admin.post('/api/v1/numbers', { client_id: A, e164: '+15125550197', flow_id: bankFlow.id });
    assert.equal(r.status, 400);
    assert.deepEqual(pathsOf(r), ['flow_id']);
    const bTrunk = await admin.post('/api/v1/trunks', { client_id: B, name: 'ALB carrier', host: 'sip.alb.example' });
    const t = await admin.post('/api/v1/numbers', { client_id: A, e164: '+15125550197', trunk_id: bTrunk.body.id });
    assert.deepEqual(pathsOf(t), ['trunk_id']);
    const shared = ((await admin.get('/api/v1/trunks')).body.items as Item[]).find((x) => x.client_id === null)!;
    assert.equal((await admin.post('/api/v1/numbers', { client_id: A, e164: '+15125550197', trunk_id: shared.id })).status, 201);
    assert.equal((await supA.post('/api/v1/numbers', { client_id: A, e164: '+15125550196' })).status, 403, 'numbers are configured by admins');
    assert.ok(((await supA.get('/api/v1/numbers')).body.items as Item[]).every((n) => n.client_id === A));
  });
});

describe('flows', () => {
  const flow = (steps: unknown[]) => ({ name: 'Test line', steps });

  test('a flow is validated on save: every issue comes back with its path, and nothing is stored', async () => {
    const before = (await admin.get('/api/v1/flows')).body.total;
    const r = await admin.post('/api/v1/flows', { client_id: A, definition: flow([{ answer: {} }, { gather: { timeout_s: 0 } }, { dance: {} }]) });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.equal(r.body.error.details.field, 'definition');
    assert.deepEqual(pathsOf(r), ['steps[1].gather.timeout_s', 'steps[2].dance']);
    assert.match(r.body.error.message, /^definition: steps\[1\]\.gather\.timeout_s: must be > 0 \(and 1 more\)/);
    const other = await admin.post('/api/v1/flows', { client_id: A, definition: flow([{ enqueue: { queue: 'Cards' } }]) });
    assert.equal(other.status, 400, 'Cards is Albion\'s queue');
    assert.deepEqual(pathsOf(other), ['steps[0].enqueue.queue']);
    assert.equal((await admin.get('/api/v1/flows')).body.total, before);
  });

  test('create, rename, edit; the dry run answers like a save and writes nothing', async () => {
    const good = flow([{ id: 'q', enqueue: { queue: 'Returns' } }]);
    const r = await admin.post('/api/v1/flows', { client_id: A, definition: good });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.name, 'Test line', 'named after its definition');
    assert.equal((await admin.post('/api/v1/flows', { client_id: A, definition: good })).status, 409);
    const renamed = await admin.patch(`/api/v1/flows/${r.body.id}`, { name: 'Returns line' });
    assert.equal(renamed.body.name, 'Returns line');
    const broken = await admin.patch(`/api/v1/flows/${r.body.id}`, { definition: flow([{ enqueue: { queue: 'Nope' } }]) });
    assert.equal(broken.status, 400);
    assert.deepEqual((await admin.get(`/api/v1/flows/${r.body.id}`)).body.definition, good);
    const total = (await admin.get('/api/v1/flows')).body.total;
    const dry = await admin.post('/api/v1/flows/validate', { client_id: A, definition: flow([{ menu: { options: { 1: 'nowhere' } } }]) });
    assert.equal(dry.status, 200);
    assert.equal(dry.body.ok, false);
    assert.deepEqual(dry.body.issues.map((i: { path: string }) => i.path), ['steps[0].menu.options.1']);
    assert.equal((await admin.get('/api/v1/flows')).body.total, total);
    assert.equal((await supA.post('/api/v1/flows/validate', { client_id: B, definition: good })).status, 404, 'another client\'s queues are not probed');
    assert.equal((await supA.post('/api/v1/flows', { client_id: A, definition: good })).status, 403);
  });
});

describe('business hours', () => {
  test('one row per client; times and dates are checked like the hours verb checks them', async () => {
    const mine = ((await admin.get('/api/v1/business-hours')).body.items as Item[]).find((h) => h.client_id === A)!;
    const second = await admin.post('/api/v1/business-hours', { client_id: A, weekly: { mon: [['09:00', '17:00']] } });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.details.id, mine.id);
    const bad = await admin.patch(`/api/v1/business-hours/${mine.id}`, { weekly: { mon: [['09:00', '25:00']] }, holidays: [{ date: '2026-13-01' }] });
    assert.equal(bad.status, 400);
    assert.deepEqual(pathsOf(bad).sort(), ['holidays.0.date', 'weekly.mon.0.1']);
    const ok = await admin.patch(`/api/v1/business-hours/${mine.id}`, { holidays: [{ date: '2026-12-25', name: 'Christmas' }, { date: '2026-07-03', name: 'Independence Day (observed)' }] });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.holidays.map((h: { date: string }) => h.date), ['2026-07-03', '2026-12-25']);
    assert.deepEqual(ok.body.weekly, mine.weekly, 'weekly kept');
    const client = await admin.post('/api/v1/clients', { name: 'Hours Co', code: 'HRS', timezone: 'Asia/Manila' });
    const created = await admin.post('/api/v1/business-hours', { client_id: client.body.id, weekly: { sat: [['22:00', '06:00']] } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.holidays, []);
  });
});

describe('clients, queues and agents', () => {
  test('client recording policy and dial plan; queue recording, dispositions and script', async () => {
    const shared = ((await admin.get('/api/v1/trunks')).body.items as Item[]).find((x) => x.client_id === null)!;
    const r = await admin.patch(`/api/v1/clients/${A}`, { record_calls: false, dial_plan: { allowed_prefixes: ['+1', '+4420'], trunk_id: shared.id } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual([r.body.record_calls, r.body.dial_plan], [false, { allowed_prefixes: ['+1', '+4420'], trunk_id: shared.id }]);
    const bad = await admin.patch(`/api/v1/clients/${A}`, { dial_plan: { allowed_prefixes: ['44'] } });
    assert.deepEqual(pathsOf(bad), ['dial_plan.allowed_prefixes.0']);
    const bTrunk = ((await admin.get('/api/v1/trunks')).body.items as Item[]).find((x) => x.client_id === B)!;
    assert.deepEqual(pathsOf(await admin.patch(`/api/v1/clients/${A}`, { dial_plan: { allowed_prefixes: [], trunk_id: bTrunk.id } })), ['dial_plan.trunk_id']);
    const q = (await admin.get('/api/v1/queues?q=Returns')).body.items[0];
    const pq = await admin.patch(`/api/v1/queues/${q.id}`, { recording: 'never', dispositions: ['Refund', 'Exchange'], script: '# Returns\nHi {{customer_name}}' });
    assert.deepEqual([pq.body.recording, pq.body.dispositions, pq.body.script], ['never', ['Refund', 'Exchange'], '# Returns\nHi {{customer_name}}']);
    assert.deepEqual(pathsOf(await admin.patch(`/api/v1/queues/${q.id}`, { recording: 'sometimes' })), ['recording']);
    assert.deepEqual(pathsOf(await admin.patch(`/api/v1/queues/${q.id}`, { dispositions: ['Refund', 'refund'] })), ['dispositions']);
  });

  test('an agent\'s SIP password becomes its REGISTER credentials: HA1 = MD5(ext:realm:password), never shown', async () => {
    const agent = (await admin.get('/api/v1/agents?q=1003')).body.items[0];
    assert.deepEqual(pathsOf(await admin.patch(`/api/v1/agents/${agent.id}`, { sip_password: 'short' })), ['sip_password']);
    const r = await admin.patch(`/api/v1/agents/${agent.id}`, { sip_password: 'desk-phone-1003' });
    assert.equal(r.status, 200);
    assert.equal(r.body.sip_registered_secret, true);
    const [row] = await db().select().from(agents).where(eq(agents.id, agent.id));
    assert.equal(row.sipHa1?.MD5, md5('1003:switchboard:desk-phone-1003'));
    assert.equal(row.sipHa1?.['SHA-256'], createHash('sha256').update('1003:switchboard:desk-phone-1003').digest('hex'));
    for (const t of [JSON.stringify(r.body), JSON.stringify((await admin.get('/api/v1/audit?limit=20')).body)]) {
      assert.ok(!t.includes(row.sipHa1.MD5) && !t.includes('desk-phone-1003'));
    }
    const moved = await admin.patch(`/api/v1/agents/${agent.id}`, { extension: '2003' });
    assert.equal(moved.body.sip_registered_secret, false, 'HA1 names the extension: a new extension needs a new password');
    const both = await admin.patch(`/api/v1/agents/${agent.id}`, { extension: '2004', sip_password: 'desk-phone-2004' });
    assert.equal(both.body.sip_registered_secret, true);
    const [after2] = await db().select().from(agents).where(eq(agents.id, agent.id));
    assert.equal(after2.sipHa1?.MD5, md5('2004:switchboard:desk-phone-2004'));
    const created = await admin.post('/api/v1/agents', { name: 'New Phone', extension: '3001', client_ids: [A], sip_password: 'new-phone-3001' });
    assert.equal(created.body.sip_registered_secret, true);
  });
});

describe('prompts', () => {
  const stereo16k = () => {
    const tone = sineTone(1000, -10, 1000, 16000);
    const both = new Int16Array(tone.length * 2);
    tone.forEach((v, i) => { both[2 * i] = v; both[2 * i + 1] = v; });
    return encodeWav({ encoding: 'pcm16', channels: 2, sampleRate: 16000 }, both);
  };
  let prompt: Item;

  test('a 16 kHz stereo upload is stored and played back as 8 kHz mono', async () => {
    const r = await upload(admin, `client_id=${A}&name=welcome`, stereo16k());
    assert.equal(r.status, 201, JSON.stringify(r.body));
    prompt = r.body;
    assert.deepEqual([prompt.name, prompt.client_id, prompt.duration_ms], ['welcome', A, 1000]);
    const audio = await getRaw(`/api/v1/prompts/${prompt.id}/audio`);
    assert.equal(audio.status, 200);
    assert.equal(audio.headers.get('content-type'), 'audio/wav');
    const wav = parseWav(audio.bytes);
    assert.deepEqual([wav.sampleRate, wav.channels, wav.frames], [8000, 1, 8000]);
    assert.equal(prompt.size_bytes, audio.bytes.length);
    assert.ok(goertzelPower(wav.samples.subarray(2000, 6000), 1000) > 0.03, 'the 1 kHz tone (-10 dBm0) is there at its level');
    assert.ok(((await admin.get(`/api/v1/prompts?client_id=${A}`)).body.items as Item[]).some((p) => p.id === prompt.id));
    assert.ok(((await admin.get('/api/v1/audit?limit=50')).body.items as Item[]).some((e) => e.action === 'prompt.create' && e.entity_id === prompt.id));
  });

  test('what is not a usable WAV is a 400 that says why; names are unique unless replacing', async () => {
    const notWav = await upload(admin, `client_id=${A}&name=bad`, Buffer.from('ID3\u0004 an mp3 file'), 'application/octet-stream');
    assert.equal(notWav.status, 400);
    assert.deepEqual(pathsOf(notWav), ['body']);
    assert.match(notWav.body.error.message, /not a valid WAV file/);
    const odd = encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 12000 }, sineTone(440, -10, 100, 12000));
    assert.match((await upload(admin, `client_id=${A}&name=bad`, odd)).body.error.message, /sample rate 12000/);
    assert.equal((await upload(admin, `client_id=${A}&name=Welcome`, stereo16k())).status, 409, 'names ignore case');
    const replaced = await upload(admin, `client_id=${A}&name=welcome&replace=true`, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, sineTone(440, -10, 500)));
    assert.equal(replaced.status, 200);
    assert.deepEqual([replaced.body.id, replaced.body.duration_ms], [prompt.id, 500]);
    assert.equal((await upload(supA, `client_id=${A}&name=x`, stereo16k())).status, 403);
    assert.equal((await upload(admin, `client_id=${A}&name=x`, Buffer.alloc(21 << 20))).status, 413);
  });

  test('a prompt a flow plays cannot be deleted until the flow stops naming it', async () => {
    const f = await admin.post('/api/v1/flows', { client_id: A, definition: { name: 'Greeting line', steps: [{ play: { prompt: 'welcome' } }] } });
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const refused = await admin.del(`/api/v1/prompts/${prompt.id}`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /Greeting line/);
    assert.equal((await supA.del(`/api/v1/prompts/${prompt.id}`)).status, 403);
    await admin.patch(`/api/v1/flows/${f.body.id}`, { definition: { name: 'Greeting line', steps: [{ hangup: {} }] } });
    assert.equal((await admin.del(`/api/v1/prompts/${prompt.id}`)).status, 204);
    assert.equal((await getRaw(`/api/v1/prompts/${prompt.id}/audio`)).status, 404);
  });
});

describe('recordings and call legs', () => {
  test('a recording streams with Range (seeking), scoped to who may hear it; legs list the call\'s CDRs', async () => {
    const queue = (await admin.get('/api/v1/queues?q=Orders')).body.items[0];
    const interaction = (await admin.post('/api/v1/interactions', { queue_id: queue.id, subject: 'recorded call' })).body;
    const tone = sineTone(500, -10, 2000);
    const stereo = new Int16Array(tone.length * 2);
    tone.forEach((v, i) => { stereo[2 * i] = v; });
    const file = encodeWav({ encoding: 'pcm16', channels: 2, sampleRate: 8000 }, stereo);
    mkdirSync(join(dataDir, 'recordings', A), { recursive: true });
    writeFileSync(join(dataDir, 'recordings', A, 'call-1.wav'), file);
    const [rec] = await db().insert(recordings).values({ id: crypto.randomUUID(), clientId: A, interactionId: interaction.id, path: `recordings/${A}/call-1.wav`,
      state: 'complete', startedAt: new Date(Date.now() - 2000), endedAt: new Date(), durationMs: 2000 }).returning();

    const list = (await admin.get(`/api/v1/recordings?interaction_id=${interaction.id}`)).body;
    assert.deepEqual(list.items.map((x: Item) => [x.id, x.state, x.duration_ms]), [[rec.id, 'complete', 2000]]);
    assert.equal('path' in list.items[0], false);
    const whole = await getRaw(`/api/v1/recordings/${rec.id}/audio`);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.deepEqual(whole.bytes, file);
    const part = await getRaw(`/api/v1/recordings/${rec.id}/audio`, { range: 'bytes=1000-1999' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 1000-1999/${file.length}`);
    assert.deepEqual(part.bytes, file.subarray(1000, 2000));
    const tail = await getRaw(`/api/v1/recordings/${rec.id}/audio`, { range: `bytes=${file.length}-` });
    assert.equal(tail.status, 416);
    assert.equal(tail.headers.get('content-range'), `bytes */${file.length}`);
    const viewer = await loggedIn(srv.url, 'viewer@northwind.example', srv.adminPassword);
    assert.equal((await viewer.get('/api/v1/recordings')).status, 403, 'client viewers do not hear recordings');
    assert.equal((await supA.get(`/api/v1/recordings/${rec.id}`)).status, 200);

    const leg = (role: 'caller' | 'agent', offsetMs: number) => ({ id: crypto.randomUUID(), interactionId: interaction.id, clientId: A, sipCallId: `call-${role}@test`,
      direction: role === 'caller' ? 'inbound' as const : 'outbound' as const, role, fromUri: 'sip:+14155550123@carrier', toUri: 'sip:+15125550100@switchboard',
      startedAt: new Date(Date.now() - 5000 + offsetMs), answeredAt: new Date(Date.now() - 4000 + offsetMs), endedAt: new Date(), endReason: 'caller_hangup', sipStatus: 200 });
    await db().insert(callLegs).values([leg('agent', 500), leg('caller', 0)]);
    const legs = (await admin.get(`/api/v1/interactions/${interaction.id}/legs`)).body.items as Item[];
    assert.deepEqual(legs.map((l) => [l.role, l.sip_status, l.end_reason]), [['caller', 200, 'caller_hangup'], ['agent', 200, 'caller_hangup']]);
    assert.equal((await viewer.get(`/api/v1/interactions/${interaction.id}/legs`)).status, 404);
    assert.ok(readFileSync(join(dataDir, 'recordings', A, 'call-1.wav')).equals(file), 'reading never changes the file');
  });
});
