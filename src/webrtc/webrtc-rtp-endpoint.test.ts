import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualMediaTimer } from '../media/media-timer.js';
import { parseRtp, serializeRtp, type RtpPacket } from '../media/rtp/rtp-packet.js';
import { rtpFrameSink } from '../media/player/prompt-player.js';
import { WebRtcRtpEndpoint } from './webrtc-rtp-endpoint.js';

const rtp = (payloadType: number, sequence = 1): Buffer =>
  serializeRtp({ payloadType, sequence, timestamp: 160 * sequence, ssrc: 42, payload: new Uint8Array(160).fill(0xff) });

void test('negotiated RTP goes up through the delegate; RTCP, junk and other payload types are dropped', () => {
  const endpoint = new WebRtcRtpEndpoint(() => true, [0, 126], new ManualMediaTimer());
  const got: RtpPacket[] = [];
  endpoint.delegate = { onRtp: (p) => got.push(p) };
  endpoint.receive(rtp(0, 1));
  endpoint.receive(rtp(126, 2));
  endpoint.receive(rtp(111, 3)); // opus: not negotiated
  endpoint.receive(Buffer.from([0x80, 0xc9, 0, 1, 0, 0, 0, 42])); // RTCP RR (rtcp-mux)
  endpoint.receive(Buffer.from('hello'));
  assert.deepEqual(got.map((p) => p.payloadType), [0, 126]);
  assert.equal(endpoint.stats().packetsReceived, 2);
  assert.equal(endpoint.stats().dropped, 3);
});

void test('frames from the prompt player go out on the endpoint\'s own stream; refused sends are counted; dispose stops both ways', () => {
  const sent: Buffer[] = [];
  let up = false;
  const endpoint = new WebRtcRtpEndpoint((b) => up && sent.push(b) > 0, [0]);
  const sink = rtpFrameSink(endpoint, 'pcmu', 0);
  sink(new Int16Array(160), true); // media not up yet
  up = true;
  sink(new Int16Array(160), false);
  sink(new Int16Array(160), false);
  assert.equal(sent.length, 2);
  assert.equal(endpoint.stats().dropped, 1);
  const [a, b] = sent.map((s) => parseRtp(s));
  assert.equal(a.ssrc, endpoint.stream.ssrc);
  assert.equal(b.sequence, (a.sequence + 1) & 0xffff);
  assert.equal(b.timestamp, (a.timestamp + 160) >>> 0);
  let heard = 0;
  endpoint.delegate = { onRtp: () => heard++ };
  endpoint.dispose();
  endpoint.receive(rtp(0));
  endpoint.sendRaw(rtp(0));
  assert.equal(heard, 0);
  assert.equal(sent.length, 2);
  assert.equal(endpoint.disposed, true);
});
