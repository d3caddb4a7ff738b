import { requireAgents, requirePositive } from './erlang-errors.js';

// Above this, 1/B is carried in log space: the "+1" of the recurrence is
// then below double precision, and the linear value would soon overflow.
const LINEAR_LIMIT = 1e250;

/**
 * Walks n = 0, 1, 2, ... and yields log(1/B(n, A)), where B is the Erlang B
 * blocking probability. It uses the recurrence 1/B(n) = 1 + (n/A)·1/B(n-1),
 * never factorials: each step contracts earlier rounding error, so the result
 * is accurate to a few ulps for any n (10,000 agents and beyond), and the log
 * form keeps it finite where B itself underflows. One step is O(1), so
 * staffing searches extend the walk instead of recomputing it.
 */
export class InverseErlangBWalk {
  readonly trafficErlangs: number;
  #n = 0;
  #linear = 1; // 1/B(n) while below LINEAR_LIMIT
  #log = 0; // log(1/B(n))
  readonly #logA: number;

  constructor(trafficErlangs: number) {
    this.trafficErlangs = requirePositive('traffic_erlangs', trafficErlangs);
    this.#logA = Math.log(trafficErlangs);
  }

  /** The number of agents the walk stands at. */
  get agents(): number {
    return this.#n;
  }

  /** log(1/B(agents, A)). */
  get logInverse(): number {
    return this.#log;
  }

  /** Moves to agents + 1 and returns the new log(1/B). */
  step(): number {
    const n = ++this.#n;
    if (this.#linear <= LINEAR_LIMIT) {
      this.#linear = 1 + (n / this.trafficErlangs) * this.#linear;
      this.#log = Math.log(this.#linear);
    } else {
      const x = Math.log(n) - this.#logA + this.#log;
      this.#log = x + Math.log1p(Math.exp(-x));
    }
    return this.#log;
  }

  /** Steps forward to `agents` (which must not be behind) and returns log(1/B). */
  advanceTo(agents: number): number {
    if (agents < this.#n) throw new RangeError(`walk is at ${this.#n}, cannot go back to ${agents}`);
    while (this.#n < agents) this.step();
    return this.#log;
  }
}

/** log(1/B(agents, A)) in O(agents). */
export function logInverseErlangB(agents: number, trafficErlangs: number): number {
  return new InverseErlangBWalk(trafficErlangs).advanceTo(agents);
}

/**
 * Erlang B: the probability that a call finds all `agents` busy and is lost
 * (M/M/n/n), for offered traffic `trafficErlangs`. Underflows to 0 only when
 * the true value is below ~1e-308.
 */
export function erlangB(agents: number, trafficErlangs: number): number {
  requireAgents('agents', agents);
  return Math.exp(-logInverseErlangB(agents, trafficErlangs));
}
