import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confidenceInterval, studentTQuantile } from './confidence.js';
import { createRng } from './prng.js';
import { standardNormal } from './distributions.js';
import { SimErrors } from './sim-errors.js';

void test('t quantiles match the printed tables', () => {
  const table: [number, number, number][] = [[0.975, 1, 12.7062], [0.975, 4, 2.7764], [0.975, 9, 2.2622],
    [0.995, 9, 3.2498], [0.975, 29, 2.0452], [0.975, 1000, 1.9623], [0.95, 5, 2.0150]];
  for (const [p, df, t] of table) assert.ok(Math.abs(studentTQuantile(p, df) - t) < 1e-4, `t(${p}, ${df})`);
  assert.ok(Math.abs(studentTQuantile(0.025, 9) + 2.2622) < 1e-4);
});

void test('mean ± t·s/√n for a small sample', () => {
  const ci = confidenceInterval([10, 12, 11, 13, 9]);
  assert.equal(ci.mean, 11);
  assert.ok(Math.abs(ci.stdDev - Math.sqrt(2.5)) < 1e-12);
  assert.ok(Math.abs(ci.halfWidth - (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5)) < 1e-6);
  assert.ok(ci.low < 11 && ci.high > 11);
});

void test('a 95 % interval covers the true mean about 95 % of the time', () => {
  const rng = createRng('coverage');
  let covered = 0;
  const trials = 2000;
  for (let i = 0; i < trials; i++) {
    const ci = confidenceInterval(Array.from({ length: 6 }, () => 5 + 2 * standardNormal(rng)));
    if (ci.low <= 5 && 5 <= ci.high) covered++;
  }
  assert.ok(Math.abs(covered / trials - 0.95) < 0.02, `coverage ${covered / trials}`);
});

void test('fewer than two samples, a bad level or NaN samples are refused', () => {
  for (const f of [() => confidenceInterval([1]), () => confidenceInterval([1, 2], 1.5), () => confidenceInterval([1, Number.NaN])]) {
    assert.throws(f, (e: unknown) => SimErrors.is(e, 'SIM_INVALID_INPUT'));
  }
});
