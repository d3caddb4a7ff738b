/**
 * Today's volume and service level per queue per 15-minute interval, for
 * the wallboard's chart. Pure: fed the engine's interaction state changes
 * (with their time) by RoutingService, it keeps one small bucket per queue
 * per interval for the last 24 hours (at most 96 per queue); the browser
 * shows those since its own midnight, so "today" is the supervisor's day.
 *
 * An interaction counts in the interval it arrived in its queue (the usual
 * ACD reporting rule), with the same definitions as the live queue figures
 * (queue-stats.ts): offered = outcome known (answered, abandoned, left
 * through an exit, a reassignment, max wait or a failure); SL = answered
 * within the queue's threshold ÷ offered. A bucket is reported each time it
 * changes, so the chart moves as calls end.
 *
 * At the queue's client's midnight the host calls `rollDay`: the previous
 * day's buckets go, and an interaction that arrived yesterday but ends
 * today is not counted in yesterday's interval any more (the live queue
 * figures, counted by outcome, count it today).
 */
import type { InteractionState } from '../types.js';

export const INTERVAL_MS = 15 * 60_000;
const KEEP_MS = 24 * 3600_000;

export interface IntervalBucket {
  queue_id: string;
  /** ISO start of the interval. */
  start: string;
  offered: number;
  answered: number;
  answered_within: number;
  abandoned: number;
}

interface Tracked { queueId: string; queuedAt: number }

export class IntervalStats {
  readonly #buckets = new Map<string, Map<number, IntervalBucket>>();
  readonly #live = new Map<string, Tracked>();
  /** queue id → the start of its current day (rollDay): no bucket before it is kept or made. */
  readonly #dayStart = new Map<string, number>();

  /** `thresholdMs(queueId)`: the queue's service-level threshold (answered within it counts toward SL). */
  constructor(private readonly thresholdMs: (queueId: string) => number | undefined) {}

  /**
   * One engine state change. Returns the bucket it changed (to publish),
   * or undefined. `queued` from `new` (arrival) or from `queued` (moved to
   * another queue) starts the clock in `queueId`; a move first counts the
   * interaction as left in its previous queue.
   */
  record(interactionId: string, queueId: string, from: InteractionState | 'new', to: InteractionState, at: number): IntervalBucket | undefined {
    const t = this.#live.get(interactionId);
    if (to === 'queued' && (from === 'new' || from === 'queued')) {
      const left = t && t.queueId !== queueId ? this.#bump(t, (b) => { b.offered++; }) : undefined;
      this.#live.set(interactionId, { queueId, queuedAt: at });
      return left;
    }
    if (!t) return undefined;
    if (to === 'active') {
      this.#live.delete(interactionId);
      const within = at - t.queuedAt <= (this.thresholdMs(t.queueId) ?? Infinity);
      return this.#bump(t, (b) => { b.offered++; b.answered++; if (within) b.answered_within++; });
    }
    if (to === 'abandoned') {
      this.#live.delete(interactionId);
      return this.#bump(t, (b) => { b.offered++; b.abandoned++; });
    }
    if (to === 'failed' || to === 'exited' || to === 'done') {
      this.#live.delete(interactionId);
      return this.#bump(t, (b) => { b.offered++; });
    }
    return undefined;
  }

  /** Every bucket of the last 24 hours before `now`, oldest first per queue. */
  buckets(now: number, queueIds?: ReadonlySet<string>): IntervalBucket[] {
    const out: IntervalBucket[] = [];
    for (const [queueId, m] of this.#buckets) {
      if (queueIds && !queueIds.has(queueId)) continue;
      for (const [start, b] of [...m].sort((x, y) => x[0] - y[0])) if (start > now - KEEP_MS) out.push({ ...b });
    }
    return out;
  }

  /** A new day began at `dayStart` for these queues: their earlier buckets are dropped. */
  rollDay(queueIds: Iterable<string>, dayStart: number): void {
    for (const queueId of queueIds) {
      this.#dayStart.set(queueId, dayStart);
      const m = this.#buckets.get(queueId);
      if (m) for (const k of m.keys()) if (k < dayStart) m.delete(k);
    }
  }

  #bump(t: Tracked, fn: (b: IntervalBucket) => void): IntervalBucket | undefined {
    const start = Math.floor(t.queuedAt / INTERVAL_MS) * INTERVAL_MS;
    if (t.queuedAt < (this.#dayStart.get(t.queueId) ?? -Infinity)) return undefined;
    let m = this.#buckets.get(t.queueId);
    if (!m) { m = new Map(); this.#buckets.set(t.queueId, m); }
    let b = m.get(start);
    if (!b) {
      b = { queue_id: t.queueId, start: new Date(start).toISOString(), offered: 0, answered: 0, answered_within: 0, abandoned: 0 };
      m.set(start, b);
      for (const k of m.keys()) if (k <= start - KEEP_MS) m.delete(k);
    }
    fn(b);
    return { ...b };
  }
}
