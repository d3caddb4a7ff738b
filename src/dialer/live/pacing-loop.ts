import type { Clock } from '../../platform/clock.js';
import type { CampaignSnapshot, PacingDecision, PacingPolicy } from '../pacing-types.js';

/**
 * The campaign runner's heartbeat: every `intervalMs` it asks the policy how
 * many calls to place given the campaign's snapshot, and launches them. The
 * timer and the clock are injected, so tests step it by hand; a step still
 * launching when the next is due is skipped rather than stacked.
 */
export interface Ticker {
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const realTicker: Ticker = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

export interface PacingIo {
  /** The campaign as the policy sees it now. */
  snapshot(nowMs: number): CampaignSnapshot;
  /** Places up to `n` calls; resolves with how many were placed (fewer when leads ran out). */
  launch(n: number): Promise<number>;
}

export interface PacingLoopOptions {
  readonly intervalMs?: number;
  /** Never more lines than this (calls in flight + waiting for an agent). */
  readonly maxLines: (s: CampaignSnapshot) => number;
}

export class PacingLoop {
  #stop: (() => void) | undefined;
  #busy = false;
  /** The last decision (the stats' dial level and reason). */
  last: PacingDecision & { atMs: number; placed: number } | undefined;

  constructor(readonly policy: PacingPolicy, private readonly clock: Clock, private readonly ticker: Ticker, private readonly io: PacingIo,
    private readonly o: PacingLoopOptions) {}

  start(): void {
    if (this.#stop !== undefined) return;
    this.#stop = this.ticker.every(this.o.intervalMs ?? 1000, () => void this.step());
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  get running(): boolean {
    return this.#stop !== undefined;
  }

  /** One decision and its launches; undefined when the previous step is still launching. */
  async step(): Promise<PacingDecision | undefined> {
    if (this.#busy) return undefined;
    this.#busy = true;
    try {
      const now = this.clock.now();
      const s = this.io.snapshot(now);
      const d = this.policy.decide(s, now);
      const room = Math.max(0, this.o.maxLines(s) - s.callsInFlight.length - s.callsWaitingForAgent);
      const want = Math.min(Math.max(0, Math.floor(d.dial)), room);
      const placed = want > 0 ? await this.io.launch(want) : 0;
      for (let i = 0; i < placed; i++) this.policy.observe({ kind: 'call_placed', atMs: now });
      this.last = { ...d, atMs: now, placed };
      return d;
    } finally {
      this.#busy = false;
    }
  }
}
