import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage } from './parse-message.js';
import { serializeMessage } from './serialize.js';
import { contactsOf, cseqOf, fromOf, toOf, topVia, vias, type SipRequest } from './message.js';
import { isSipUri, parseUri, formatUri } from './uri.js';
import { createResponse } from './response.js';
import { withReceived, formatVia } from './via.js';

const invite = [
  'INVITE sip:bob@[2001:db8::10]:5070;transport=tcp SIP/2.0',
  'v: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKabc;rport',
  'f: "Alice, \\"A\\"" <sip:alice@example.com>;tag=a1',
  't: <sip:bob@example.com>',
  'i: call-1@example.com',
  'CSeq: 1 INVITE',
  'Max-Forwards: 70',
  'm: <sip:alice@192.0.2.1;transport=udp>;expires=60, "Desk, 2" <sip:alice@192.0.2.2>',
  'k: replaces, timer',
  'c: application/sdp',
  'l: 4',
  '',
  'abcdEXTRA',
].join('\r\n');

void test('compact forms, quoted commas and IPv6 references parse to the right values', () => {
  const r = parseMessage(invite);
  assert.ok(r.ok);
  const m = r.message as SipRequest;
  const uri = m.uri;
  assert.ok(isSipUri(uri));
  assert.equal(uri.host, '[2001:db8::10]');
  assert.equal(uri.port, 5070);
  assert.equal(uri.params.get('transport'), 'tcp');
  assert.equal(topVia(m).host, '[2001:db8::1]');
  assert.equal(topVia(m).params.get('rport'), null);
  assert.equal(fromOf(m).displayName, 'Alice, "A"');
  assert.equal(toOf(m).params.size, 0);
  assert.deepEqual(cseqOf(m), { seq: 1, method: 'INVITE' });
  assert.equal(contactsOf(m).length, 2);
  assert.equal(contactsOf(m)[1].displayName, 'Desk, 2');
  assert.deepEqual(m.headers.getAll('Supported'), ['replaces', 'timer']);
  assert.equal(m.body.toString(), 'abcd', 'bytes past Content-Length are discarded');
});

void test('serialization writes long names and a Content-Length matching the body', () => {
  const r = parseMessage(invite);
  assert.ok(r.ok);
  const text = serializeMessage(r.message).toString();
  assert.match(text, /^INVITE sip:bob@\[2001:db8::10\]:5070;transport=tcp SIP\/2\.0\r\n/);
  assert.match(text, /\r\nVia: SIP\/2\.0\/UDP \[2001:db8::1\]:5060;branch=z9hG4bKabc;rport\r\n/);
  assert.match(text, /\r\nCall-ID: call-1@example\.com\r\n/);
  assert.match(text, /\r\nContent-Length: 4\r\n\r\nabcd$/);
});

void test('header folding and case-insensitive names are unfolded into one value', () => {
  const r = parseMessage('OPTIONS sip:x@h SIP/2.0\r\nVIA: SIP/2.0/TCP h\r\n ;branch=z9hG4bK1\r\nFROM: <sip:a@h>;tag=1\r\nto: <sip:x@h>\r\ncall-id: c\r\ncseq: 2\r\n\tOPTIONS\r\n\r\n');
  assert.ok(r.ok);
  assert.equal(topVia(r.message).params.get('branch'), 'z9hG4bK1');
  assert.equal(cseqOf(r.message).seq, 2);
});

void test('a message over the size limit is answered 513, too many headers too', () => {
  const big = invite.replace('l: 4\r\n\r\nabcdEXTRA', 'X-Pad: ' + 'a'.repeat(70000) + '\r\nl: 0\r\n\r\n');
  const r = parseMessage(big, { maxMessageBytes: 65535 });
  assert.ok(!r.ok);
  assert.equal(r.error.status, 513);
  const many = invite.replace('l: 4', 'X-A: 1\r\n'.repeat(300) + 'l: 4');
  const r2 = parseMessage(many);
  assert.ok(!r2.ok);
  assert.equal(r2.error.status, 513);
});

void test('a response to a request copies Via, From, To (+tag), Call-ID and CSeq', () => {
  const r = parseMessage(invite);
  assert.ok(r.ok);
  const resp = createResponse(r.message as SipRequest, 180, { toTag: 'b2' });
  assert.equal(resp.reason, 'Ringing');
  assert.equal(toOf(resp).params.get('tag'), 'b2');
  assert.equal(vias(resp).length, 1);
  const wire = serializeMessage(resp).toString();
  assert.match(wire, /^SIP\/2\.0 180 Ringing\r\n/);
  assert.ok(parseMessage(wire).ok);
});

void test('received and rport are added for the real source (RFC 3581)', () => {
  const r = parseMessage(invite);
  assert.ok(r.ok);
  const v = withReceived(topVia(r.message), '198.51.100.7', 40000);
  assert.equal(formatVia(v), 'SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKabc;rport=40000;received=198.51.100.7');
});

void test('URIs: escapes, passwords, headers, bad ports and opaque schemes', () => {
  assert.equal(formatUri(parseUri('sip:a:pw@h:5060;lr;maddr=1.2.3.4?subject=x&priority=urgent')!), 'sip:a:pw@h:5060;lr;maddr=1.2.3.4?subject=x&priority=urgent');
  assert.equal(parseUri('sip:a@h:99999'), null);
  assert.equal(parseUri('sip:a%zz@h'), null);
  assert.equal(parseUri('sip:a@h a'), null);
  assert.equal(parseUri('sip:@h'), null);
  assert.deepEqual(parseUri('tel:+15551234'), { scheme: 'tel', raw: 'tel:+15551234' });
});
