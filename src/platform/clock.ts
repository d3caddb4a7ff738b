/**
 * Time comes from an injected clock, never from Date.now() in core code, so
 * the routing engine, pacing and SLA math run the same under a virtual clock
 * in tests and the simulator as under the wall clock in production.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests and the simulator. */
export class VirtualClock implements Clock {
  #now: number;
  constructor(startMs = Date.UTC(2026, 0, 5, 8, 0, 0)) {
    this.#now = startMs;
  }
  now(): number {
    return this.#now;
  }
  /** Moves time forward by `ms` (never backward). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance clock by ${ms} ms`);
    this.#now += ms;
    return this.#now;
  }
  /** Sets time to `ms`, which must not be in the past. */
  set(ms: number): void {
    if (!Number.isFinite(ms) || ms < this.#now) throw new RangeError(`cannot move clock back to ${ms}`);
    this.#now = ms;
  }
}
