import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RtpOutboundStream } from './rtp-stream.js';

test('SSRC, sequence and timestamp start random and differ between streams', () => {
  const a = new RtpOutboundStream();
  const b = new RtpOutboundStream();
  const fa = a.nextFrame(0, 160);
  const fb = b.nextFrame(0, 160);
  assert.ok(a.ssrc !== b.ssrc || fa.sequence !== fb.sequence || fa.timestamp !== fb.timestamp);
  assert.equal(fa.marker, true, 'first packet starts a talkspurt');
});

test('sequence and timestamp wrap around without a glitch', () => {
  const s = new RtpOutboundStream(8000, { sequence: 0xfffe, timestamp: 0xffffff00 });
  const f = [0, 20, 40, 60].map((t) => s.nextFrame(t, 160));
  assert.deepEqual(f.map((x) => x.sequence), [0xfffe, 0xffff, 0, 1]);
  assert.deepEqual(f.map((x) => x.timestamp), [0xffffff00, 0xffffffa0, 0x40, 0xe0]);
  assert.deepEqual(f.slice(1).map((x) => x.marker), [false, false, false]);
});

test('after a silence gap the timestamp jumps by the elapsed time and the marker is set', () => {
  const s = new RtpOutboundStream(8000, { timestamp: 1000 });
  s.nextFrame(0, 160);
  s.nextFrame(20, 160);
  const resumed = s.nextFrame(1020, 160); // 1 s after the previous packet
  assert.equal(resumed.timestamp, 1160 + 8000);
  assert.equal(resumed.marker, true);
  const next = s.nextFrame(1040, 160);
  assert.equal(next.timestamp, 1160 + 8000 + 160);
  assert.equal(next.marker, false);
});

test('a late timer or a busy event loop (up to 250 ms) does not disturb timestamp continuity', () => {
  const s = new RtpOutboundStream(8000, { timestamp: 0 });
  const t = [0, 26, 40, 63, 80, 300].map((ms) => s.nextFrame(ms, 160).timestamp);
  assert.deepEqual(t, [0, 160, 320, 480, 640, 800]);
});

test('resync (a new prompt after a short pause) re-stamps from elapsed time with the marker', () => {
  const s = new RtpOutboundStream(8000, { timestamp: 0 });
  s.nextFrame(0, 160);
  const h = s.nextFrame(100, 160, 160, true);
  assert.deepEqual([h.timestamp, h.marker], [800, true]);
});
