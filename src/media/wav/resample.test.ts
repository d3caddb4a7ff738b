import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goertzelPower, rmsDbm0, sineTone } from '../tone/tone-generator.js';
import { resample, resampleSync } from './resample.js';

test('22,050 → 8,000 Hz keeps a 1 kHz tone at its level and pitch', () => {
  const out = resampleSync(sineTone(1000, -10, 1000, 22050), 22050, 8000);
  assert.equal(out.length, 8000);
  const body = out.subarray(400, 7600); // away from the edges
  assert.ok(Math.abs(rmsDbm0(body) - -10) < 0.2, String(rmsDbm0(body)));
  assert.ok(goertzelPower(body, 1000) > 100 * goertzelPower(body, 900));
});

test('what a telephone cannot carry (5 kHz) is filtered out, not folded down to 3 kHz', async () => {
  const out = (await resample(sineTone(5000, -10, 1000, 22050), 22050, 8000)).subarray(400, 7600);
  assert.ok(rmsDbm0(out) < -60, `alias at ${rmsDbm0(out)} dBm0`);
});

test('same rate is a copy; a bad rate is refused', () => {
  const x = Int16Array.from([1, 2, 3]);
  assert.deepEqual(resampleSync(x, 8000, 8000), x);
  assert.throws(() => resampleSync(x, 0, 8000), RangeError);
});
