import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from '../message/parse-message.js';
import { type SipRequest, type SipResponse, cseqOf, routesOf } from '../message/message.js';
import { createResponse } from '../message/response.js';
import { formatUri } from '../message/uri.js';
import { nextHop } from '../ua/next-hop.js';
import { dialogFromRequest, dialogFromResponse } from './dialog.js';

// An INVITE that crossed two record-routing proxies (e.g. Kamailio in front of us).
const invite = parseMessage([
  'INVITE sip:agent@10.0.0.5 SIP/2.0',
  'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKp2', 'Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKp1', 'Via: SIP/2.0/UDP 198.51.100.9;branch=z9hG4bKc',
  'Record-Route: <sip:10.0.0.1;lr>', 'Record-Route: <sip:10.0.0.2;lr;ftag=abc>',
  'From: "Caller" <sip:caller@example.com>;tag=ct', 'To: <sip:agent@pbx.example.com>', 'Call-ID: rr-1', 'CSeq: 10 INVITE',
  'Contact: <sip:caller@198.51.100.9:5070>', 'Content-Length: 0', '', '',
].join('\r\n'));
assert.ok(invite.ok);
const req = invite.message as SipRequest;

const flush = () => new Promise((r) => setImmediate(r));

void test('UAS dialog: the route set is the Record-Route in order; BYE is loose-routed through it', async () => {
  const d = dialogFromRequest(req, 'lt', '<sip:sb@10.0.0.5>', 'confirmed');
  assert.deepEqual(d.routeSet.map((r) => formatUri(r.uri)), ['sip:10.0.0.1;lr', 'sip:10.0.0.2;lr;ftag=abc']);
  const bye = d.createRequest('BYE');
  assert.equal(formatUri(bye.uri), 'sip:caller@198.51.100.9:5070', 'Request-URI is the remote target');
  assert.deepEqual(routesOf(bye).map((r) => formatUri(r.uri)), ['sip:10.0.0.1;lr', 'sip:10.0.0.2;lr;ftag=abc']);
  assert.deepEqual(await nextHop(bye), { protocol: 'UDP', address: '10.0.0.1', port: 5060 }, 'sent to the first proxy');
  assert.equal(bye.headers.get('from'), '<sip:agent@pbx.example.com>;tag=lt');
  assert.equal(bye.headers.get('to'), '"Caller" <sip:caller@example.com>;tag=ct');
  assert.equal(cseqOf(bye).seq, 1);
  await flush();
});

void test('UAC dialog: the route set is the response Record-Route reversed; ACK uses the INVITE CSeq', async () => {
  const res: SipResponse = createResponse(req, 200, { toTag: 'callee', headers: [['Record-Route', '<sip:10.0.0.1;lr>'], ['Record-Route', '<sip:10.0.0.2;lr>'], ['Contact', '<sip:agent@10.0.0.5:5080>']] });
  const d = dialogFromResponse(req, res, '<sip:caller@198.51.100.9:5070>', 'confirmed');
  assert.deepEqual(d.routeSet.map((r) => formatUri(r.uri)), ['sip:10.0.0.2;lr', 'sip:10.0.0.1;lr']);
  const ack = d.createRequest('ACK', { seq: 10 });
  assert.deepEqual(cseqOf(ack), { seq: 10, method: 'ACK' });
  assert.equal(formatUri(ack.uri), 'sip:agent@10.0.0.5:5080');
  assert.deepEqual(await nextHop(ack), { protocol: 'UDP', address: '10.0.0.2', port: 5060 });
  assert.equal(d.createRequest('BYE').headers.get('cseq'), '11 BYE');
});

void test('a strict router first hop (no ;lr) becomes the Request-URI, the remote target goes last (§12.2.1.1)', () => {
  const strict = parseMessage([
    'INVITE sip:agent@10.0.0.5 SIP/2.0', 'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKs', 'Record-Route: <sip:10.0.0.1>',
    'From: <sip:c@example.com>;tag=ct', 'To: <sip:a@pbx>', 'Call-ID: s', 'CSeq: 1 INVITE', 'Contact: <sip:c@198.51.100.9>', 'Content-Length: 0', '', '',
  ].join('\r\n'));
  assert.ok(strict.ok);
  const d = dialogFromRequest(strict.message as SipRequest, 'lt', '<sip:sb@10.0.0.5>', 'confirmed');
  const bye = d.createRequest('BYE');
  assert.equal(formatUri(bye.uri), 'sip:10.0.0.1');
  assert.deepEqual(routesOf(bye).map((r) => formatUri(r.uri)), ['sip:c@198.51.100.9']);
});

void test('in-dialog CSeq: a lower or equal number is out of order (§12.2.2)', () => {
  const d = dialogFromRequest(req, 'lt', '<sip:sb@10.0.0.5>', 'confirmed');
  const mk = (n: number, m = 'INFO') => {
    const r = parseMessage(`${m} sip:x@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK${n}\r\nFrom: <sip:c@e>;tag=ct\r\nTo: <sip:a@p>;tag=lt\r\nCall-ID: rr-1\r\nCSeq: ${n} ${m}\r\nContent-Length: 0\r\n\r\n`);
    assert.ok(r.ok);
    return r.message as SipRequest;
  };
  assert.equal(d.acceptRemoteSeq(mk(11)), true);
  assert.equal(d.acceptRemoteSeq(mk(11)), false);
  assert.equal(d.acceptRemoteSeq(mk(5)), false);
  assert.equal(d.acceptRemoteSeq(mk(10, 'ACK')), true);
  assert.throws(() => { d.transition('terminated'); d.transition('early'); }, /illegal transition/);
});
