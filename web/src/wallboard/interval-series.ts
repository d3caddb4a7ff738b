import type { IntervalBucket, QueueFigures } from './wallboard-types.js';

export const INTERVAL_MS = 15 * 60_000;

export interface IntervalPoint {
  start: number;
  offered: number;
  answered: number;
  abandoned: number;
  /** answered within threshold ÷ offered; null with nothing offered. */
  sl: number | null;
}

/**
 * Today's intervals from `dayStart` (the viewer's midnight) up to the one
 * containing `now`, summed over the shown queues; the SL target line is the
 * offered-weighted mean of the queues' targets (the plain mean before any
 * traffic), so one busy queue is not outvoted by idle ones.
 */
export function intervalSeries(buckets: readonly IntervalBucket[], queues: readonly QueueFigures[], dayStart: number, now: number):
  { points: IntervalPoint[]; target: number | null } {
  const n = Math.max(1, Math.floor((now - dayStart) / INTERVAL_MS) + 1);
  const points: IntervalPoint[] = Array.from({ length: n }, (_, k) => ({ start: dayStart + k * INTERVAL_MS, offered: 0, answered: 0, abandoned: 0, sl: null }));
  const within = new Array<number>(n).fill(0);
  const shown = new Set(queues.map((q) => q.id));
  for (const b of buckets) {
    if (!shown.has(b.queue_id)) continue;
    const k = Math.floor((Date.parse(b.start) - dayStart) / INTERVAL_MS);
    if (k < 0 || k >= n) continue;
    points[k].offered += b.offered;
    points[k].answered += b.answered;
    points[k].abandoned += b.abandoned;
    within[k] += b.answered_within;
  }
  points.forEach((p, k) => { p.sl = p.offered > 0 ? within[k] / p.offered : null; });
  if (queues.length === 0) return { points, target: null };
  const weight = queues.reduce((s, q) => s + q.offered, 0);
  const target = weight > 0 ? queues.reduce((s, q) => s + q.sl_target * q.offered, 0) / weight : queues.reduce((s, q) => s + q.sl_target, 0) / queues.length;
  return { points, target };
}

/** The viewer's local midnight before `now`. */
export function localMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
