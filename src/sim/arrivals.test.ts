import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poissonArrivals } from './arrivals.js';
import { createRng } from './prng.js';
import { SimErrors } from './sim-errors.js';

void test('arrivals follow the per-interval rate, increase, and stay inside their interval', () => {
  const plan = [100, 0, 400, 25];
  const counts = [0, 0, 0, 0];
  const reps = 200;
  for (let r = 0; r < reps; r++) {
    let prev = -1;
    for (const t of poissonArrivals(createRng(`arr-${r}`), { callsPerInterval: plan })) {
      assert.ok(t > prev && t < 3600);
      prev = t;
      counts[Math.floor(t / 900)]++;
    }
  }
  assert.equal(counts[1], 0, 'a zero-rate interval has no arrivals');
  for (const i of [0, 2, 3]) {
    const mean = counts[i] / reps, sd = Math.sqrt(plan[i] / reps);
    assert.ok(Math.abs(mean - plan[i]) < 4 * sd, `interval ${i}: mean ${mean}, expected ${plan[i]}`);
  }
});

void test('counts per interval are Poisson: variance equals the mean', () => {
  const counts: number[] = [];
  for (let r = 0; r < 400; r++) {
    let c = 0;
    for (const _ of poissonArrivals(createRng(`var-${r}`), { callsPerInterval: [60] })) c++;
    counts.push(c);
  }
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const variance = counts.reduce((a, x) => a + (x - mean) ** 2, 0) / (counts.length - 1);
  assert.ok(Math.abs(variance / mean - 1) < 0.25, `dispersion ${variance / mean}`);
});

void test('the same seed gives the same arrivals; bad plans are refused', () => {
  const take = (seed: string) => [...poissonArrivals(createRng(seed), { callsPerInterval: [30, 30], intervalS: 600 })];
  assert.deepEqual(take('x'), take('x'));
  assert.ok(take('x').every((t) => t < 1200));
  for (const plan of [[-1], [Number.NaN], [Infinity]]) {
    assert.throws(() => [...poissonArrivals(createRng(1), { callsPerInterval: plan })], (e: unknown) => SimErrors.is(e, 'SIM_INVALID_INPUT'));
  }
  assert.throws(() => [...poissonArrivals(createRng(1), { callsPerInterval: [1], intervalS: 0 })], (e: unknown) => SimErrors.is(e, 'SIM_INVALID_INPUT'));
});
