import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualMediaTimer } from '../media-timer.js';
import { RtpOutboundStream } from '../rtp/rtp-stream.js';
import { parseRtp, type RtpPacket } from '../rtp/rtp-packet.js';
import { DtmfSender } from './dtmf-sender.js';
import { DtmfReceiver, type DtmfDigitReport } from './dtmf-receiver.js';
import { decodeTelephoneEvent, digitToEvent, encodeTelephoneEvent, eventToDigit } from './rfc4733.js';
import { MediaErrors } from '../errors.js';

test('telephone-event payload encodes per RFC 4733 §2.3', () => {
  const b = encodeTelephoneEvent({ event: 11, end: true, volume: 10, duration: 800 });
  assert.deepEqual(Array.from(b), [11, 0x8a, 0x03, 0x20]);
  assert.deepEqual(decodeTelephoneEvent(b), { event: 11, end: true, volume: 10, duration: 800 });
  assert.equal(digitToEvent('#'), 11);
  assert.equal(digitToEvent('a'), 12);
  assert.equal(eventToDigit(10), '*');
  assert.equal(eventToDigit(16), undefined);
  assert.throws(() => digitToEvent('x'), (e) => MediaErrors.is(e, 'DTMF_BAD_DIGIT'));
});

function sendAll(digits: string, durationMs: number): { packets: RtpPacket[]; stream: RtpOutboundStream } {
  const timer = new ManualMediaTimer();
  const stream = new RtpOutboundStream(8000, { timestamp: 5000, sequence: 100 });
  const packets: RtpPacket[] = [];
  const sender = new DtmfSender(stream, (b) => packets.push(parseRtp(b)), timer, { payloadType: 101, durationMs });
  sender.sendDigits(digits);
  timer.advance(5000);
  assert.equal(sender.busy, false);
  sender.dispose();
  return { packets, stream };
}

test('one event: marker on the first packet, one timestamp throughout, three end packets', () => {
  const { packets } = sendAll('5', 200);
  const events = packets.map((p) => decodeTelephoneEvent(p.payload)!);
  assert.equal(packets[0].marker, true);
  assert.ok(packets.slice(1).every((p) => !p.marker));
  assert.equal(new Set(packets.map((p) => p.timestamp)).size, 1);
  assert.deepEqual(packets.map((p) => p.sequence), packets.map((_, i) => 100 + i));
  assert.ok(events.every((e) => e.event === 5 && e.volume === 10));
  assert.deepEqual(events.map((e) => e.duration), [400, 800, 1200, 1600, 1600, 1600]);
  assert.deepEqual(events.map((e) => e.end), [false, false, false, true, true, true]);
});

test('the receiver reports each digit once with its duration, despite redundant end packets', () => {
  const { packets } = sendAll('1#9', 120);
  assert.equal(new Set(packets.map((p) => p.timestamp)).size, 3, 'each event has its own timestamp');
  const reports: DtmfDigitReport[] = [];
  const rx = new DtmfReceiver((r) => reports.push(r));
  for (const p of packets) rx.receive(p);
  for (const p of packets.slice(-3)) rx.receive(p); // network duplicates
  rx.flush();
  assert.deepEqual(reports.map((r) => r.digit), ['1', '#', '9']);
  assert.ok(reports.every((r) => r.durationMs === 120));
});

test('an event whose end packets were all lost is reported when the next one starts', () => {
  const { packets } = sendAll('78', 100);
  const reports: DtmfDigitReport[] = [];
  const rx = new DtmfReceiver((r) => reports.push(r));
  for (const p of packets) if (!(decodeTelephoneEvent(p.payload)!.end && p.payload[0] === 7)) rx.receive(p);
  assert.deepEqual(reports.map((r) => r.digit), ['7', '8']);
});
