import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { PortAllocator } from '../rtp/port-allocator.js';
import { RtpSession } from '../rtp/rtp-session.js';
import { parseRtp, serializeRtp, type RtpPacket } from '../rtp/rtp-packet.js';
import { RtpBridge } from './rtp-bridge.js';
import { ALAW_TO_ULAW, decodeUlawSample, encodeG711, ULAW_TO_ALAW } from '../codec/g711.js';
import { encodeTelephoneEvent, decodeTelephoneEvent } from '../dtmf/rfc4733.js';
import { sineTone } from '../tone/tone-generator.js';
import type { DtmfDigitReport } from '../dtmf/dtmf-receiver.js';

const base = 34000 + 2 * Math.floor(Math.random() * 3000);
const allocator = new PortAllocator({ min: base, max: base + 20 }, '127.0.0.1');

async function phone(): Promise<{ sock: Socket; got: RtpPacket[]; port: number }> {
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  const got: RtpPacket[] = [];
  sock.on('message', (m: Buffer) => got.push(parseRtp(m)));
  return { sock, got, port: sock.address().port };
}

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

test('PCMU caller ↔ PCMA callee: transcoded, restamped per leg, DTMF forwarded and reported once', async () => {
  const pa = await phone();
  const pb = await phone();
  const sa = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: pa.port }, rtcpIntervalMs: 0, payloadTypes: [0, 101] });
  const sb = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: pb.port }, rtcpIntervalMs: 0, payloadTypes: [8, 96] });
  const digits: DtmfDigitReport[] = [];
  const bridge = new RtpBridge(
    { session: sa, codec: 'pcmu', audioPayloadType: 0, telephoneEventPayloadType: 101 },
    { session: sb, codec: 'pcma', audioPayloadType: 8, telephoneEventPayloadType: 96 },
    { onDigit: (leg, r) => leg === 'a' && digits.push(r) },
  );
  try {
    const ulaw = encodeG711('pcmu', sineTone(1000, -10, 20));
    const send = (ssrc: number, seq: number, ts: number, pt = 0, payload: Uint8Array = ulaw, marker = false): void => {
      pa.sock.send(serializeRtp({ payloadType: pt, sequence: seq, timestamp: ts, ssrc, payload, marker }), sa.localPort, '127.0.0.1');
    };
    for (let i = 0; i < 5; i++) send(111, 500 + i, 9000 + i * 160);
    send(111, 506, 9000 + 6 * 160); // 505 lost on the way in
    // DTMF '4': start, end ×3 (all same timestamp)
    const ev = (end: boolean, d: number): Buffer => encodeTelephoneEvent({ event: 4, end, volume: 10, duration: d });
    send(111, 507, 10120, 101, ev(false, 400), true);
    for (let i = 0; i < 3; i++) send(111, 508 + i, 10120, 101, ev(true, 800));
    // The caller's phone restarts its stream with a new SSRC.
    send(222, 7, 123456);
    await until(() => pb.got.length >= 11);
    const out = pb.got;
    assert.equal(out.length, 11);
    assert.ok(out.every((p) => p.ssrc === sb.stream.ssrc), 'callee sees one SSRC: its leg');
    const audio = out.filter((p) => p.payloadType === 8);
    assert.deepEqual(Array.from(audio[0].payload), Array.from(ulaw).map((c) => ULAW_TO_ALAW[c]));
    const seqs = out.map((p) => p.sequence);
    for (let i = 1; i < 10; i++) assert.equal((seqs[i] - seqs[0]) & 0xffff, i < 5 ? i : i + 1, 'gap preserved');
    assert.equal((out[5].timestamp - out[0].timestamp) >>> 0, 6 * 160);
    const dtmf = out.filter((p) => p.payloadType === 96);
    assert.equal(dtmf.length, 4);
    assert.equal(dtmf[0].marker, true);
    assert.equal(decodeTelephoneEvent(dtmf[3].payload)?.end, true);
    assert.deepEqual(digits.map((d) => [d.digit, d.durationMs]), [['4', 100]]);
    // After the SSRC change the stream continues (next seq) and is flagged with the marker bit.
    const last = out[10];
    assert.equal((last.sequence - out[9].sequence) & 0xffff, 1);
    assert.equal(last.marker, true);

    // The other direction passes through too (callee → caller, A-law → μ-law).
    pb.sock.send(serializeRtp({ payloadType: 8, sequence: 1, timestamp: 1, ssrc: 5, payload: new Uint8Array(160).fill(0xd5) }), sb.localPort, '127.0.0.1');
    await until(() => pa.got.length >= 1);
    assert.equal(pa.got[0].payloadType, 0);
    assert.equal(pa.got[0].ssrc, sa.stream.ssrc);
    assert.ok(pa.got[0].payload.every((c) => c === ALAW_TO_ULAW[0xd5] && Math.abs(decodeUlawSample(c)) <= 8), 'A-law silence stays (near) silence');
    assert.deepEqual(bridge.relayed, { a: 11, b: 1 });
  } finally {
    bridge.dispose();
    sa.dispose();
    sb.dispose();
    pa.sock.close();
    pb.sock.close();
  }
});

test('same codec on both legs: payload bytes pass through untouched', async () => {
  const pa = await phone();
  const pb = await phone();
  const sa = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: pa.port }, rtcpIntervalMs: 0 });
  const sb = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: pb.port }, rtcpIntervalMs: 0 });
  const bridge = new RtpBridge({ session: sa, codec: 'pcma', audioPayloadType: 8 }, { session: sb, codec: 'pcma', audioPayloadType: 8 });
  try {
    const payload = Uint8Array.from({ length: 160 }, (_, i) => i);
    pa.sock.send(serializeRtp({ payloadType: 8, sequence: 1, timestamp: 1, ssrc: 5, payload }), sa.localPort, '127.0.0.1');
    await until(() => pb.got.length >= 1);
    assert.deepEqual(Array.from(pb.got[0].payload), Array.from(payload));
  } finally {
    bridge.dispose();
    sa.dispose();
    sb.dispose();
    pa.sock.close();
    pb.sock.close();
  }
});
