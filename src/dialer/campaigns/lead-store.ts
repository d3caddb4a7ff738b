import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { campaigns, dncEntries, leads } from '../../store/schema.js';
import { newId } from '../../platform/ids.js';
import type { ImportPlan } from './lead-import.js';
import type { SelectorLead } from './lead-selector.js';

export type CampaignRecord = typeof campaigns.$inferSelect;
export type LeadRecord = typeof leads.$inferSelect;

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Writes a planned import in one transaction: all of it or none. A number
 * already in the campaign is merged (new name, zone and priority when given,
 * custom fields added), never duplicated, and its attempt history is kept.
 */
export async function writeLeadImport(db: Db, campaignId: string, plan: ImportPlan): Promise<{ inserted: number; mergedExisting: number }> {
  return db.transaction(async (tx) => {
    let mergedExisting = 0;
    for (const part of chunks(plan.leads)) {
      const existing = await tx.select({ phone: leads.phone }).from(leads)
        .where(and(eq(leads.campaignId, campaignId), inArray(leads.phone, part.map((l) => l.phone))));
      mergedExisting += existing.length;
      await tx.insert(leads).values(part.map((l) => ({
        id: newId(), campaignId, phone: l.phone, name: l.name, timeZone: l.timeZone, country: l.country, priority: l.priority, fields: l.fields,
      }))).onConflictDoUpdate({
        target: [leads.campaignId, leads.phone],
        set: {
          name: sql`coalesce(excluded.name, ${leads.name})`,
          timeZone: sql`coalesce(excluded.time_zone, ${leads.timeZone})`,
          country: sql`coalesce(excluded.country, ${leads.country})`,
          priority: sql`greatest(${leads.priority}, excluded.priority)`,
          fields: sql`${leads.fields} || excluded.fields`,
          updatedAt: sql`now()`,
        },
      });
    }
    return { inserted: plan.leads.length - mergedExisting, mergedExisting };
  });
}

/** The numbers among `phones` on the client's list or the global one. */
export async function dncAmong(db: Db, clientId: string, phones: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(phones)])) {
    const rows = await db.select({ phone: dncEntries.phone }).from(dncEntries)
      .where(and(inArray(dncEntries.phone, part), or(isNull(dncEntries.clientId), eq(dncEntries.clientId, clientId))));
    for (const r of rows) found.add(r.phone);
  }
  return found;
}

/**
 * Leads worth showing the selector: open, due, under the attempt limit, in
 * the selector's own order. The selector still decides (window, zone, DNC);
 * this only keeps the candidate list short.
 */
export async function dueLeads(db: Db, c: CampaignRecord, nowMs: number, max: number): Promise<LeadRecord[]> {
  return db.select().from(leads).where(and(
    eq(leads.campaignId, c.id),
    inArray(leads.status, ['new', 'retry']),
    sql`${leads.attempts} < ${c.maxAttempts}`,
    or(isNull(leads.nextAttemptAt), lte(leads.nextAttemptAt, new Date(nowMs))),
  )).orderBy(sql`${leads.nextAttemptAt} asc nulls first`, desc(leads.priority), asc(leads.createdAt), asc(leads.id)).limit(max);
}

export function toSelectorLead(l: LeadRecord): SelectorLead & { record: LeadRecord } {
  return {
    id: l.id, phone: l.phone, timeZone: l.timeZone, country: l.country, status: l.status, attempts: l.attempts, priority: l.priority,
    nextAttemptAt: l.nextAttemptAt?.getTime() ?? null, lastAttemptAt: l.lastAttemptAt?.getTime() ?? null, lastDisposition: l.lastDisposition, record: l,
  };
}
