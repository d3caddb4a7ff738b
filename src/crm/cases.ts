import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../platform/ids.js';
import type { Db } from '../store/database.js';
import { CASE_STATUSES, agents, caseInteractions, cases, customers, interactions } from '../store/schema.js';

/**
 * Cases: a customer's problem from open to resolved, and the interactions
 * that worked on it. Plain data functions: the routes check who may see
 * what, the wrap-up reuses create / setStatus / link inside its transaction.
 */
export type CaseStatus = (typeof CASE_STATUSES)[number];
type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

export const caseRow = z.object({
  id: z.string(), client_id: z.string(), customer_id: z.string(), customer_name: z.string(), subject: z.string(), status: z.enum(CASE_STATUSES),
  created_by: z.string().nullable(), created_at: z.string(), updated_at: z.string(), resolved_at: z.string().nullable(), interactions: z.number(),
});
export type CaseRow = z.infer<typeof caseRow>;

const linked = sql<number>`(select count(*)::int from ${caseInteractions} where ${caseInteractions.caseId} = ${cases.id})`;
const select = (db: Tx) => db.select({ c: cases, customerName: customers.name, linked }).from(cases).innerJoin(customers, eq(customers.id, cases.customerId));
const toRow = (r: { c: typeof cases.$inferSelect; customerName: string; linked: number }): CaseRow => ({
  id: r.c.id, client_id: r.c.clientId, customer_id: r.c.customerId, customer_name: r.customerName, subject: r.c.subject, status: r.c.status,
  created_by: r.c.createdBy, created_at: r.c.createdAt.toISOString(), updated_at: r.c.updatedAt.toISOString(),
  resolved_at: r.c.resolvedAt?.toISOString() ?? null, interactions: r.linked,
});

export interface CaseFilter { scope: SQL | undefined; status?: CaseStatus; customerId?: string; q?: string; limit: number; offset: number }

export async function listCases(db: Db, f: CaseFilter): Promise<{ items: CaseRow[]; total: number }> {
  const w = and(f.scope, f.status && eq(cases.status, f.status), f.customerId ? eq(cases.customerId, f.customerId) : undefined,
    f.q ? sql`(${cases.subject} ilike ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`} or ${customers.name} ilike ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`})` : undefined);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).innerJoin(customers, eq(customers.id, cases.customerId)).where(w);
  const rows = await select(db).where(w).orderBy(desc(cases.updatedAt), cases.id).limit(f.limit).offset(f.offset);
  return { items: rows.map(toRow), total: n };
}

export async function getCase(db: Tx, id: string, scope: SQL | undefined): Promise<CaseRow | undefined> {
  const [r] = await select(db).where(and(eq(cases.id, id), scope));
  return r && toRow(r);
}

export async function createCase(tx: Tx, c: { clientId: string; customerId: string; subject: string; status: CaseStatus; createdBy: string | null; now: Date }): Promise<string> {
  const id = newId();
  await tx.insert(cases).values({ id, clientId: c.clientId, customerId: c.customerId, subject: c.subject, status: c.status, createdBy: c.createdBy,
    createdAt: c.now, updatedAt: c.now, resolvedAt: c.status === 'resolved' ? c.now : null });
  return id;
}

/** Subject and status; resolving stamps resolved_at, reopening clears it. */
export async function updateCase(tx: Tx, id: string, p: { subject?: string; status?: CaseStatus }, now: Date): Promise<void> {
  const resolvedAt = p.status === undefined ? undefined : p.status === 'resolved' ? sql`coalesce(${cases.resolvedAt}, ${now.toISOString()}::timestamptz)` : null;
  await tx.update(cases).set({ subject: p.subject, status: p.status, resolvedAt, updatedAt: now }).where(eq(cases.id, id));
}

export async function linkInteraction(tx: Tx, caseId: string, interactionId: string, now: Date): Promise<void> {
  await tx.insert(caseInteractions).values({ caseId, interactionId, createdAt: now }).onConflictDoNothing();
  await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, caseId));
}

/** The interactions worked on a case, newest first. */
export async function caseInteractionsOf(db: Db, caseId: string) {
  const rows = await db.select({ i: interactions, agentName: agents.name }).from(caseInteractions).innerJoin(interactions, eq(interactions.id, caseInteractions.interactionId))
    .leftJoin(agents, eq(agents.id, interactions.agentId)).where(eq(caseInteractions.caseId, caseId)).orderBy(desc(interactions.createdAt));
  return rows.map(({ i, agentName }) => ({ id: i.id, at: i.createdAt.toISOString(), channel: i.channel, direction: i.direction, state: i.state,
    agent_name: agentName, disposition: i.disposition, outcome: i.outcome, notes: i.notes }));
}
