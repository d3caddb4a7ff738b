import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from './prng.js';

void test('the same seed replays the same sequence; different seeds and forks differ', () => {
  const a = createRng('day-1'), b = createRng('day-1'), c = createRng('day-2');
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(Array.from({ length: 5 }, () => b.next()), xs);
  assert.notDeepEqual(Array.from({ length: 5 }, () => c.next()), xs);
  assert.notEqual(createRng(1).next(), createRng(2).next());
  assert.notEqual(createRng('s').fork('rep-1').next(), createRng('s').fork('rep-2').next());
  assert.equal(createRng('s').fork('rep-1').next(), createRng('s').fork('rep-1').next());
});

void test('xoshiro128** is pinned: a seed gives the same numbers on every machine and release', () => {
  // If this changes, every recorded simulation scenario would replay differently.
  const r = createRng(42);
  assert.deepEqual([r.nextUint32(), r.nextUint32(), r.nextUint32()], PINNED);
});
// Checked against a port of the reference C code (Blackman & Vigna) seeded the same way.
const PINNED = [1744158512, 1060999135, 2311736477];

void test('uniforms lie in [0, 1) with the right mean, variance and no lag-1 correlation', () => {
  const r = createRng('uniform');
  const n = 200_000;
  let sum = 0, sq = 0, lag = 0, prev = 0;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    sum += x; sq += x * x; lag += (x - 0.5) * (prev - 0.5); prev = x;
  }
  assert.ok(Math.abs(sum / n - 0.5) < 0.005);
  assert.ok(Math.abs(sq / n - sum * sum / n / n - 1 / 12) < 0.002);
  assert.ok(Math.abs(lag / n) < 0.002);
});

void test('the 10 deciles are filled evenly (chi-square, 9 df, 99.9 % bound)', () => {
  const r = createRng('chi');
  const bins = new Array<number>(10).fill(0);
  const n = 100_000;
  for (let i = 0; i < n; i++) bins[Math.floor(r.next() * 10)]++;
  const chi = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
  assert.ok(chi < 27.88, `chi-square ${chi}`);
});
