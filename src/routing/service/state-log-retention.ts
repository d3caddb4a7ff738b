/**
 * `agent_state_log` gets a row per agent state change, forever unless
 * pruned: rows older than the retention (AGENT_STATE_LOG_RETENTION_DAYS)
 * are deleted once a day, in batches so no single statement holds locks or
 * builds a huge transaction while agents keep changing state.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';

const DAY_MS = 24 * 3600_000;

/** Deletes rows from before `now − days`; returns how many. An aborted `signal` (shutdown) stops it between batches. */
export async function pruneAgentStateLog(db: Db, o: { now: number; days: number; batch?: number; signal?: AbortSignal }): Promise<number> {
  const before = new Date(o.now - o.days * DAY_MS).toISOString();
  const batch = o.batch ?? 5000;
  let total = 0;
  for (;;) {
    // Rows are appended in time order, so the oldest have the smallest ids: the primary key finds them first.
    const r = await db.execute(sql`delete from agent_state_log where id in (
      select id from agent_state_log where at < ${before}::timestamptz order by id limit ${batch})`);
    const n = r.rowCount ?? 0;
    total += n;
    if (n < batch || o.signal?.aborted === true) return total;
  }
}
