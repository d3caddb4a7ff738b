import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus, type LiveEvent } from '../platform/event-bus.js';
import { createLogger } from '../platform/logger.js';
import { digestResponse, parseAuthHeader } from '../sip/auth/digest.js';
import { Headers, type SipRequest, type SipResponse } from '../sip/message/message.js';
import { createResponse } from '../sip/message/response.js';
import { parseUri } from '../sip/message/uri.js';
import { FakeTimers } from '../sip/transaction/timers.js';
import { contactUserOf, grantedSeconds, refreshDelayMs, TrunkRegistrar, type RegistrationTarget, type SendRegister } from './trunk-register.js';

const CLIENT = '11111111-1111-4111-8111-111111111111';
const carrier: RegistrationTarget = { id: 't1', name: 'Carrier', clientId: CLIENT, host: '198.51.100.7', port: 5060, transport: 'udp',
  username: '4155550100', password: 'carrier-secret', expiresS: 600 };

type Sent = Parameters<SendRegister>[0];
type Answer = (r: Sent) => { status: number; headers?: Array<[string, string]>; tagless?: boolean };

/** What a registrar answers to what we sent: a response built like a real one (To tag, or none for the UA's own 408/503). */
function respond(sent: Sent, a: ReturnType<Answer>): SipResponse {
  const req: SipRequest = { kind: 'request', method: 'REGISTER', uri: parseUri(sent.registrar)!, body: Buffer.alloc(0), headers: new Headers([
    { key: 'via', value: 'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKtest' }, { key: 'from', value: `<${sent.aor}>;tag=${sent.fromTag}` },
    { key: 'to', value: `<${sent.aor}>` }, { key: 'call-id', value: sent.callId }, { key: 'cseq', value: `${sent.cseq} REGISTER` },
  ]) };
  return createResponse(req, a.status, { toTag: a.tagless ? undefined : 'reg1', headers: a.headers });
}

/** A carrier that challenges every REGISTER without credentials and checks the digest of the rest. */
function digestCarrier(granted: (s: Sent) => ReturnType<Answer>): Answer {
  return (s) => {
    if (s.authorization === undefined) return { status: 401, headers: [['WWW-Authenticate', 'Digest realm="carrier.test", nonce="n0nce", qop="auth"']] };
    const c = parseAuthHeader(s.authorization.value)!;
    const p = (k: string) => c.params.get(k)!;
    const expected = digestResponse({ algorithm: 'MD5', username: p('username'), realm: 'carrier.test', secret: { password: carrier.password },
      method: 'REGISTER', uri: p('uri'), nonce: 'n0nce', qop: { nc: p('nc'), cnonce: p('cnonce') } });
    return p('response') === expected && p('username') === carrier.username ? granted(s) : { status: 403 };
  };
}

