import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { TransportLayer } from '../transport/transport-layer.js';
import { listenUdp } from '../transport/udp-transport.js';
import { listenTcp } from '../transport/tcp-transport.js';
import { createUserAgent, type UserAgentDelegate, type UserAgentOptions } from './user-agent.js';
import type { IncomingSession } from './incoming-session.js';
import { VirtualClock } from '../../platform/clock.js';
import { createDigestServer } from '../auth/digest-server.js';

async function makeUa(delegate: UserAgentDelegate, contactUser: string, extra: Partial<UserAgentOptions> = {}) {
  const transport = new TransportLayer();
  transport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: transport }));
  transport.add(await listenTcp({ address: '127.0.0.1', port: 0, sink: transport }));
  const ua = createUserAgent({ transport, host: '127.0.0.1', delegate, contactUser, ...extra });
  return { ua, transport, port: transport.get('UDP')!.local.port, tcpPort: transport.get('TCP')!.local.port };
}

const SDP = Buffer.from('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n');

void test('a call between two UAs: ringing, answer with SDP, ACK, in-dialog INFO/re-INVITE/REFER, BYE', async () => {
  let incoming: IncomingSession | undefined;
  const b = await makeUa({ onInvite: (s) => {
    incoming = s;
    s.progress(180);
    s.accept({ body: Buffer.from('answer-sdp') });
  } }, 'b');
  const a = await makeUa({}, 'a');
  try {
    const call = a.ua.invite(`sip:echo@127.0.0.1:${b.port}`, { body: SDP });
    const events: string[] = [];
    call.on('progress', (p) => events.push(`progress ${p.status}`));
    const [answered] = await Promise.all([
      new Promise<{ body: Buffer }>((r) => call.on('answered', r)),
      new Promise<void>((r) => setImmediate(r)),
    ]);
    assert.equal(answered.body.toString(), 'answer-sdp');
    assert.deepEqual(events, ['progress 180']);
    assert.ok(incoming);
    assert.equal(incoming.offer.toString(), SDP.toString());
    if (incoming.state !== 'established') await new Promise((r) => incoming!.on('confirmed', r));
    assert.equal(incoming.state, 'established');

    const info = new Promise<{ body: Buffer }>((r) => incoming!.on('info', r));
    assert.equal((await call.sendInfo(Buffer.from('Signal=5\r\nDuration=160\r\n'), 'application/dtmf-relay')).status, 200);
    assert.equal((await info).body.toString(), 'Signal=5\r\nDuration=160\r\n');

    incoming.on('reinvite', (r) => r.accept({ body: Buffer.from('held-answer') }));
    const re = await call.reinvite(Buffer.from('a=sendonly'));
    assert.equal(re.status, 200);
    assert.equal(re.body.toString(), 'held-answer');

    const refer = new Promise<{ referTo: string }>((r) => incoming!.on('refer', r));
    assert.equal((await call.refer('sip:agent7@127.0.0.1')).status, 202);
    assert.equal((await refer).referTo, '<sip:agent7@127.0.0.1>');
    const notified = new Promise<{ body: Buffer }>((r) => call.on('notify', r));
    assert.equal((await incoming.notifyReferStatus('SIP/2.0 200 OK', true)).status, 200);
    assert.match((await notified).body.toString(), /^SIP\/2\.0 200 OK/);

    const ended = new Promise<{ by: string }>((r) => incoming!.on('ended', r));
    await call.bye();
    assert.equal((await ended).by, 'remote');
    assert.equal(a.ua.sessionCount, 0);
    assert.equal(b.ua.sessionCount, 0);
  } finally {
    a.ua.dispose();
    b.ua.dispose();
    await Promise.all([a.transport.close(), b.transport.close()]);
  }
});

void test('safe defaults: unhandled INVITE 480, OPTIONS 200 with Allow, 405, 420, 481, rejected call fails', async () => {
  const plain = await makeUa({}, 'p');
  const caller = await makeUa({}, 'c');
  const client = createSocket('udp4');
  await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
  let n = 0;
  const ask = async (method: string, extra = '', to = '<sip:x@127.0.0.1>', mf = 70, callId = `${method}-${++n}`, branch = `z9hG4bK${method}${++n}`) => {
    client.send(`${method} sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${client.address().port};branch=${branch};rport\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: ${to}\r\nCall-ID: ${callId}\r\nCSeq: 1 ${method}\r\nMax-Forwards: ${mf}\r\n${extra}Content-Length: 0\r\n\r\n`, plain.port, '127.0.0.1');
    for (;;) {
      const [m] = (await once(client, 'message')) as [Buffer];
      if (!m.toString().startsWith('SIP/2.0 100')) return m.toString();
    }
  };
  try {
    assert.match(await ask('INVITE'), /^SIP\/2\.0 480 /);
    const opt = await ask('OPTIONS');
    assert.match(opt, /^SIP\/2\.0 200 OK/);
    assert.match(opt, /\r\nAllow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY\r\n/);
    assert.match(await ask('SUBSCRIBE'), /^SIP\/2\.0 405 [^]*\r\nAllow: /);
    assert.match(await ask('OPTIONS', 'Require: foo\r\n'), /^SIP\/2\.0 420 [^]*\r\nUnsupported: foo\r\n/);
    assert.match(await ask('BYE', '', '<sip:x@127.0.0.1>;tag=nope'), /^SIP\/2\.0 481 /);
    assert.match(await ask('INVITE', '', '<sip:x@127.0.0.1>', 0), /^SIP\/2\.0 483 /);
    assert.match(await ask('OPTIONS', '', '<sip:x@127.0.0.1>', 0), /^SIP\/2\.0 200 /, 'RFC 4475 §3.3.11: OPTIONS with Max-Forwards 0 is answered');
    const call = caller.ua.invite(`sip:someone@127.0.0.1:${plain.port}`, { body: SDP });
    const failed = await new Promise<{ status: number }>((r) => call.on('failed', r));
    assert.equal(failed.status, 480);
  } finally {
    client.close();
    plain.ua.dispose();
    caller.ua.dispose();
    await Promise.all([plain.transport.close(), caller.transport.close()]);
  }
});

