import { and, asc, desc, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { agentStateLog, agents, caseInteractions, cases, interactions, sites } from '../store/schema.js';
import { startOfDay, timeInStates, type StateSeconds } from './time-in-state.js';

/**
 * An agent's own figures for today, "today" being the calendar day in the
 * agent's site time zone (UTC for an agent with no site): interactions
 * answered, cases resolved that the agent worked on today, average handle
 * time (answer to end of wrap-up) of the interactions finished, and time in
 * each state from the agent_state_log the routing service writes.
 */
export interface MyDay { date: string; time_zone: string; since: string; answered: number; resolved: number; aht_s: number; states: StateSeconds }

export async function myDay(db: Db, agent: typeof agents.$inferSelect, now: Date): Promise<MyDay> {
  const [site] = agent.siteId ? await db.select({ tz: sites.timezone }).from(sites).where(eq(sites.id, agent.siteId)) : [];
  const tz = site?.tz ?? 'UTC';
  const from = startOfDay(now, tz);
  const mine = and(eq(interactions.agentId, agent.id), gte(interactions.answeredAt, from));
  const [figures] = await db.select({
    answered: sql<number>`count(*)::int`,
    aht: sql<number | null>`avg(extract(epoch from ${interactions.wrapUpEndedAt} - ${interactions.answeredAt})) filter (where ${interactions.wrapUpEndedAt} is not null)`,
  }).from(interactions).where(mine);
  const [{ resolved }] = await db.select({ resolved: sql<number>`count(distinct ${cases.id})::int` }).from(cases)
    .innerJoin(caseInteractions, eq(caseInteractions.caseId, cases.id)).innerJoin(interactions, eq(interactions.id, caseInteractions.interactionId))
    .where(and(eq(cases.status, 'resolved'), gte(cases.resolvedAt, from), mine, isNotNull(cases.resolvedAt)));
  const [before] = await db.select().from(agentStateLog).where(and(eq(agentStateLog.agentId, agent.id), lt(agentStateLog.at, from)))
    .orderBy(desc(agentStateLog.at), desc(agentStateLog.id)).limit(1);
  const changes = await db.select().from(agentStateLog).where(and(eq(agentStateLog.agentId, agent.id), gte(agentStateLog.at, from), lte(agentStateLog.at, now)))
    .orderBy(asc(agentStateLog.at), asc(agentStateLog.id));
  return {
    date: new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(now), time_zone: tz, since: from.toISOString(),
    answered: figures.answered, resolved, aht_s: Math.round(Number(figures.aht ?? 0)),
    states: timeInStates(before, changes, from, now),
  };
}
