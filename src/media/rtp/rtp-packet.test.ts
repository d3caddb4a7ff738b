import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeRtp, parseRtp, rewriteRtpHeader, serializeRtp } from './rtp-packet.js';
import { MediaErrors } from '../errors.js';

test('a plain G.711 packet serializes to the RFC 3550 wire layout and parses back', () => {
  const payload = new Uint8Array(160).fill(0xff);
  const buf = serializeRtp({ payloadType: 0, marker: true, sequence: 0xfffe, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, payload });
  assert.equal(buf.length, 172);
  assert.equal(buf[0], 0x80);
  assert.equal(buf[1], 0x80);
  assert.equal(buf.readUInt32BE(8), 0xdeadbeef);
  const p = parseRtp(buf);
  assert.equal(p.payloadType, 0);
  assert.equal(p.marker, true);
  assert.equal(p.sequence, 0xfffe);
  assert.equal(p.timestamp, 0xfffffff0);
  assert.equal(p.ssrc, 0xdeadbeef);
  assert.equal(p.payload.length, 160);
});

test('CSRCs, header extension and padding round-trip', () => {
  const payload = Uint8Array.from([1, 2, 3, 4, 5]);
  const buf = serializeRtp({
    payloadType: 8, sequence: 1, timestamp: 2, ssrc: 3, csrcs: [10, 20],
    extension: { profile: 0xbede, data: Uint8Array.from([0x10, 0xaa, 0, 0]) }, payload, padTo: 4,
  });
  assert.equal(buf.length % 4, 0);
  const p = parseRtp(buf);
  assert.deepEqual(p.csrcs, [10, 20]);
  assert.equal(p.extension?.profile, 0xbede);
  assert.deepEqual(Array.from(p.extension?.data ?? []), [0x10, 0xaa, 0, 0]);
  assert.deepEqual(Array.from(p.payload), [1, 2, 3, 4, 5]);
  assert.equal(p.padding, buf.length - 12 - 8 - 8 - 5);
});

test('malformed packets are rejected with RTP_BAD_PACKET', () => {
  const bad = [
    Buffer.alloc(11),
    Buffer.from([0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), // version 1
    Buffer.from([0x82, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), // 2 CSRCs promised, 1 present
    Buffer.from([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 50]), // padding longer than packet
    Buffer.from([0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]), // extension overruns
  ];
  for (const b of bad) assert.throws(() => parseRtp(b), (e) => MediaErrors.is(e, 'RTP_BAD_PACKET'));
});

test('RTP/RTCP demultiplexing and in-place header rewrite', () => {
  const buf = serializeRtp({ payloadType: 0, sequence: 5, timestamp: 6, ssrc: 7, payload: new Uint8Array(4) });
  assert.equal(looksLikeRtp(buf), true);
  const rtcp = Buffer.from([0x80, 200, 0, 6, ...new Array<number>(24).fill(0)]);
  assert.equal(looksLikeRtp(rtcp), false);
  rewriteRtpHeader(buf, 8, true, 0x10000 + 3, 2 ** 32 + 9, 0xffffffff);
  const p = parseRtp(buf);
  assert.deepEqual([p.payloadType, p.marker, p.sequence, p.timestamp, p.ssrc], [8, true, 3, 9, 0xffffffff]);
});
