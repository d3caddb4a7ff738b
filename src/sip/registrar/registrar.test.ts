import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../../platform/clock.js';
import { parseMessage } from '../message/parse-message.js';
import type { SipRequest } from '../message/message.js';
import type { ResponseOptions } from '../message/response.js';
import { createDigestServer } from '../auth/digest-server.js';
import { answerChallenge } from '../auth/digest-client.js';
import { AuthThrottle } from '../auth/auth-throttle.js';
import { LocationService } from './location-service.js';
import { createRegistrar } from './registrar.js';

const from = { source: { protocol: 'UDP' as const, address: '192.0.2.50', port: 5062 } };
let cseq = 0;

function register(contacts: string[], extra: string[] = [], user = '1001', callId = 'reg-1'): SipRequest {
  const lines = [
    `REGISTER sip:pbx.example.com SIP/2.0`, 'Via: SIP/2.0/UDP 192.0.2.50:5062;branch=z9hG4bKr' + ++cseq,
    `From: <sip:${user}@pbx.example.com>;tag=f`, `To: <sip:${user}@pbx.example.com>`, `Call-ID: ${callId}`, `CSeq: ${cseq} REGISTER`,
    ...contacts.map((c) => `Contact: ${c}`), ...extra, 'Content-Length: 0', '', '',
  ];
  const r = parseMessage(lines.join('\r\n'));
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  return r.message as SipRequest;
}

function setup(withAuth = false) {
  const clock = new VirtualClock();
  const location = new LocationService(clock);
  const auth = withAuth ? createDigestServer({ realm: 'pbx.example.com', clock, lookup: async (u) => (u === '1001' ? { password: 'pw' } : null) }) : undefined;
  const throttle = new AuthThrottle({ clock, maxFailures: 3 });
  const registrar = createRegistrar({ clock, location, auth, throttle, minExpires: 60, maxExpires: 3600 });
  const send = async (req: SipRequest, src = from) => {
    let got: { status: number; opts: ResponseOptions } | undefined;
    await registrar.handle(req, (status, opts = {}) => (got = { status, opts }), src);
    assert.ok(got);
    return got;
  };
  return { clock, location, send, auth };
}

void test('several contacts per AOR, per-contact expires, expiry over time', async () => {
  const s = setup();
  const r = await s.send(register(['<sip:1001@192.0.2.50:5062>;expires=120', '<sip:1001@198.51.100.2>'], ['Expires: 600']));
  assert.equal(r.status, 200);
  assert.deepEqual(r.opts.headers?.filter(([k]) => k === 'Contact').map(([, v]) => v).sort(), ['<sip:1001@192.0.2.50:5062>;expires=120', '<sip:1001@198.51.100.2>;expires=600']);
  s.clock.advance(121_000);
  assert.deepEqual(s.location.lookup('sip:1001@pbx.example.com').map((b) => b.uri), ['sip:1001@198.51.100.2']);
});

void test('too brief an interval gets 423 with Min-Expires; Expires 0 removes a contact', async () => {
  const s = setup();
  const brief = await s.send(register(['<sip:1001@192.0.2.50>'], ['Expires: 30']));
  assert.equal(brief.status, 423);
  assert.deepEqual(brief.opts.headers, [['Min-Expires', '60']]);
  await s.send(register(['<sip:1001@192.0.2.50>', '<sip:1001@192.0.2.51>']));
  await s.send(register(['<sip:1001@192.0.2.50>;expires=0']));
  assert.deepEqual(s.location.lookup('sip:1001@pbx.example.com').map((b) => b.uri), ['sip:1001@192.0.2.51']);
});

void test('wildcard un-register needs Expires: 0 and removes every binding', async () => {
  const s = setup();
  await s.send(register(['<sip:1001@192.0.2.50>', '<sip:1001@192.0.2.51>']));
  assert.equal((await s.send(register(['*'], ['Expires: 60']))).status, 400);
  assert.equal((await s.send(register(['*'], ['Expires: 0']))).status, 200);
  assert.equal(s.location.lookup('sip:1001@pbx.example.com').length, 0);
});

void test('an older CSeq for the same Call-ID is refused (§10.3 step 7)', async () => {
  const s = setup();
  const older = register(['<sip:1001@192.0.2.50>']);
  const newer = register(['<sip:1001@192.0.2.50>']);
  assert.equal((await s.send(older)).status, 200);
  assert.equal((await s.send(newer)).status, 200, 'newer after older is fine');
  assert.equal((await s.send(older)).status, 500);
});

void test('digest: challenge, register with credentials, other AOR forbidden, repeated failures throttled', async () => {
  const s = setup(true);
  const first = await s.send(register(['<sip:1001@192.0.2.50>']));
  assert.equal(first.status, 401);
  const challenge = first.opts.headers!.map(([, v]) => v);
  const authed = (user: string, password: string, aorUser = user) => {
    const a = answerChallenge(401, challenge, { username: user, password }, { method: 'REGISTER', uri: 'sip:pbx.example.com' })!;
    return register(['<sip:1001@192.0.2.50>'], [`${a.header}: ${a.value}`], aorUser);
  };
  assert.equal((await s.send(authed('1001', 'pw'))).status, 200);
  assert.equal(s.location.lookup('sip:1001@pbx.example.com').length, 1);
  assert.equal((await s.send(authed('1001', 'pw', '1002'))).status, 403);
  const attacker = { source: { protocol: 'UDP' as const, address: '203.0.113.66', port: 5060 } };
  for (let i = 0; i < 3; i++) assert.equal((await s.send(authed('1001', 'guess'), attacker)).status, 401);
  assert.equal((await s.send(authed('1001', 'pw'), attacker)).status, 403, 'blocked even with the right password');
  assert.equal((await s.send(authed('1001', 'pw'))).status, 200, 'other sources unaffected');
});

void test('a To that is not a SIP URI is refused (RFC 4475 §3.3.4)', async () => {
  const s = setup();
  const r = parseMessage('REGISTER sip:example.com SIP/2.0\r\nTo: isbn:2983792873\r\nFrom: <http://www.example.com>;tag=3234233\r\nCall-ID: u\r\nCSeq: 1 REGISTER\r\nVia: SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKkdjuw\r\nContact: <name:John_Smith>\r\nl: 0\r\n\r\n');
  assert.ok(r.ok);
  assert.equal((await s.send(r.message as SipRequest)).status, 400);
});
