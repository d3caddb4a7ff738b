import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSipStack, type SipStack } from '../sip-stack.js';
import type { UserAgentDelegate } from './user-agent.js';
import type { IncomingSession } from './incoming-session.js';

const OFFER = Buffer.from('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 8\r\n');
const ANSWER = Buffer.from('v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 8\r\n');

function stack(delegate: UserAgentDelegate): Promise<SipStack> {
  return startSipStack({ bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', delegate, admission: false, tcp: false });
}

/** The next session the callee's stack is offered, answered with `body`. */
function answering(body: Buffer): { delegate: UserAgentDelegate; incoming: Promise<IncomingSession> } {
  let resolve!: (s: IncomingSession) => void;
  const incoming = new Promise<IncomingSession>((r) => (resolve = r));
  return { delegate: { onInvite: (s) => { s.accept({ body, contentType: 'application/sdp' }); resolve(s); } }, incoming };
}

void test('late offer (RFC 3261 §13.2.1): INVITE without SDP, offer in the 200, the answer in the ACK surfaces with `confirmed`', async () => {
  const callee = answering(OFFER);
  const b = await stack(callee.delegate);
  const a = await stack({});
  try {
    const offers: string[] = [];
    const call = a.ua.invite(`sip:echo@127.0.0.1:${b.ports.udp}`, {
      answerInAck: (o) => {
        offers.push(`${o.contentType} ${o.body.toString()}`);
        return { body: ANSWER, contentType: 'application/sdp' };
      },
    });
    const incoming = await callee.incoming;
    assert.equal(incoming.offer.length, 0, 'the INVITE had no body');
    const confirmed = await new Promise<{ body: Buffer; contentType: string | undefined }>((r) => incoming.on('confirmed', r));
    assert.equal(confirmed.body.toString(), ANSWER.toString(), 'the ACK body reaches the layer above');
    assert.equal(confirmed.contentType, 'application/sdp');
    assert.deepEqual(offers, [`application/sdp ${OFFER.toString()}`], 'the caller answered the 200 offer once');
    assert.equal(incoming.state, 'established');
    await call.bye();
  } finally {
    await a.close();
    await b.close();
  }
});

void test('an ordinary call (offer in the INVITE) confirms with an empty ACK body', async () => {
  const callee = answering(ANSWER);
  const b = await stack(callee.delegate);
  const a = await stack({});
  try {
    const call = a.ua.invite(`sip:echo@127.0.0.1:${b.ports.udp}`, { body: OFFER, answerInAck: () => ({ body: Buffer.from('must not be sent') }) });
    const incoming = await callee.incoming;
    const confirmed = await new Promise<{ body: Buffer; contentType: string | undefined }>((r) => incoming.on('confirmed', r));
    assert.equal(confirmed.body.length, 0);
    assert.equal(confirmed.contentType, undefined);
    await call.bye();
  } finally {
    await a.close();
    await b.close();
  }
});

void test('closing a stack with a live call: each side emits `ended` exactly once (reason shutdown), then nothing', async () => {
  const callee = answering(ANSWER);
  const b = await stack(callee.delegate);
  const a = await stack({});
  const ends: string[] = [];
  try {
    const call = a.ua.invite(`sip:echo@127.0.0.1:${b.ports.udp}`, { body: OFFER });
    call.on('ended', (e) => ends.push(`caller ${e.by} ${e.reason}`));
    const incoming = await callee.incoming;
    incoming.on('ended', (e) => ends.push(`callee ${e.by} ${e.reason}`));
    if (incoming.state !== 'established') await new Promise((r) => incoming.on('confirmed', r));
    assert.equal(call.state, 'established', 'the caller was answered before it sent the ACK');
    assert.equal(b.ua.sessionCount, 1);

    await b.close();
    assert.deepEqual(ends, ['callee local shutdown'], 'the callee was told, without any BYE reaching the caller');
    assert.equal(incoming.state, 'terminated');
    assert.equal(b.ua.sessionCount, 0);
    await b.close();
    incoming.dispose();
    assert.equal(ends.length, 1, 'a second close or dispose emits nothing');

    a.ua.dispose();
    a.ua.dispose();
    assert.deepEqual(ends, ['callee local shutdown', 'caller local shutdown']);
  } finally {
    await a.close();
    await b.close();
  }
});

void test('disposing a ringing call and an already ended one: `ended` once for the first, never again for the second', async () => {
  let ringing: IncomingSession | undefined;
  const b = await stack({ onInvite: (s) => { ringing = s; s.progress(180); } });
  const a = await stack({});
  const ends: string[] = [];
  try {
    const done = a.ua.invite(`sip:x@127.0.0.1:${b.ports.udp}`, { body: OFFER });
    await new Promise((r) => done.on('progress', r));
    const first = ringing!;
    first.on('ended', (e) => ends.push(`first ${e.reason}`));
    first.reject(486);
    assert.deepEqual(ends, ['first rejected 486']);

    const call = a.ua.invite(`sip:y@127.0.0.1:${b.ports.udp}`, { body: OFFER });
    await new Promise((r) => call.on('progress', r));
    const second = ringing!;
    assert.notEqual(second, first);
    second.on('ended', (e) => ends.push(`second ${e.by} ${e.reason}`));
    await b.close();
    first.dispose();
    assert.deepEqual(ends, ['first rejected 486', 'second local shutdown']);
  } finally {
    await a.close();
    await b.close();
  }
});
