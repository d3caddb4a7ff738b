import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from '../message/parse-message.js';
import { type SipMessage, type SipRequest, type SipResponse, cseqOf, toOf, topVia } from '../message/message.js';
import { createResponse } from '../message/response.js';
import { viaBranch } from '../message/via.js';
import { FakeTimers, DEFAULT_TIMERS } from './timers.js';
import type { TxEnv } from './transaction.js';
import { InviteClientTransaction } from './invite-client-transaction.js';
import { NonInviteClientTransaction } from './non-invite-client-transaction.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';

function request(method: string, branch = 'z9hG4bKabc'): SipRequest {
  const r = parseMessage(`${method} sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=${branch}\r\nFrom: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 7 ${method}\r\nRoute: <sip:proxy.example.com;lr>\r\nContent-Length: 0\r\n\r\n`);
  assert.ok(r.ok);
  return r.message as SipRequest;
}

function harness(reliable = false) {
  const timers = new FakeTimers();
  const sent: Array<{ at: number; msg: SipMessage }> = [];
  let terminated = 0;
  const env: TxEnv = {
    timers, config: DEFAULT_TIMERS,
    channel: { reliable, send: (msg) => sent.push({ at: timers.now, msg }) },
    onTerminated: () => terminated++,
  };
  const events: string[] = [];
  const user = {
    onResponse: (r: SipResponse) => events.push(`response ${r.status}`),
    onTimeout: () => events.push('timeout'),
    onTransportError: () => events.push('transport-error'),
  };
  return { timers, sent, env, events, user, terminated: () => terminated };
}

void test('INVITE client over UDP: Timer A doubles from T1, Timer B times out at 64·T1', () => {
  const h = harness();
  const tx = new InviteClientTransaction('t', request('INVITE'), h.env, h.user);
  tx.start();
  h.timers.advance(40_000);
  assert.deepEqual(h.sent.map((s) => s.at), [0, 500, 1500, 3500, 7500, 15500, 31500]);
  assert.deepEqual(h.events, ['timeout']);
  assert.equal(tx.state, 'terminated');
  assert.equal(h.timers.pendingCount, 0, 'no timer left behind');
});

void test('INVITE client: a 486 is ACKed with the response To tag, the ACK is repeated, Timer D ends it', () => {
  const h = harness();
  const invite = request('INVITE');
  const tx = new InviteClientTransaction('t', invite, h.env, h.user);
  tx.start();
  tx.receiveResponse(createResponse(invite, 180, { toTag: 'b' }));
  assert.equal(tx.state, 'proceeding');
  h.timers.advance(5000);
  assert.equal(h.sent.length, 1, 'no retransmission after a provisional');
  const busy = createResponse(invite, 486, { toTag: 'b' });
  tx.receiveResponse(busy);
  const ack = h.sent[1].msg as SipRequest;
  assert.equal(ack.method, 'ACK');
  assert.equal(viaBranch(topVia(ack)), 'z9hG4bKabc');
  assert.equal(toOf(ack).params.get('tag'), 'b');
  assert.deepEqual(cseqOf(ack), { seq: 7, method: 'ACK' });
  assert.equal(ack.headers.get('route'), '<sip:proxy.example.com;lr>');
  tx.receiveResponse(busy);
  assert.equal(h.sent.length, 3);
  assert.deepEqual(h.events, ['response 180', 'response 486']);
  h.timers.advance(32_000);
  assert.equal(tx.state, 'terminated');
});

void test('INVITE client: 2xx moves to accepted, retransmitted 2xx reach the TU, Timer M ends it', () => {
  const h = harness();
  const invite = request('INVITE');
  const tx = new InviteClientTransaction('t', invite, h.env, h.user);
  tx.start();
  const ok = createResponse(invite, 200, { toTag: 'b' });
  tx.receiveResponse(ok);
  tx.receiveResponse(ok);
  assert.equal(tx.state, 'accepted');
  assert.deepEqual(h.events, ['response 200', 'response 200']);
  assert.equal(h.sent.length, 1, 'the transaction does not ACK a 2xx');
  h.timers.advance(32_000);
  assert.equal(tx.state, 'terminated');
});

void test('non-INVITE client over UDP: Timer E caps at T2, Timer F fires at 32 s', () => {
  const h = harness();
  const tx = new NonInviteClientTransaction('t', request('OPTIONS'), h.env, h.user);
  tx.start();
  h.timers.advance(40_000);
  assert.deepEqual(h.sent.map((s) => s.at), [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.deepEqual(h.events, ['timeout']);
});

void test('non-INVITE client over TCP: no retransmissions, Timer K is zero', () => {
  const h = harness(true);
  const req = request('BYE');
  const tx = new NonInviteClientTransaction('t', req, h.env, h.user);
  tx.start();
  h.timers.advance(10_000);
  assert.equal(h.sent.length, 1);
  tx.receiveResponse(createResponse(req, 200));
  assert.equal(tx.state, 'completed');
  h.timers.advance(0);
  assert.equal(tx.state, 'terminated');
});

void test('INVITE server: final 486 retransmitted by Timer G until the ACK; Timer I then ends it', () => {
  const h = harness();
  const invite = request('INVITE');
  const tx = new InviteServerTransaction('s', invite, h.env);
  tx.respond(createResponse(invite, 100));
  tx.receiveRetransmission();
  assert.equal(h.sent.length, 2, 'a retransmitted INVITE gets the last provisional again');
  tx.respond(createResponse(invite, 486, { toTag: 'x' }));
  h.timers.advance(3600);
  assert.deepEqual(h.sent.slice(2).map((s) => s.at), [0, 500, 1500, 3500]);
  tx.receiveAck();
  assert.equal(tx.state, 'confirmed');
  h.timers.advance(10_000);
  assert.equal(h.sent.length, 6);
  assert.equal(tx.state, 'terminated');
  assert.throws(() => tx.respond(createResponse(invite, 500)), /state terminated/);
});

void test('INVITE server: no ACK before Timer H reports an ACK timeout', () => {
  const h = harness();
  const invite = request('INVITE');
  const tx = new InviteServerTransaction('s', invite, h.env);
  let timedOut = false;
  tx.events = { onAckTimeout: () => (timedOut = true) };
  tx.respond(createResponse(invite, 503, { toTag: 'x' }));
  h.timers.advance(32_000);
  assert.equal(timedOut, true);
  assert.equal(tx.state, 'terminated');
});

void test('INVITE server: 2xx goes to accepted, the TU may retransmit it, Timer L ends it', () => {
  const h = harness();
  const invite = request('INVITE');
  const tx = new InviteServerTransaction('s', invite, h.env);
  const ok = createResponse(invite, 200, { toTag: 'x' });
  tx.respond(ok);
  tx.respond(ok);
  assert.equal(tx.state, 'accepted');
  assert.equal(h.sent.length, 2);
  h.timers.advance(32_000);
  assert.equal(tx.state, 'terminated');
});

void test('non-INVITE server: retransmitted request gets the final again; Timer J 64·T1 on UDP', () => {
  const h = harness();
  const req = request('OPTIONS');
  const tx = new NonInviteServerTransaction('s', req, h.env);
  tx.receiveRetransmission();
  assert.equal(h.sent.length, 0, 'nothing to repeat yet');
  tx.respond(createResponse(req, 200, { toTag: 'x' }));
  tx.receiveRetransmission();
  assert.equal(h.sent.length, 2);
  h.timers.advance(31_999);
  assert.equal(tx.state, 'completed');
  h.timers.advance(1);
  assert.equal(tx.state, 'terminated');
});
