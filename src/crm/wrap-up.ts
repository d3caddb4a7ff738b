import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { cases, interactions, queues } from '../store/schema.js';
import { ApiErrors, validationError } from '../api/errors.js';
import { createCase, linkInteraction, updateCase } from './cases.js';
import { CrmErrors } from './crm-errors.js';
import { customerOf } from './screen-pop.js';

/**
 * The agent's wrap-up record: disposition and notes on the interaction,
 * and the case it worked on (resolve a case, open one, or record a problem
 * solved on the spot as a resolved case). It only records: ending the
 * agent's wrap-up time stays with the routing engine (end-wrap-up).
 */
export const wrapUpBody = z.object({
  disposition: z.string().trim().min(1, 'is required').max(100),
  notes: z.string().max(10_000).optional(),
  resolved: z.boolean().optional(),
  case_id: z.string().uuid({ message: 'must be a UUID' }).optional(),
  case_subject: z.string().trim().min(1, 'must not be empty').max(300).optional(),
}).strict();
export type WrapUpBody = z.infer<typeof wrapUpBody>;

export interface WrapUpResult {
  interaction: { id: string; disposition: string; notes: string | null; customer_id: string | null };
  case: { id: string; subject: string; status: string } | null;
}

const ANSWERED = ['active', 'wrap_up', 'done'];

export async function wrapUp(db: Db, row: typeof interactions.$inferSelect, body: WrapUpBody, userId: string, now: Date): Promise<WrapUpResult> {
  if (!ANSWERED.includes(row.state) || !row.answeredAt) throw CrmErrors.create('NOT_ANSWERED', { state: row.state });
  const [queue] = row.queueId ? await db.select({ dispositions: queues.dispositions }).from(queues).where(eq(queues.id, row.queueId)) : [];
  const allowed = queue?.dispositions ?? [];
  // A queue without codes takes free text; one with codes takes only them (matched ignoring case, stored as the queue spells it).
  const disposition = allowed.length === 0 ? body.disposition : allowed.find((d) => d.toLowerCase() === body.disposition.toLowerCase());
  if (disposition === undefined) throw validationError([{ path: 'disposition', message: `must be one of the queue's dispositions: ${allowed.join(', ')}` }]);

  const wantsCase = body.case_id !== undefined || body.case_subject !== undefined || body.resolved === true;
  const customer = wantsCase ? await customerOf(db, row, now) : undefined;
  if (body.case_id !== undefined) {
    const [c] = await db.select().from(cases).where(and(eq(cases.id, body.case_id), eq(cases.clientId, row.clientId)));
    if (!c) throw validationError([{ path: 'case_id', message: 'no such case for this interaction\'s client' }]);
    if (customer && c.customerId !== customer.id) throw validationError([{ path: 'case_id', message: 'is a case of another customer' }]);
  } else if (wantsCase && !customer) {
    throw validationError([{ path: body.case_subject !== undefined ? 'case_subject' : 'resolved', message: 'the interaction has no customer (no caller number) to open a case for' }]);
  }

  return db.transaction(async (tx) => {
    await tx.update(interactions).set({ disposition, notes: body.notes ?? row.notes }).where(eq(interactions.id, row.id));
    let caseId = body.case_id;
    if (caseId !== undefined) {
      if (body.resolved === true) await updateCase(tx, caseId, { status: 'resolved' }, now);
      else if (body.case_subject !== undefined) await updateCase(tx, caseId, { subject: body.case_subject }, now);
    } else if (body.resolved === true || body.case_subject !== undefined) {
      caseId = await createCase(tx, { clientId: row.clientId, customerId: customer!.id, subject: body.case_subject ?? disposition,
        status: body.resolved === true ? 'resolved' : 'open', createdBy: userId, now });
    }
    if (caseId !== undefined) await linkInteraction(tx, caseId, row.id, now);
    const [c] = caseId ? await tx.select({ id: cases.id, subject: cases.subject, status: cases.status }).from(cases).where(eq(cases.id, caseId)) : [];
    if (caseId && !c) throw ApiErrors.create('NOT_FOUND', { field: 'case_id' });
    return {
      interaction: { id: row.id, disposition, notes: body.notes ?? row.notes, customer_id: customer?.id ?? row.customerId },
      case: c ?? null,
    };
  });
}
