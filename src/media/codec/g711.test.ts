import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeAlawSample, decodeG711, decodeUlawSample, encodeAlawSample, encodeG711, encodeUlawSample,
  ALAW_TO_ULAW, ULAW_TO_ALAW, G711_SILENCE, transcodeG711InPlace,
} from './g711.js';

test('μ-law decodes the reference values of G.711', () => {
  assert.equal(decodeUlawSample(0xff), 0);
  assert.equal(decodeUlawSample(0x7f), 0);
  assert.equal(decodeUlawSample(0x00), -32124);
  assert.equal(decodeUlawSample(0x80), 32124);
  assert.equal(decodeUlawSample(0xfe), 8);
  assert.equal(decodeUlawSample(0x7e), -8);
});

test('A-law decodes the reference values of G.711', () => {
  assert.equal(decodeAlawSample(0xd5), 8);
  assert.equal(decodeAlawSample(0x55), -8);
  assert.equal(decodeAlawSample(0xaa), 32256);
  assert.equal(decodeAlawSample(0x2a), -32256);
});

test('silence encodes to the idle codes and clips at full scale', () => {
  assert.equal(encodeUlawSample(0), G711_SILENCE.pcmu);
  assert.equal(encodeAlawSample(0), G711_SILENCE.pcma);
  assert.equal(encodeUlawSample(32767), 0x80);
  assert.equal(encodeUlawSample(-32768), 0x00);
  assert.equal(encodeAlawSample(32767), 0xaa);
  assert.equal(encodeAlawSample(-32768), 0x2a);
});

test('every code survives decode → encode unchanged (except μ-law negative zero)', () => {
  for (let c = 0; c < 256; c++) {
    if (c !== 0x7f) assert.equal(encodeUlawSample(decodeUlawSample(c)), c, `μ-law ${c}`);
    assert.equal(encodeAlawSample(decodeAlawSample(c)), c, `A-law ${c}`);
  }
});

test('round-trip error stays within the quantisation step of each segment', () => {
  for (let s = -32768; s < 32768; s += 7) {
    const mag = Math.abs(s);
    const u = decodeUlawSample(encodeUlawSample(s));
    const a = decodeAlawSample(encodeAlawSample(s));
    // Logarithmic companding: error ≤ ~1/16 of magnitude plus a small floor.
    assert.ok(Math.abs(u - s) <= mag / 16 + 8 + 1024 * Number(mag > 32124), `μ ${s}→${u}`);
    assert.ok(Math.abs(a - s) <= mag / 16 + 16 + 1024 * Number(mag > 32256), `A ${s}→${a}`);
  }
});

test('encode is monotonic: louder input never yields a quieter decoded sample', () => {
  let prevU = -Infinity, prevA = -Infinity;
  for (let s = -32768; s < 32768; s++) {
    const u = decodeUlawSample(encodeUlawSample(s));
    const a = decodeAlawSample(encodeAlawSample(s));
    assert.ok(u >= prevU && a >= prevA);
    prevU = u; prevA = a;
  }
});

test('direct μ↔A tables agree with decode-then-encode and round-trip closely', () => {
  for (let c = 0; c < 256; c++) {
    assert.equal(ULAW_TO_ALAW[c], encodeAlawSample(decodeUlawSample(c)));
    const back = decodeUlawSample(ALAW_TO_ULAW[ULAW_TO_ALAW[c]]);
    const orig = decodeUlawSample(c);
    assert.ok(Math.abs(back - orig) <= Math.max(16, Math.abs(orig) / 8), `${c}: ${orig} vs ${back}`);
  }
});

test('buffer encode/decode and in-place transcoding', () => {
  const pcm = Int16Array.from([0, 1000, -1000, 30000, -30000]);
  const u = encodeG711('pcmu', pcm);
  const back = decodeG711('pcmu', u);
  for (let i = 0; i < pcm.length; i++) assert.ok(Math.abs(back[i] - pcm[i]) <= Math.abs(pcm[i]) / 16 + 8);
  const buf = Uint8Array.from(u);
  transcodeG711InPlace('pcmu', 'pcma', buf);
  assert.deepEqual(Array.from(buf), Array.from(encodeG711('pcma', back)).map((_, i) => ULAW_TO_ALAW[u[i]]));
  const a = decodeG711('pcma', buf);
  for (let i = 0; i < pcm.length; i++) assert.ok(Math.abs(a[i] - pcm[i]) <= Math.abs(pcm[i]) / 8 + 16);
});
