import { SimErrors } from './sim-errors.js';

export interface ConfidenceInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator). */
  stdDev: number;
  halfWidth: number;
  low: number;
  high: number;
  level: number;
}

/**
 * The confidence interval of a mean from independent replications:
 * mean ± t(1 - (1 - level)/2, n - 1) · s / √n. Replications, not the calls
 * within one run, are the independent samples: calls in one run are
 * correlated through the shared queue.
 */
export function confidenceInterval(samples: readonly number[], level = 0.95): ConfidenceInterval {
  const n = samples.length;
  if (n < 2) throw SimErrors.create('SIM_INVALID_INPUT', { field: 'samples', n }, 'a confidence interval needs at least 2 replications');
  if (!(level > 0 && level < 1)) throw SimErrors.create('SIM_INVALID_INPUT', { field: 'level', level }, 'level must be between 0 and 1');
  if (samples.some((x) => !Number.isFinite(x))) throw SimErrors.create('SIM_INVALID_INPUT', { field: 'samples' }, 'samples must be finite numbers');
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const stdDev = Math.sqrt(variance);
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * stdDev) / Math.sqrt(n);
  return { n, mean, stdDev, halfWidth, low: mean - halfWidth, high: mean + halfWidth, level };
}

/** The p-quantile of Student's t with `df` degrees of freedom (bisection on the exact CDF). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw SimErrors.create('SIM_INVALID_INPUT', { p, df }, 't quantile needs 0 < p < 1 and df > 0');
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0, hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(T <= t) = 1 - I_x(df/2, 1/2)/2 with x = df/(df + t²), for t >= 0. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

// Regularized incomplete beta I_x(a, b) by Lentz's continued fraction
// (Numerical Recipes §6.4), using the symmetry where it converges faster.
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    for (const num of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

// Lanczos approximation (g = 7, n = 9), ~15 significant digits for x > 0.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}
