/**
 * Timers for the transaction layer, injected so unit tests run instantly on
 * fake time (RFC 3261 §17 timers A–K are all "set, fire once, cancel").
 */
export interface TimerHandle {
  readonly id: number;
}

export interface TimerFacility {
  set(ms: number, fn: () => void): TimerHandle;
  clear(h: TimerHandle): void;
}

/** RFC 3261 §17.1.1.1 / Table 4 values; T1 also scales B, F, H, J (64·T1). */
export interface TimerConfig {
  readonly T1: number;
  readonly T2: number;
  readonly T4: number;
  /** Timer D for unreliable transports: at least 32 s. */
  readonly D: number;
}

export const DEFAULT_TIMERS: TimerConfig = { T1: 500, T2: 4000, T4: 5000, D: 32000 };

export const systemTimers: TimerFacility = (() => {
  const live = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 0;
  return {
    set(ms, fn) {
      const id = ++next;
      const t = setTimeout(() => {
        live.delete(id);
        fn();
      }, ms);
      t.unref?.();
      live.set(id, t);
      return { id };
    },
    clear(h) {
      const t = live.get(h.id);
      if (t !== undefined) clearTimeout(t);
      live.delete(h.id);
    },
  };
})();

/** Fake time for tests: timers fire, in order, only inside `advance()`. */
export class FakeTimers implements TimerFacility {
  #now = 0;
  #next = 0;
  #pending: Array<{ id: number; at: number; fn: () => void }> = [];

  get now(): number {
    return this.#now;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  set(ms: number, fn: () => void): TimerHandle {
    const id = ++this.#next;
    this.#pending.push({ id, at: this.#now + Math.max(0, ms), fn });
    return { id };
  }

  clear(h: TimerHandle): void {
    this.#pending = this.#pending.filter((p) => p.id !== h.id);
  }

  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let first: { id: number; at: number; fn: () => void } | undefined;
      for (const p of this.#pending) if (p.at <= end && (first === undefined || p.at < first.at || (p.at === first.at && p.id < first.id))) first = p;
      if (first === undefined) break;
      this.#pending = this.#pending.filter((p) => p !== first);
      this.#now = first.at;
      first.fn();
    }
    this.#now = end;
  }
}
