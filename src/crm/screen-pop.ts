import { and, desc, eq, ne, isNull, or } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { agents, cases, clients, customers, dncEntries, interactions, queues } from '../store/schema.js';
import { callerE164 } from './caller-number.js';
import { findOrCreateByPhone, toCustomerRow } from './customers.js';
import { renderScript, type ScriptVars } from './script-render.js';

type InteractionRow = typeof interactions.$inferSelect;
type CustomerRecord = typeof customers.$inferSelect;

/**
 * The interaction's customer: the one already linked, else the one with the
 * caller's number in the interaction's client (created, named by the
 * number, when there is none), and the interaction is linked to it. A
 * withheld or non-numeric caller gets no customer.
 */
export async function customerOf(db: Db, row: InteractionRow, now: Date): Promise<CustomerRecord | undefined> {
  if (row.customerId) {
    const [c] = await db.select().from(customers).where(eq(customers.id, row.customerId));
    return c;
  }
  const [client] = await db.select({ country: clients.country }).from(clients).where(eq(clients.id, row.clientId));
  const e164 = callerE164(row.customerAddress, client?.country);
  if (e164 === null) return undefined;
  const { customer } = await findOrCreateByPhone(db, row.clientId, e164, now);
  // Only an unlinked interaction is linked here: a link made meanwhile (another tab, a transfer) wins.
  await db.update(interactions).set({ customerId: customer.id }).where(and(eq(interactions.id, row.id), isNull(interactions.customerId)));
  return customer;
}

export interface ScreenPop {
  /**
   * `client_id`: whose customer this is (the desktop adds the caller to that client's do-not-call list);
   * `on_dnc`: the caller's number is on that client's list or the global one already.
   */
  interaction: { id: string; client_id: string; queue: { id: string; name: string } | null; from_number: string | null; on_dnc: boolean; channel: string; attributes: Record<string, unknown> };
  customer: { id: string; name: string; phones: string[]; emails: string[]; custom_fields: Record<string, unknown> } | null;
  history: { id: string; channel: string; direction: string; created_at: string; queue_name: string | null; disposition: string | null; outcome: string | null }[];
  open_cases: { id: string; subject: string; status: string }[];
  script_html: string | null;
  dispositions: string[];
}

/** Everything the desktop shows the moment an interaction is offered. `agentName`: the agent at the desk, for {{agent.name}}. */
export async function buildScreenPop(db: Db, row: InteractionRow, agentName: string | null, now: Date): Promise<ScreenPop> {
  const [queue] = row.queueId ? await db.select().from(queues).where(eq(queues.id, row.queueId)) : [];
  const customer = await customerOf(db, row, now);
  const history = customer
    ? await db.select({ i: interactions, queueName: queues.name }).from(interactions).leftJoin(queues, eq(queues.id, interactions.queueId))
      .where(and(eq(interactions.customerId, customer.id), ne(interactions.id, row.id))).orderBy(desc(interactions.createdAt)).limit(20)
    : [];
  const open = customer
    ? await db.select({ id: cases.id, subject: cases.subject, status: cases.status }).from(cases)
      .where(and(eq(cases.customerId, customer.id), ne(cases.status, 'resolved'))).orderBy(desc(cases.updatedAt)).limit(20)
    : [];
  const onDnc = row.customerAddress !== null && (await db.select({ id: dncEntries.id }).from(dncEntries)
    .where(and(eq(dncEntries.phone, row.customerAddress), or(eq(dncEntries.clientId, row.clientId), isNull(dncEntries.clientId)))).limit(1)).length > 0;
  let agent = agentName;
  if (agent === null && row.agentId) agent = (await db.select({ name: agents.name }).from(agents).where(eq(agents.id, row.agentId)))[0]?.name ?? null;
  const c = customer && toCustomerRow(customer);
  const vars: Record<string, ScriptVars[string]> = {
    'customer.name': c?.name, 'customer.phone': c?.phones[0] ?? row.customerAddress, 'customer.email': c?.emails[0],
    'queue.name': queue?.name, 'agent.name': agent, 'interaction.id': row.id, 'interaction.subject': row.subject,
    // The names the demo scripts and the queue editor's hint use.
    customer_name: c?.name, caller: row.customerAddress,
  };
  for (const [k, v] of Object.entries(c?.custom_fields ?? {})) vars[`customer.${k}`] ??= scalar(v);
  for (const [k, v] of Object.entries(row.attributes)) vars[`attributes.${k}`] = scalar(v);
  return {
    interaction: { id: row.id, client_id: row.clientId, queue: queue ? { id: queue.id, name: queue.name } : null, from_number: row.customerAddress, on_dnc: onDnc, channel: row.channel, attributes: row.attributes },
    customer: c ? { id: c.id, name: c.name, phones: c.phones, emails: c.emails, custom_fields: c.custom_fields } : null,
    history: history.map(({ i, queueName }) => ({ id: i.id, channel: i.channel, direction: i.direction, created_at: i.createdAt.toISOString(),
      queue_name: queueName, disposition: i.disposition, outcome: i.outcome })),
    open_cases: open,
    script_html: queue?.script.trim() ? renderScript(queue.script, vars) : null,
    dispositions: queue?.dispositions ?? [],
  };
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? v.join(' ') : undefined;