void test('CANCEL of a ringing call: the caller sees 487, the callee sees the cancel', async () => {
  let incoming: IncomingSession | undefined;
  const b = await makeUa({ onInvite: (s) => { incoming = s; s.progress(180); } }, 'b');
  const a = await makeUa({}, 'a');
  try {
    const call = a.ua.invite(`sip:x@127.0.0.1:${b.tcpPort};transport=tcp`, { body: SDP });
    await new Promise((r) => call.on('progress', r));
    const ended = new Promise<{ reason: string }>((r) => incoming!.on('ended', r));
    call.cancel();
    const failed = await new Promise<{ status: number }>((r) => call.on('failed', r));
    assert.equal(failed.status, 487);
    assert.equal((await ended).reason, 'cancelled');
  } finally {
    a.ua.dispose();
    b.ua.dispose();
    await Promise.all([a.transport.close(), b.transport.close()]);
  }
});

void test('calling out through a carrier that challenges: the INVITE is re-sent once with digest credentials', async () => {
  const carrierAuth = createDigestServer({ realm: 'carrier.example', clock: new VirtualClock(), lookup: async (u) => (u === 'trunk1' ? { password: 't0ps3cret' } : null) });
  let attempts = 0;
  const carrier = await makeUa({ onInvite: (s) => {
    attempts++;
    void carrierAuth.verify(s.request, true).then((v) => (v.ok ? s.accept({ body: SDP }) : s.reject(407, undefined, v.challenge)));
  } }, 'carrier');
  const pbx = await makeUa({}, 'pbx');
  try {
    const good = pbx.ua.invite(`sip:+15551234@127.0.0.1:${carrier.port}`, { body: SDP, auth: { username: 'trunk1', password: 't0ps3cret' } });
    assert.equal(await new Promise<string>((r) => { good.on('answered', () => r('answered')); good.on('failed', (f) => r(`failed ${f.status}`)); }), 'answered');
    assert.equal(attempts, 2);
    assert.match(good.request.headers.get('proxy-authorization') ?? '', /^Digest username="trunk1", realm="carrier.example"/);
    await good.bye();
    const bad = pbx.ua.invite(`sip:+15551234@127.0.0.1:${carrier.port}`, { body: SDP, auth: { username: 'trunk1', password: 'wrong' } });
    const failed = await new Promise<{ status: number }>((r) => bad.on('failed', r));
    assert.equal(failed.status, 407, 'a wrong password is not retried forever');
    assert.equal(attempts, 4);
  } finally {
    carrier.ua.dispose();
    pbx.ua.dispose();
    await Promise.all([carrier.transport.close(), pbx.transport.close()]);
  }
});

void test('an INVITE the TU never answers is rejected (480), and a merged INVITE (same Call-ID/From tag/CSeq, new branch) gets 482', async () => {
  const silent = await makeUa({ onInvite: () => undefined }, 's', { unansweredTimeoutMs: 100 });
  const client = createSocket('udp4');
  await new Promise<void>((r) => client.bind(0, '127.0.0.1', r));
  const invite = (branch: string) => `INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${client.address().port};branch=${branch};rport\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: merged-1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
  const finals: string[] = [];
  client.on('message', (m: Buffer) => {
    const line = m.toString().split('\r\n')[0];
    if (!line.startsWith('SIP/2.0 1')) finals.push(line);
  });
  try {
    client.send(invite('z9hG4bKm1'), silent.port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 30));
    client.send(invite('z9hG4bKm2'), silent.port, '127.0.0.1');
    for (let i = 0; i < 40 && finals.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    assert.deepEqual(finals.slice(0, 2), ['SIP/2.0 482 Loop Detected', 'SIP/2.0 480 No Answer']);
  } finally {
    client.close();
    silent.ua.dispose();
    await silent.transport.close();
  }
});
