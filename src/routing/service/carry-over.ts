import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { interactions } from '../../store/schema.js';
import type { Channel } from '../types.js';

/**
 * Chats and work items a restart found in routing (queued, offered, being
 * handled) are put back in their queues: a work item the API said it
 * created must not vanish with the process. Calls and callbacks are not
 * here: they end with the process, and the voice service's own sweep
 * closes them and queues pending callbacks again.
 *
 * - queued or offered: queued again, keeping its place and its wait
 *   (`since` is the stored queue time);
 * - active: nobody can be sure the agent finished it, so it is queued again
 *   the same way, marked `requeued_after_restart`, its answer cleared (the
 *   next agent's answer is the one that counts);
 * - wrap-up: the work was done, only the wrap-up was cut: it is closed,
 *   marked `end_reason: system_restart`.
 *
 * Runs at start, before today's figures are rebuilt and before any agent
 * can be available, so nothing is offered while it runs.
 */
export interface CarryOverDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  knowsQueue: (queueId: string) => boolean;
  enqueue: (input: { existingId: string; queueId: string; channel: Channel; clientId: string; priority: number; subject?: string;
    attributes: Record<string, string>; waitingSince: Date }) => Promise<string>;
}

export async function carryOverInteractions(deps: CarryOverDeps): Promise<{ requeued: number; closed: number; orphaned: number }> {
  const rows = await deps.db.select().from(interactions).where(and(
    notInArray(interactions.channel, ['voice', 'callback']), eq(interactions.simulated, false),
    inArray(interactions.state, ['queued', 'offered', 'active', 'wrap_up']),
  ));
  const now = deps.clock.now();
  let requeued = 0, closed = 0, orphaned = 0;
  for (const r of rows.sort((a, b) => (a.queuedAt ?? a.createdAt).getTime() - (b.queuedAt ?? b.createdAt).getTime())) {
    if (r.state === 'wrap_up') {
      const attrs = JSON.stringify({ end_reason: 'system_restart' });
      await deps.db.update(interactions).set({ state: 'done', wrapUpEndedAt: new Date(now), attributes: sql`${interactions.attributes} || ${attrs}::jsonb` })
        .where(eq(interactions.id, r.id));
      closed++;
      continue;
    }
    if (r.queueId === null || !deps.knowsQueue(r.queueId)) {
      // Its queue was removed or disabled: left as it is, for an admin to see.
      deps.log.warn({ interactionId: r.id, queueId: r.queueId }, 'an interaction left waiting by a restart has no live queue: not requeued');
      orphaned++;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.attributes)) if (typeof v === 'string') attributes[k] = v;
    if (r.state === 'active') {
      attributes.requeued_after_restart = 'true';
      await deps.db.update(interactions).set({ answeredAt: null, agentId: null, outcome: null,
        attributes: sql`${interactions.attributes} || ${JSON.stringify({ requeued_after_restart: 'true' })}::jsonb` }).where(eq(interactions.id, r.id));
    }
    await deps.enqueue({ existingId: r.id, queueId: r.queueId, channel: r.channel, clientId: r.clientId, priority: r.priority,
      subject: r.subject ?? undefined, attributes, waitingSince: r.queuedAt ?? r.createdAt });
    requeued++;
  }
  if (rows.length > 0) deps.log.info({ requeued, closed, orphaned }, 'chats and work items left in routing by a restart carried over');
  return { requeued, closed, orphaned };
}
