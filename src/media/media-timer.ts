import { performance } from 'node:perf_hooks';

/**
 * Monotonic time and timers for media pacing. The platform `Clock` is wall
 * time (it can jump); packet pacing needs a monotonic source, and tests need
 * to drive it by hand, so media code takes a `MediaTimer`.
 */
export type TimerHandle = { readonly __timer: unique symbol } | ReturnType<typeof setTimeout>;

export interface MediaTimer {
  /** Monotonic milliseconds (arbitrary origin). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemMediaTimer: MediaTimer = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface ManualEntry {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** A timer that only moves when `advance()` is called: for deterministic tests. */
export class ManualMediaTimer implements MediaTimer {
  #now = 0;
  #seq = 0;
  #entries: ManualEntry[] = [];

  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.#seq;
    this.#entries.push({ id, due: this.#now + Math.max(0, ms), fn });
    return id as unknown as TimerHandle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.#entries = this.#entries.filter((e) => e.id !== (handle as unknown as number));
  }
  get pending(): number {
    return this.#entries.length;
  }
  /** Moves time forward, firing due timers in order (timers set while firing are honoured). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: ManualEntry | undefined;
      for (const e of this.#entries) if (e.due <= target && (!next || e.due < next.due || (e.due === next.due && e.id < next.id))) next = e;
      if (!next) break;
      this.#entries = this.#entries.filter((e) => e !== next);
      this.#now = Math.max(this.#now, next.due);
      next.fn();
    }
    this.#now = target;
  }
}

/**
 * Drift-free periodic ticks: tick k is due at start + k × period on the
 * monotonic clock, and each timeout is computed from that absolute schedule,
 * so setTimeout lateness never accumulates (unlike setInterval). If the
 * process stalls for more than `maxBurst` periods the missed ticks are
 * skipped and the schedule re-anchored, rather than bursting packets.
 */
export class FrameScheduler {
  #start = 0;
  #index = 0;
  #handle: TimerHandle | undefined;
  #skipped = 0;

  constructor(
    private readonly timer: MediaTimer,
    private readonly onTick: (index: number) => void,
    private readonly periodMs = 20,
    private readonly maxBurst = 3,
  ) {}

  get running(): boolean {
    return this.#handle !== undefined;
  }
  /** Ticks skipped because the event loop stalled. */
  get skipped(): number {
    return this.#skipped;
  }

  start(): void {
    if (this.#handle) return;
    this.#start = this.timer.now();
    this.#index = 0;
    this.#handle = this.timer.setTimeout(() => this.#run(), 0);
  }

  stop(): void {
    if (this.#handle !== undefined) this.timer.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #run(): void {
    for (;;) {
      const due = Math.floor((this.timer.now() - this.#start) / this.periodMs);
      if (this.#index > due) break;
      if (due - this.#index >= this.maxBurst) {
        this.#skipped += due - this.#index;
        this.#index = due;
      }
      this.onTick(this.#index++);
      if (this.#handle === undefined) return; // stopped from inside the tick
    }
    const nextAt = this.#start + this.#index * this.periodMs;
    this.#handle = this.timer.setTimeout(() => this.#run(), nextAt - this.timer.now());
  }
}
