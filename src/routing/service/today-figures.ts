/**
 * Today's queue figures and 15-minute intervals rebuilt from the
 * `interactions` table at start, so the wallboard shows after a restart
 * what it showed before. Each stored interaction is turned into the events
 * the live counters took when it happened (queue-stats.ts, intervals.ts),
 * with the same definitions: an outcome counts on the day it happened in
 * the queue's client's time zone; an interval counts by arrival.
 *
 * What a row cannot tell, it does not count: an interaction moved between
 * queues counts in its last queue only (its earlier queue counted it as
 * left); calls closed by a crash sweep (`end_reason` system_restart) count
 * their answer but not their end, which nobody saw.
 */
import { and, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { interactions } from '../../store/schema.js';
import type { DailyOutcome } from '../queue-stats.js';
import type { InteractionState } from '../types.js';
import type { IntervalStats } from './intervals.js';

/** What routing stored about one interaction in one of its queues. */
export interface StoredInteraction {
  id: string;
  queueId: string;
  state: string;
  queuedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  wrapUpEndedAt: number | null;
  /** Closed by the start-up sweep after a crash, not by routing. */
  closedByRestart: boolean;
}

/** Work waiting longer than this before its outcome today is not looked for (it would need a scan of every row). */
const LOOKBACK_MS = 7 * 24 * 3600_000;

/**
 * The routed interactions of these queues with anything that happened since
 * `since`, read through the (queue_id, created_at) index.
 */
export async function readSince(db: Db, queueIds: readonly string[], since: number): Promise<StoredInteraction[]> {
  if (queueIds.length === 0) return [];
  const rows = await db.select({
    id: interactions.id, queueId: interactions.queueId, state: interactions.state, queuedAt: interactions.queuedAt, answeredAt: interactions.answeredAt,
    endedAt: interactions.endedAt, wrapUpEndedAt: interactions.wrapUpEndedAt,
    closedByRestart: sql<boolean>`coalesce(${interactions.attributes}->>'end_reason' = 'system_restart', false)`,
  }).from(interactions).where(and(
    inArray(interactions.queueId, [...queueIds]),
    gte(interactions.createdAt, new Date(since - LOOKBACK_MS)),
    // queued_at: routing took it (a call that ended in its IVR has a queue but was never queued)
    isNotNull(interactions.queuedAt),
    sql`greatest(${interactions.queuedAt}, ${interactions.answeredAt}, ${interactions.endedAt}, ${interactions.wrapUpEndedAt}) >= ${new Date(since).toISOString()}::timestamptz`,
  ));
  const ms = (d: Date | null) => (d === null ? null : d.getTime());
  return rows.map((r) => ({ ...r, queueId: r.queueId!, queuedAt: r.queuedAt!.getTime(), answeredAt: ms(r.answeredAt), endedAt: ms(r.endedAt),
    wrapUpEndedAt: ms(r.wrapUpEndedAt) }));
}

/** How the interaction's queue episode ended, and when, as far as routing saw it. */
function outcomeOf(r: StoredInteraction): { to: InteractionState; at: number } | undefined {
  if (r.answeredAt !== null) return { to: 'active', at: r.answeredAt };
  if (r.closedByRestart || r.endedAt === null) return undefined;
  if (r.state === 'abandoned') return { to: 'abandoned', at: r.endedAt };
  // failed (max wait, a failure) or done without an answer (left through an exit step)
  if (r.state === 'failed' || r.state === 'done') return { to: 'failed', at: r.endedAt };
  return undefined;
}

/** What the interaction adds to its queue's counters for the day that started at `dayStart`. */
export function dailyOutcomes(r: StoredInteraction, dayStart: number): DailyOutcome[] {
  const out: DailyOutcome[] = [];
  if (r.queuedAt >= dayStart) out.push({ kind: 'arrive' });
  const o = outcomeOf(r);
  if (o && o.at >= dayStart) {
    const waitMs = o.at - r.queuedAt;
    out.push(o.to === 'active' ? { kind: 'answer', waitMs } : o.to === 'abandoned' ? { kind: 'abandon', waitMs } : { kind: 'leave' });
  }
  // Handled: finished after its answer (engine: `done`, wrap-up included) today.
  if (r.state === 'done' && !r.closedByRestart && r.answeredAt !== null && r.wrapUpEndedAt !== null && r.wrapUpEndedAt >= dayStart) {
    out.push({ kind: 'finish', handleMs: r.wrapUpEndedAt - r.answeredAt });
  }
  return out;
}

/** Feeds the interaction to the interval counters as the live board saw it, if it arrived today. */
export function replayIntervals(intervals: IntervalStats, r: StoredInteraction, dayStart: number): void {
  if (r.queuedAt < dayStart) return;
  const o = outcomeOf(r);
  if (!o) return; // still waiting when we stopped: nobody counted it
  intervals.record(r.id, r.queueId, 'new', 'queued', r.queuedAt);
  intervals.record(r.id, r.queueId, 'queued', o.to, o.at);
}
