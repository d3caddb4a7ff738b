import { desc, eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { agents, cases, interactions, queues } from '../store/schema.js';

/**
 * A customer's history, newest first: every interaction of any channel
 * (calls, chats, callbacks, work items) and every case, as one list.
 */
export type TimelineEntry =
  | { kind: 'interaction'; id: string; at: string; channel: string; direction: string; state: string; queue_name: string | null; agent_name: string | null;
    disposition: string | null; outcome: string | null; notes: string | null; subject: string | null }
  | { kind: 'case'; id: string; at: string; subject: string; status: string; resolved_at: string | null };

export async function customerTimeline(db: Db, customerId: string, limit = 200): Promise<TimelineEntry[]> {
  const rows = await db.select({ i: interactions, queueName: queues.name, agentName: agents.name }).from(interactions)
    .leftJoin(queues, eq(queues.id, interactions.queueId)).leftJoin(agents, eq(agents.id, interactions.agentId))
    .where(eq(interactions.customerId, customerId)).orderBy(desc(interactions.createdAt)).limit(limit);
  const caseRows = await db.select().from(cases).where(eq(cases.customerId, customerId)).orderBy(desc(cases.createdAt)).limit(limit);
  const entries: TimelineEntry[] = [
    ...rows.map(({ i, queueName, agentName }) => ({ kind: 'interaction' as const, id: i.id, at: i.createdAt.toISOString(), channel: i.channel, direction: i.direction,
      state: i.state, queue_name: queueName, agent_name: agentName, disposition: i.disposition, outcome: i.outcome, notes: i.notes, subject: i.subject })),
    ...caseRows.map((c) => ({ kind: 'case' as const, id: c.id, at: c.createdAt.toISOString(), subject: c.subject, status: c.status, resolved_at: c.resolvedAt?.toISOString() ?? null })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
