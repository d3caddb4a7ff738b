import type { Clock } from '../../platform/clock.js';

export interface AuthThrottleOptions {
  readonly clock: Clock;
  /** Failures allowed within `windowMs` before a source is blocked. */
  readonly maxFailures?: number;
  readonly windowMs?: number;
  readonly blockMs?: number;
  /** Sources tracked at most (oldest forgotten first), so a spoofing flood cannot grow memory. */
  readonly maxSources?: number;
}

interface Entry {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

/**
 * Per-source throttle of failed digest attempts (password guessing). Pure:
 * no timers, time from the injected clock.
 */
export class AuthThrottle {
  readonly #o: Required<AuthThrottleOptions>;
  readonly #entries = new Map<string, Entry>();

  constructor(opts: AuthThrottleOptions) {
    this.#o = { maxFailures: 5, windowMs: 60_000, blockMs: 300_000, maxSources: 10_000, ...opts };
  }

  /** True while `source` (an IP address) must not be allowed to try again. */
  isBlocked(source: string): boolean {
    const e = this.#entries.get(source);
    return e !== undefined && e.blockedUntil > this.#o.clock.now();
  }

  recordFailure(source: string): void {
    const now = this.#o.clock.now();
    let e = this.#entries.get(source);
    if (e === undefined || now - e.windowStart > this.#o.windowMs) {
      e = { failures: 0, windowStart: now, blockedUntil: e?.blockedUntil ?? 0 };
    }
    this.#entries.delete(source);
    this.#entries.set(source, e);
    e.failures++;
    if (e.failures >= this.#o.maxFailures) e.blockedUntil = now + this.#o.blockMs;
    if (this.#entries.size > this.#o.maxSources) this.#entries.delete(this.#entries.keys().next().value!);
  }

  recordSuccess(source: string): void {
    this.#entries.delete(source);
  }

  get trackedSources(): number {
    return this.#entries.size;
  }
}
