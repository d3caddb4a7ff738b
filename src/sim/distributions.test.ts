import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constant, exponential, lognormal, uniform, type Sampler } from './distributions.js';
import { createRng } from './prng.js';
import { SimErrors } from './sim-errors.js';

function moments(sampler: Sampler, n = 200_000, seed = 'moments'): { mean: number; cv: number; min: number } {
  const rng = createRng(seed);
  let sum = 0, sq = 0, min = Infinity;
  for (let i = 0; i < n; i++) {
    const x = sampler(rng);
    sum += x; sq += x * x; min = Math.min(min, x);
  }
  const mean = sum / n;
  return { mean, cv: Math.sqrt(sq / n - mean * mean) / mean, min };
}

void test('exponential(180) has mean 180 and cv 1, never negative', () => {
  const m = moments(exponential(180));
  assert.ok(Math.abs(m.mean / 180 - 1) < 0.01, String(m.mean));
  assert.ok(Math.abs(m.cv - 1) < 0.02, String(m.cv));
  assert.ok(m.min >= 0);
});

void test('lognormal({ mean, cv }) reproduces the mean and cv of the values, not of their logs', () => {
  const m = moments(lognormal({ mean: 300, cv: 0.5 }));
  assert.ok(Math.abs(m.mean / 300 - 1) < 0.01, String(m.mean));
  assert.ok(Math.abs(m.cv - 0.5) < 0.02, String(m.cv));
  assert.ok(m.min > 0);
});

void test('uniform(10, 20) stays in range with mean 15; constant is constant', () => {
  const m = moments(uniform(10, 20));
  assert.ok(m.min >= 10 && Math.abs(m.mean - 15) < 0.05);
  assert.equal(constant(42)(createRng(1)), 42);
});

void test('distributions reject negative, zero or NaN parameters with SIM_INVALID_INPUT', () => {
  const bad = [() => exponential(0), () => exponential(-1), () => exponential(Number.NaN), () => lognormal({ mean: 100, cv: -1 }),
    () => lognormal({ mean: 0, cv: 1 }), () => uniform(5, 1), () => constant(Number.NaN)];
  for (const f of bad) assert.throws(f, (e: unknown) => SimErrors.is(e, 'SIM_INVALID_INPUT'));
});
