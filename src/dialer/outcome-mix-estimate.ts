import { LognormalEstimate } from './lognormal-estimate.js';

/** How a placed call ends, as the dialer sees it. */
export type CallOutcome = 'human' | 'machine' | 'no_answer' | 'busy';
const OUTCOMES: readonly CallOutcome[] = ['human', 'machine', 'no_answer', 'busy'];

/**
 * The outcome mix of placed calls and, per outcome, the time from placing
 * the call to learning it (post-dial delay + ring + AMD decision). Shares
 * are exponentially weighted over the last ~`memory` resolved calls, so a
 * falling answer rate is followed within a few hundred calls.
 */
export class OutcomeMixEstimate {
  readonly #weights: Record<CallOutcome, number>;
  readonly #times: Record<CallOutcome, LognormalEstimate>;
  readonly #decay: number;

  constructor(memory = 250) {
    this.#decay = 1 - 1 / memory;
    // Prior: a typical B2C list, worth 20 calls; real outcomes outweigh it fast.
    const prior = { human: 0.2, machine: 0.25, no_answer: 0.4, busy: 0.15 };
    this.#weights = { human: prior.human * 20, machine: prior.machine * 20, no_answer: prior.no_answer * 20, busy: prior.busy * 20 };
    this.#times = {
      human: new LognormalEstimate({ mean: 16, cv: 0.4 }),
      machine: new LognormalEstimate({ mean: 26, cv: 0.2 }),
      no_answer: new LognormalEstimate({ mean: 22, cv: 0.05 }),
      busy: new LognormalEstimate({ mean: 6, cv: 0.2 }),
    };
  }

  observe(outcome: CallOutcome, afterS: number): void {
    for (const k of OUTCOMES) this.#weights[k] *= this.#decay;
    this.#weights[outcome] += 1;
    this.#times[outcome].add(afterS);
  }

  /** Share of placed calls that end as `outcome`. */
  share(outcome: CallOutcome): number {
    const total = OUTCOMES.reduce((a, k) => a + this.#weights[k], 0);
    return this.#weights[outcome] / total;
  }

  /** Time from placing a call to a live answer needing an agent. */
  get humanTime(): LognormalEstimate {
    return this.#times.human;
  }

  /** Σ_k q_k·S_k(e): the share of placed calls still unresolved `elapsedS` after placing. */
  unresolvedShare(elapsedS: number): number {
    let total = 0;
    for (const k of OUTCOMES) total += this.share(k) * (1 - this.#times[k].cdf(elapsedS));
    return total;
  }

  /**
   * P(a call unresolved after `elapsedS` becomes a live answer within the
   * next `withinS` seconds), by Bayes over the outcomes' survival functions:
   * q_h·(F_h(e + w) - F_h(e)) / Σ_k q_k·S_k(e).
   */
  humanWithin(elapsedS: number, withinS: number): number {
    const total = this.unresolvedShare(elapsedS);
    if (total <= 1e-12) return 0;
    const h = this.#times.human;
    return (this.share('human') * Math.max(0, h.cdf(elapsedS + withinS) - h.cdf(elapsedS))) / total;
  }
}
