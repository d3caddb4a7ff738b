import { normalCdf } from './normal-math.js';

/**
 * A duration distribution learned online as a lognormal: exponentially
 * weighted mean and variance of ln(x), so it follows drift (a new script,
 * a different list) within about `memory` samples. A prior (mean, cv) acts
 * as `priorWeight` pseudo-samples until real ones outweigh it. Updates and
 * queries are O(1), which keeps a pacing decision cheap at 100 agents.
 */
export class LognormalEstimate {
  #w: number;
  #m1: number;
  #m2: number;
  readonly #decay: number;

  constructor(prior: { mean: number; cv: number }, opts: { memory?: number; priorWeight?: number } = {}) {
    const s2 = Math.log1p(prior.cv * prior.cv);
    const mu = Math.log(Math.max(prior.mean, 1e-9)) - s2 / 2;
    this.#w = opts.priorWeight ?? 5;
    this.#m1 = mu;
    this.#m2 = s2 + mu * mu;
    this.#decay = 1 - 1 / (opts.memory ?? 300);
  }

  add(x: number): void {
    const l = Math.log(Math.max(x, 1e-3));
    this.#w = this.#w * this.#decay + 1;
    const a = 1 / this.#w;
    this.#m1 += a * (l - this.#m1);
    this.#m2 += a * (l * l - this.#m2);
  }

  get mu(): number { return this.#m1; }
  get sigma(): number { return Math.sqrt(Math.max(this.#m2 - this.#m1 * this.#m1, 1e-6)); }
  get mean(): number { return Math.exp(this.mu + (this.sigma * this.sigma) / 2); }
  /** The median, e^μ. */
  get median(): number { return Math.exp(this.mu); }

  cdf(x: number): number {
    return x <= 0 ? 0 : normalCdf((Math.log(x) - this.mu) / this.sigma);
  }

  /** P(X <= elapsed + horizon | X > elapsed): the chance something in progress ends within `horizon`. */
  endsWithin(elapsed: number, horizon: number): number {
    const survived = 1 - this.cdf(elapsed);
    if (survived <= 1e-12) return 1;
    return Math.min(1, Math.max(0, (this.cdf(elapsed + horizon) - this.cdf(elapsed)) / survived));
  }
}
