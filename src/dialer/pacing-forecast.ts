import type { LognormalEstimate } from './lognormal-estimate.js';
import type { OutcomeMixEstimate } from './outcome-mix-estimate.js';

/** z-scores of the 20th, 50th, 80th and 95th percentiles: checkpoints spread over when a new call would connect (the last one sees nearly all the demand). */
const CHECKPOINT_Z = [-0.8416, 0, 0.8416, 1.645];
const INFLIGHT_STEP_S = 1, INFLIGHT_MAX_S = 120;
const TALK_STEP_S = 5, TALK_MAX_S = 600;
const WRAP_STEP_S = 1, WRAP_MAX_S = 90;

/**
 * Precomputed probabilities for one pacing decision and the ones after it
 * (rebuilt every few seconds): at each checkpoint τ_k, the chance that a
 * call in flight for e seconds has become a live answer by now + τ_k, and
 * the chance that an agent e seconds into talk or wrap-up is free by
 * now + τ_k + deadline. Tables turn each per-agent and per-call term into a
 * lookup, which keeps a decision at 100 agents and 300 lines cheap.
 */
export class PacingForecast {
  readonly builtAtMs: number;
  /** Seconds from now at which the shortfall is checked. */
  readonly checkpoints: number[];
  /** P(a call placed now is a live answer by each checkpoint) = c·G(τ_k). */
  readonly newCallBy: number[];
  /** Share of placed calls that become live answers (c). */
  readonly liveShare: number;
  readonly #inflight: Float64Array[];
  readonly #talk: Float64Array[];
  readonly #wrap: Float64Array[];
  readonly #talkDist: LognormalEstimate;
  readonly #wrapDist: LognormalEstimate;
  readonly #deadlineS: number;

  constructor(mix: OutcomeMixEstimate, talk: LognormalEstimate, wrap: LognormalEstimate, deadlineS: number, nowMs: number) {
    this.builtAtMs = nowMs;
    this.#talkDist = talk;
    this.#wrapDist = wrap;
    this.#deadlineS = deadlineS;
    const g = mix.humanTime;
    this.liveShare = mix.share('human');
    this.checkpoints = CHECKPOINT_Z.map((z) => Math.exp(g.mu + z * g.sigma));
    this.newCallBy = this.checkpoints.map((t) => this.liveShare * g.cdf(t));
    // In-flight tables share the Bayes denominator per elapsed time: compute it once.
    const n = Math.round(INFLIGHT_MAX_S / INFLIGHT_STEP_S) + 1;
    this.#inflight = this.checkpoints.map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const e = i * INFLIGHT_STEP_S;
      const total = mix.unresolvedShare(e);
      if (total <= 1e-12) continue;
      const before = g.cdf(e);
      this.checkpoints.forEach((t, k) => { this.#inflight[k][i] = (this.liveShare * Math.max(0, g.cdf(e + t) - before)) / total; });
    }
    this.#talk = this.checkpoints.map((t) => table(TALK_MAX_S, TALK_STEP_S, (e) => this.#talkRelease(e, t)));
    this.#wrap = this.checkpoints.map((t) => table(WRAP_MAX_S, WRAP_STEP_S, (e) => this.#wrapDist.endsWithin(e, t + deadlineS)));
  }

  /** P(a call in flight for `elapsedS` is a live answer by checkpoint k). */
  inflightBy(k: number, elapsedS: number): number {
    return lookup(this.#inflight[k], elapsedS, INFLIGHT_STEP_S);
  }

  /** P(an agent `elapsedS` into `phase` is free by checkpoint k plus the connect deadline). */
  releaseBy(k: number, phase: 'talk' | 'wrap', elapsedS: number): number {
    if (phase === 'talk') {
      return elapsedS < TALK_MAX_S ? lookup(this.#talk[k], elapsedS, TALK_STEP_S) : this.#talkRelease(elapsedS, this.checkpoints[k]);
    }
    return elapsedS < WRAP_MAX_S ? lookup(this.#wrap[k], elapsedS, WRAP_STEP_S) : this.#wrapDist.endsWithin(elapsedS, this.checkpoints[k] + this.#deadlineS);
  }

  // A talking agent still has the wrap-up ahead: take its median.
  #talkRelease(elapsedS: number, t: number): number {
    const left = t + this.#deadlineS - this.#wrapDist.median;
    return left > 0 ? this.#talkDist.endsWithin(elapsedS, left) : 0;
  }
}

function table(maxS: number, stepS: number, f: (x: number) => number): Float64Array {
  const out = new Float64Array(Math.round(maxS / stepS) + 1);
  for (let i = 0; i < out.length; i++) out[i] = f(i * stepS);
  return out;
}

function lookup(t: Float64Array, x: number, stepS: number): number {
  const i = Math.round(x / stepS);
  return t[i < 0 ? 0 : i >= t.length ? t.length - 1 : i];
}
