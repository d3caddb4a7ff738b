import type { Rng } from './prng.js';
import { requireFinite } from './sim-errors.js';

/** Draws one value from a distribution with the given generator. */
export type Sampler = (rng: Rng) => number;

/** Exponential with the given mean (inverse transform; 1 - u avoids log(0)). */
export function exponential(mean: number): Sampler {
  requireFinite('mean', mean, 0, false);
  return (rng) => -mean * Math.log(1 - rng.next());
}

/** Uniform on [min, max). */
export function uniform(min: number, max: number): Sampler {
  requireFinite('min', min, -Number.MAX_VALUE, true);
  requireFinite('max', max, min, true);
  return (rng) => min + (max - min) * rng.next();
}

/** Standard normal by Box–Muller (one of the pair is used; simplicity over speed). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Lognormal given the mean and coefficient of variation of the values
 * themselves (how handle times are reported), not of their logarithm:
 * σ² = ln(1 + cv²), μ = ln(mean) - σ²/2.
 */
export function lognormal(params: { mean: number; cv: number }): Sampler {
  requireFinite('mean', params.mean, 0, false);
  requireFinite('cv', params.cv, 0, true);
  const sigma2 = Math.log1p(params.cv * params.cv);
  const mu = Math.log(params.mean) - sigma2 / 2;
  const sigma = Math.sqrt(sigma2);
  return (rng) => Math.exp(mu + sigma * standardNormal(rng));
}

/** Always `value`: for deterministic handle times in tests and what-ifs. */
export function constant(value: number): Sampler {
  requireFinite('value', value, 0, true);
  return () => value;
}
