import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dtmfTone, goertzelPower, rmsDbm0, sineTone, ToneGenerator, DTMF_FREQUENCIES } from './tone-generator.js';

test('a 1 kHz tone at −10 dBm0 measures 1 kHz at −10 dBm0', () => {
  const tone = sineTone(1000, -10, 1000);
  assert.equal(tone.length, 8000);
  assert.ok(Math.abs(rmsDbm0(tone) - -10) < 0.05, String(rmsDbm0(tone)));
  assert.ok(goertzelPower(tone, 1000) > 50 * goertzelPower(tone, 1200));
});

test('0 dBm0 is the G.711 digital-milliwatt level (peak ≈ 22,748)', () => {
  const peak = Math.max(...sineTone(1000, 0, 100));
  assert.ok(Math.abs(peak - 22748) < 30, String(peak));
});

test('DTMF tones contain exactly their row and column frequencies', () => {
  for (const [digit, [low, high]] of Object.entries(DTMF_FREQUENCIES)) {
    const t = dtmfTone(digit, 100);
    const lowP = goertzelPower(t, low), highP = goertzelPower(t, high);
    for (const f of [697, 770, 852, 941, 1209, 1336, 1477, 1633]) {
      if (f !== low && f !== high) assert.ok(goertzelPower(t, f) < Math.min(lowP, highP) / 10, `${digit} leaks ${f}`);
    }
  }
});

test('successive blocks are phase-continuous (no click between packets)', () => {
  const g = new ToneGenerator([1000], -3);
  const a = g.next(160), b = g.next(160);
  const whole = sineTone(1000, -3, 40);
  assert.deepEqual(Array.from([...a, ...b]).map((x, i) => Math.abs(x - whole[i]) <= 1), new Array<boolean>(320).fill(true));
});
