import type { Clock } from '../../platform/clock.js';

/**
 * Login throttling, per account and per source address: after `freeAttempts`
 * failures within `windowMs`, each further attempt must wait an exponentially
 * growing delay (capped). A success clears the account's counter.
 * Kept in memory: one node guards its own door; with several nodes the
 * limit is per node, which still bounds guessing to a few tries a minute.
 */
export interface ThrottleOptions { freeAttempts: number; windowMs: number; baseDelayMs: number; maxDelayMs: number }

interface Entry { failures: number; first: number; last: number }

export class LoginThrottle {
  readonly #entries = new Map<string, Entry>();
  constructor(private readonly clock: Clock, private readonly opts: ThrottleOptions = { freeAttempts: 5, windowMs: 15 * 60_000, baseDelayMs: 1000, maxDelayMs: 5 * 60_000 }) {}

  /** Milliseconds the caller must still wait before trying again; 0 when allowed. */
  retryAfterMs(keys: string[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const k of keys) {
      const e = this.#entries.get(k);
      if (!e) continue;
      if (now - e.first > this.opts.windowMs) { this.#entries.delete(k); continue; }
      const over = e.failures - this.opts.freeAttempts;
      if (over < 0) continue;
      const delay = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** over);
      wait = Math.max(wait, e.last + delay - now);
    }
    return Math.max(0, wait);
  }

  fail(keys: string[]): void {
    const now = this.clock.now();
    for (const k of keys) {
      const e = this.#entries.get(k);
      if (!e || now - e.first > this.opts.windowMs) this.#entries.set(k, { failures: 1, first: now, last: now });
      else { e.failures++; e.last = now; }
    }
    if (this.#entries.size > 100_000) this.#prune(now);
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.#entries.delete(k);
  }

  #prune(now: number): void {
    for (const [k, e] of this.#entries) if (now - e.first > this.opts.windowMs) this.#entries.delete(k);
  }
}
