import { and, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../store/database.js';
import { campaigns, interactions, leads } from '../../store/schema.js';
import { applyDisposition } from '../campaigns/lead-disposition.js';
import { toSelectorLead, type CampaignRecord } from '../campaigns/lead-store.js';
import type { DialResult } from './attempt-rules.js';

/**
 * What the live dialer stores: one outbound voice interaction per attempt
 * (campaign_id set, attributes.lead_id and attributes.dial_result), the
 * lead's disposition by the campaign's retry rules, the figures the stats
 * read back, and the start-up sweep for attempts a restart cut off.
 */
export class AttemptRecords {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async createAttempt(c: CampaignRecord, lead: { id: string; phone: string; attempts: number }): Promise<string> {
    const id = newId();
    await this.db.insert(interactions).values({
      id, clientId: c.clientId, channel: 'voice', direction: 'outbound', state: 'created', customerAddress: lead.phone, serviceAddress: c.callerId,
      campaignId: c.id, subject: `Campaign ${c.name}`, priority: 10, createdAt: new Date(this.clock.now()),
      attributes: { campaign_id: c.id, campaign_name: c.name, lead_id: lead.id, attempt: lead.attempts + 1, dial_mode: c.mode },
    });
    return id;
  }

  async merge(id: string, attrs: Record<string, unknown>): Promise<void> {
    await this.db.update(interactions).set({ attributes: sql`${interactions.attributes} || ${JSON.stringify(attrs)}::jsonb` }).where(eq(interactions.id, id));
  }

  /** Ends an attempt that never reached routing (busy, no answer, machine, abandoned before queueing). */
  async endAttempt(id: string, result: DialResult, answered: boolean): Promise<void> {
    const now = new Date(this.clock.now());
    await this.db.update(interactions).set({
      state: result === 'abandoned' ? 'abandoned' : result === 'failed' ? 'failed' : 'done', outcome: result, endedAt: now,
      ...(answered ? { answeredAt: now } : {}),
      attributes: sql`${interactions.attributes} || ${JSON.stringify({ dial_result: result })}::jsonb`,
    }).where(and(eq(interactions.id, id), isNull(interactions.endedAt)));
  }

  /**
   * The attempt's outcome on its lead, by the campaign's retry rules. A
   * connected call is counted here ('connected'); the agent's disposition
   * then replaces it without counting a second attempt.
   */
  async dispose(c: CampaignRecord, leadId: string, disposition: string): Promise<void> {
    const [l] = await this.db.select().from(leads).where(and(eq(leads.id, leadId), eq(leads.campaignId, c.id)));
    if (l === undefined) return;
    const now = this.clock.now();
    // An interrupted attempt, or a person who hung up before an agent came, follows the no-answer rule unless the campaign has its own.
    const fallback = c.retryRules.no_answer ?? 240;
    const rules = { ...c.retryRules, interrupted: c.retryRules.interrupted ?? fallback, customer_hangup: c.retryRules.customer_hangup ?? fallback };
    const r = applyDisposition({ ...c, retryRules: rules }, toSelectorLead(l), disposition, now);
    await this.db.update(leads).set({
      status: r.status, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt === null ? null : new Date(r.nextAttemptAt),
      lastAttemptAt: new Date(r.lastAttemptAt), lastDisposition: r.lastDisposition, updatedAt: new Date(now),
    }).where(eq(leads.id, l.id));
  }

  /** Attempt results per kind since `sinceMs`. */
  async results(campaignId: string, sinceMs: number): Promise<Record<string, number>> {
    const rows = await this.db.select({ r: sql<string | null>`${interactions.attributes}->>'dial_result'`, n: sql<number>`count(*)::int` }).from(interactions)
      .where(and(eq(interactions.campaignId, campaignId), gte(interactions.createdAt, new Date(sinceMs)))).groupBy(sql`1`);
    const out: Record<string, number> = {};
    for (const x of rows) if (x.r !== null) out[x.r] = x.n;
    return out;
  }

  /** Connected calls since `sinceMs` that the agent dispositioned as a machine (Ofcom's machine share). */
  async machineConnects(campaignId: string, sinceMs: number): Promise<number> {
    const [r] = await this.db.select({ n: sql<number>`count(*)::int` }).from(interactions).innerJoin(leads, sql`${leads.id}::text = ${interactions.attributes}->>'lead_id'`)
      .where(and(eq(interactions.campaignId, campaignId), gte(interactions.createdAt, new Date(sinceMs)), sql`${interactions.attributes}->>'dial_result' = 'connected'`,
        eq(leads.lastDisposition, 'machine')));
    return r?.n ?? 0;
  }

  /** Leads still to call (new or scheduled for a retry) and the leads' last dispositions. */
  async leadFigures(campaignId: string): Promise<{ remaining: number; dispositions: Record<string, number> }> {
    const rows = await this.db.select({ status: leads.status, d: leads.lastDisposition, n: sql<number>`count(*)::int` }).from(leads)
      .where(eq(leads.campaignId, campaignId)).groupBy(leads.status, leads.lastDisposition);
    let remaining = 0;
    const dispositions: Record<string, number> = {};
    for (const r of rows) {
      if (r.status === 'new' || r.status === 'retry') remaining += r.n;
      if (r.d !== null) dispositions[r.d] = (dispositions[r.d] ?? 0) + r.n;
    }
    return { remaining, dispositions };
  }

  /**
   * After a restart (run after the voice sweep, which closed the calls):
   * every campaign attempt that has no result yet is closed as
   * `interrupted` and its lead rescheduled. Returns how many.
   */
  async recover(): Promise<number> {
    const open = await this.db.select({ id: interactions.id, campaignId: interactions.campaignId, lead: sql<string | null>`${interactions.attributes}->>'lead_id'` })
      .from(interactions).where(and(isNotNull(interactions.campaignId), eq(interactions.direction, 'outbound'), sql`not (${interactions.attributes} ? 'dial_result')`));
    for (const o of open) {
      const [c] = await this.db.select().from(campaigns).where(eq(campaigns.id, o.campaignId!));
      await this.db.update(interactions).set({
        state: sql`case when ${interactions.state} in ('done', 'abandoned', 'failed') then ${interactions.state} else 'failed' end`,
        endedAt: sql`coalesce(${interactions.endedAt}, ${new Date(this.clock.now()).toISOString()}::timestamptz)`,
        attributes: sql`${interactions.attributes} || ${JSON.stringify({ dial_result: 'interrupted', end_reason: 'system_restart' })}::jsonb`,
      }).where(eq(interactions.id, o.id));
      if (c !== undefined && o.lead !== null) await this.dispose(c, o.lead, 'interrupted');
    }
    return open.length;
  }
}