function rig(targets: RegistrationTarget[], answer: Answer) {
  const timers = new FakeTimers();
  const clock = { now: () => 1_700_000_000_000 + timers.now };
  const sent: Sent[] = [];
  const events: LiveEvent[] = [];
  const gauge = new Map<string, number>();
  const bus = new EventBus();
  bus.subscribe((e) => { if (e.type === 'trunk.registration') events.push(e); });
  let list = targets;
  let script = answer;
  const registrar = new TrunkRegistrar({
    loadTargets: async () => list, clock, timers, log: createLogger('silent'), bus,
    send: async (o) => { sent.push(o); return respond(o, script(o)); },
    gauge: { set: (l, v) => gauge.set(l.trunk, v), remove: (l) => gauge.delete(l.trunk) },
  });
  return { registrar, timers, clock, sent, events, gauge, bus, setTargets: (t: RegistrationTarget[]) => (list = t), setAnswer: (a: Answer) => (script = a) };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

void test('registers through a digest challenge, refreshes ahead of what the carrier granted, on one Call-ID with a rising CSeq', async () => {
  const r = rig([carrier], digestCarrier((s) => ({ status: 200, headers: [['Contact', `<sip:${s.contactUser}@192.0.2.1:5060>;expires=300`]] })));
  await r.registrar.start();
  await settle();
  assert.deepEqual(r.sent.map((s) => [s.cseq, s.expires, s.authorization !== undefined]), [[1, 600, false], [2, 600, true]]);
  assert.equal(r.sent[0].registrar, 'sip:198.51.100.7:5060');
  assert.equal(r.sent[0].aor, 'sip:4155550100@198.51.100.7');
  assert.equal(r.sent[0].contactUser, '4155550100', 'the carrier sends the account\'s calls to this user at our address');
  const reg = r.registrar.registration(carrier.id)!;
  assert.equal(reg.status, 'registered');
  assert.equal(reg.expiresAt, r.clock.now() + 300_000, 'the carrier granted 300 s of the 600 asked');
  assert.deepEqual([...r.gauge], [['Carrier', 1]]);
  assert.deepEqual(r.events.map((e) => [e.data.status, e.data.previous, e.client_ids]), [['registered', 'registering', [CLIENT]]]);

  r.timers.advance(270_000 - 1);
  await settle();
  assert.equal(r.sent.length, 2, 'nothing before the refresh is due');
  r.timers.advance(1);
  await settle();
  assert.deepEqual(r.sent.slice(2).map((s) => s.cseq), [3, 4], 'refreshed 30 s before the end');
  assert.ok(r.sent.every((s) => s.callId === r.sent[0].callId && s.fromTag === r.sent[0].fromTag), 'one Call-ID and From tag (RFC 3261 §10.2.4)');
  assert.equal(r.registrar.registration(carrier.id)?.expiresAt, r.clock.now() + 300_000);
  assert.equal(r.events.length, 1, 'a refresh is no news');

  // Stop: the binding is taken back.
  const stopping = r.registrar.stop();
  await settle();
  await stopping;
  assert.deepEqual(r.sent.slice(4).map((s) => [s.expires, s.authorization !== undefined]), [[0, false], [0, true]], 'unregistered (Expires: 0) on stop');
  assert.equal(r.gauge.size, 0);
});

void test('refused credentials fail with the reason and are retried, backing off; a 423 asks for the carrier\'s minimum', async () => {
  const r = rig([carrier], (s) => (s.authorization === undefined ? { status: 401, headers: [['WWW-Authenticate', 'Digest realm="x", nonce="y"']] } : { status: 401, headers: [['WWW-Authenticate', 'Digest realm="x", nonce="z"']] }));
  await r.registrar.start();
  await settle();
  const reg = r.registrar.registration(carrier.id)!;
  assert.deepEqual([reg.status, reg.responseCode, reg.reason], ['failed', 401, 'the carrier refused the username or password']);
  assert.equal(r.sent.length, 2, 'the challenge is answered once, not forever');
  assert.deepEqual([...r.gauge], [['Carrier', 0]]);
  r.timers.advance(30_000);
  await settle();
  assert.equal(r.sent.length, 4, 'tried again after 30 s');
  r.timers.advance(59_999);
  await settle();
  assert.equal(r.sent.length, 4, 'then after 60 s');

  // The carrier wants at least 3600 s, then accepts (Expires header only).
  r.setAnswer((s) => (s.expires < 3600 ? { status: 423, headers: [['Min-Expires', '3600']] } : { status: 200, headers: [['Expires', '3600']] }));
  r.timers.advance(1);
  await settle();
  assert.deepEqual(r.sent.slice(4).map((s) => s.expires), [600, 3600]);
  const ok = r.registrar.registration(carrier.id)!;
  assert.deepEqual([ok.status, ok.expiresAt, ok.reason], ['registered', r.clock.now() + 3_600_000, null]);
  assert.deepEqual(r.events.map((e) => e.data.status), ['failed', 'registered']);
  await r.registrar.stop();
});

void test('nothing answering is "did not answer"; an edited trunk registers anew, a removed one is unregistered', async () => {
  const r = rig([carrier], () => ({ status: 408, tagless: true }));
  await r.registrar.start();
  await settle();
  assert.deepEqual([r.registrar.registration(carrier.id)?.reason, r.registrar.registration(carrier.id)?.responseCode], ['the carrier did not answer', null]);

  r.setAnswer(() => ({ status: 200 }));
  r.timers.advance(30_000);
  await settle();
  assert.equal(r.registrar.registration(carrier.id)?.status, 'registered');
  const firstCallId = r.sent[0].callId;

  const moved = { ...carrier, host: '203.0.113.9' };
  r.setTargets([moved]);
  r.bus.publish({ type: 'admin.trunk.update', at: new Date().toISOString(), data: { id: carrier.id } });
  await settle();
  const after = r.sent.slice(-2);
  assert.deepEqual(after.map((s) => [s.registrar, s.expires]).sort((a, b) => (a[1] as number) - (b[1] as number)),
    [['sip:198.51.100.7:5060', 0], ['sip:203.0.113.9:5060', 600]], 'the old binding is taken back and the new address registered');
  const toNew = after.find((s) => s.registrar.includes('203.0.113.9'))!;
  assert.notEqual(toNew.callId, firstCallId, 'a new registrar gets a new Call-ID');
  assert.equal(toNew.cseq, 1);

  r.setTargets([]);
  r.bus.publish({ type: 'admin.trunk.update', at: new Date().toISOString(), data: { id: carrier.id } });
  await settle();
  assert.deepEqual([r.sent.at(-1)!.registrar, r.sent.at(-1)!.expires], ['sip:203.0.113.9:5060', 0], 'a trunk no longer registering is unregistered');
  assert.equal(r.registrar.registration(carrier.id), undefined);
  await r.registrar.stop();
});

void test('the granted lifetime and the refresh time', () => {
  const sent: Sent = { registrar: 'sip:h:5060', aor: 'sip:u@h', contactUser: 'u', expires: 600, callId: 'c', fromTag: 'f', cseq: 1 };
  const res = (headers: Array<[string, string]>) => respond(sent, { status: 200, headers });
  assert.equal(grantedSeconds(res([['Contact', '<sip:other@x>;expires=10, <sip:u@192.0.2.1:5060>;expires=120'], ['Expires', '900']]), 'u', 600), 120, 'our contact\'s own expires');
  assert.equal(grantedSeconds(res([['Contact', '<sip:other@x>;expires=10'], ['Expires', '900']]), 'u', 600), 900, 'else the Expires header');
  assert.equal(grantedSeconds(res([]), 'u', 600), 600, 'else what we asked');
  assert.equal(grantedSeconds(res([['Contact', '<sip:u@192.0.2.1>;expires=0']]), 'u', 600), 0, 'a binding the carrier dropped');
  assert.deepEqual([refreshDelayMs(3600), refreshDelayMs(60), refreshDelayMs(1)], [3_570_000, 30_000, 1000]);
  assert.equal(contactUserOf('acct 7@pbx'), 'acct%207%40pbx', 'a user part with characters SIP does not allow is escaped');
});
