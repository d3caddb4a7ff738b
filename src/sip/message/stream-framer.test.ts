import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamFramer } from './stream-framer.js';

const msg = (body: string) => `MESSAGE sip:a@h SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nl: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

void test('messages split across and packed into chunks are framed by Content-Length', () => {
  const f = new StreamFramer();
  const wire = Buffer.from(msg('hello') + msg('') + msg('wörld'));
  const out = [];
  for (let i = 0; i < wire.length; i += 7) out.push(...f.push(wire.subarray(i, i + 7)));
  assert.deepEqual(out.map((e) => (e.type === 'message' ? e.bytes.toString() : e.type)), [msg('hello'), msg(''), msg('wörld')]);
  assert.equal(f.buffered, 0);
});

void test('a CRLFCRLF keep-alive is a ping, and leading CRLFs are skipped', () => {
  const f = new StreamFramer();
  const out = f.push(Buffer.from('\r\n\r\n' + msg('x')));
  assert.deepEqual(out.map((e) => e.type), ['ping', 'message']);
});

void test('a stream without or with a bad Content-Length is a framing error', () => {
  assert.deepEqual(new StreamFramer().push(Buffer.from('OPTIONS sip:a@h SIP/2.0\r\nVia: x\r\n\r\n')), [{ type: 'error', reason: 'missing-content-length' }]);
  assert.deepEqual(new StreamFramer().push(Buffer.from('OPTIONS sip:a@h SIP/2.0\r\nContent-Length: -1\r\n\r\n')), [{ type: 'error', reason: 'bad-content-length' }]);
  assert.deepEqual(new StreamFramer().push(Buffer.from('OPTIONS sip:a@h SIP/2.0\r\nl: 1\r\nContent-Length: 1\r\n\r\nx')), [{ type: 'error', reason: 'bad-content-length' }]);
});

void test('a frame larger than the limit, or endless headers, close the stream', () => {
  assert.deepEqual(new StreamFramer({ maxMessageBytes: 100 }).push(Buffer.from(msg('x'.repeat(200)))), [{ type: 'error', reason: 'too-large' }]);
  const f = new StreamFramer({ maxMessageBytes: 1000 });
  let last: unknown[] = [];
  for (let i = 0; i < 20 && last.length === 0; i++) last = f.push(Buffer.from('X-Header: ' + 'a'.repeat(100)));
  assert.deepEqual(last, [{ type: 'error', reason: 'too-large' }]);
});
