import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { PortAllocator } from '../rtp/port-allocator.js';
import { RtpSession } from '../rtp/rtp-session.js';
import { parseRtp, serializeRtp, type RtpPacket } from '../rtp/rtp-packet.js';
import { EchoResponder } from './echo-responder.js';
import { decodeG711, encodeG711 } from '../codec/g711.js';
import { goertzelPower, rmsDbm0, sineTone } from '../tone/tone-generator.js';
import { PromptPlayer, rtpFrameSink } from '../player/prompt-player.js';
import { encodeTelephoneEvent } from '../dtmf/rfc4733.js';

const base = 44000 + 2 * Math.floor(Math.random() * 2000);
const allocator = new PortAllocator({ min: base, max: base + 10 }, '127.0.0.1');

test('echo test: the caller hears its own 1 kHz tone back at the same level, on our SSRC, and DTMF is reported', async () => {
  const phone = createSocket('udp4');
  await new Promise<void>((r) => phone.bind(0, '127.0.0.1', r));
  const got: RtpPacket[] = [];
  phone.on('message', (m: Buffer) => got.push(parseRtp(m)));
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: phone.address().port }, rtcpIntervalMs: 0 });
  const digits: string[] = [];
  const echo = new EchoResponder(session, { audioPayloadType: 0, telephoneEventPayloadType: 101, onDigit: (r) => digits.push(r.digit) });
  try {
    const tone = sineTone(1000, -10, 400);
    for (let k = 0; k < 20; k++) {
      const payload = encodeG711('pcmu', tone.subarray(k * 160, (k + 1) * 160));
      phone.send(serializeRtp({ payloadType: 0, sequence: k, timestamp: k * 160, ssrc: 77, payload }), session.localPort, '127.0.0.1');
    }
    for (let i = 0; i < 3; i++) {
      phone.send(serializeRtp({ payloadType: 101, sequence: 20 + i, timestamp: 3200, ssrc: 77, payload: encodeTelephoneEvent({ event: 3, end: true, volume: 10, duration: 800 }) }), session.localPort, '127.0.0.1');
    }
    for (let i = 0; i < 100 && (got.length < 20 || digits.length < 1); i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal(got.length, 20);
    assert.ok(got.every((p) => p.ssrc === session.stream.ssrc));
    const heard = new Int16Array(20 * 160);
    got.forEach((p, k) => heard.set(decodeG711('pcmu', p.payload), k * 160));
    assert.ok(Math.abs(rmsDbm0(heard) - -10) < 0.5, `level ${rmsDbm0(heard)}`);
    assert.ok(goertzelPower(heard, 1000) > 100 * goertzelPower(heard, 1400));
    assert.deepEqual(digits, ['3']);
    assert.equal(echo.echoed, 20);
  } finally {
    echo.dispose();
    session.dispose();
    phone.close();
  }
});

test('tone test: a looping 1 kHz prompt reaches the phone as continuous RTP', async () => {
  const phone = createSocket('udp4');
  await new Promise<void>((r) => phone.bind(0, '127.0.0.1', r));
  const got: RtpPacket[] = [];
  phone.on('message', (m: Buffer) => got.push(parseRtp(m)));
  const session = await RtpSession.open(allocator, { remote: { address: '127.0.0.1', port: phone.address().port }, rtcpIntervalMs: 0 });
  const player = new PromptPlayer({ sink: rtpFrameSink(session, 'pcma', 8) });
  try {
    player.play(sineTone(1000, -10, 100), { loop: true });
    for (let i = 0; i < 100 && got.length < 10; i++) await new Promise((r) => setTimeout(r, 10));
    player.stop();
    assert.ok(got.length >= 10);
    const seqs = got.map((p) => p.sequence);
    seqs.slice(1).forEach((s, i) => assert.equal((s - seqs[i]) & 0xffff, 1));
    got.slice(1).forEach((p, i) => assert.equal((p.timestamp - got[i].timestamp) >>> 0, 160));
    const pcm = decodeG711('pcma', got[3].payload);
    assert.ok(goertzelPower(pcm, 1000) > 10 * goertzelPower(pcm, 1500));
  } finally {
    player.dispose();
    session.dispose();
    phone.close();
  }
});
