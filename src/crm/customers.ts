import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../platform/ids.js';
import type { Db } from '../store/database.js';
import { clients, customers, type Role } from '../store/schema.js';
import { assertClientVisible, clientCondition } from '../api/access.js';
import { ApiErrors, validationError } from '../api/errors.js';
import type { ListQuery, ResourceDef } from '../api/resources/resource.js';
import { name, uuid } from '../api/resources/fields.js';
import { normaliseCustomerPhones } from './caller-number.js';

/**
 * Customers: a client's people, found by name, number or email. Served by
 * the generic resource routes (list / get / create / update, audited);
 * numbers are stored E.164, read in the client's country when typed
 * nationally, emails lower-case.
 */
export const CRM_READ: readonly Role[] = ['admin', 'supervisor', 'agent', 'qa'];
export const CRM_WRITE: readonly Role[] = ['admin', 'supervisor', 'agent'];

const customFields = z.record(z.string().trim().min(1).max(60), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((o) => Object.keys(o).length <= 50, 'at most 50 fields');
const shape = {
  client_id: uuid,
  name,
  phones: z.array(z.string().max(40)).max(10).default([]),
  emails: z.array(z.string().trim().toLowerCase().email('must be an email address')).max(10).default([]),
  custom_fields: customFields.default({}),
};
const createSchema = z.object(shape).strict();
const patchSchema = z.object({ name, phones: shape.phones.unwrap(), emails: shape.emails.unwrap(), custom_fields: customFields }).partial().strict();
export const customerRow = z.object({
  id: z.string(), client_id: z.string(), name: z.string(), phones: z.array(z.string()), emails: z.array(z.string()),
  custom_fields: z.record(z.string(), z.unknown()), created_at: z.string(), updated_at: z.string(),
});
export type CustomerRow = z.infer<typeof customerRow>;
type Create = z.infer<typeof createSchema>;
type Patch = z.infer<typeof patchSchema>;

export const toCustomerRow = (c: typeof customers.$inferSelect): CustomerRow => ({
  id: c.id, client_id: c.clientId, name: c.name, phones: c.phones, emails: c.emails, custom_fields: c.customFields,
  created_at: c.createdAt.toISOString(), updated_at: c.updatedAt.toISOString(),
});

async function clientCountry(db: Db, clientId: string): Promise<string | null> {
  const [c] = await db.select({ country: clients.country }).from(clients).where(eq(clients.id, clientId));
  if (!c) throw ApiErrors.create('NOT_FOUND', { field: 'client_id' }, 'client_id: client not found');
  return c.country;
}

async function phonesOf(db: Db, clientId: string, list: string[] | undefined): Promise<string[] | undefined> {
  if (list === undefined) return undefined;
  const r = normaliseCustomerPhones(list, await clientCountry(db, clientId));
  if (!r.ok) throw validationError([{ path: `phones.${r.index}`, message: 'is not a phone number' }]);
  return r.phones;
}

/** Name, email or number: "ada", "ada@", "0134", "+44 20 7946 0958" all find Ada. */
function searchCondition(q: string): SQL {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  const conds: SQL[] = [sql`${customers.name} ilike ${like}`, sql`exists (select 1 from unnest(${customers.emails}) e where e ilike ${like})`];
  // Digits match anywhere in the stored E.164 numbers; a national trunk prefix 0 is dropped ("020..." finds "+4420...").
  const digits = q.replace(/\D/g, '').replace(/^0+/, '');
  if (digits.length >= 3 && /^[\d\s()+.\-/]+$/.test(q)) conds.push(sql`array_to_string(${customers.phones}, ' ') like ${`%${digits}%`}`);
  return or(...conds)!;
}

export async function listCustomers(db: Db, where: (SQL | undefined)[], q: ListQuery): Promise<{ items: CustomerRow[]; total: number }> {
  const w = and(...where, q.q ? searchCondition(q.q) : undefined);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(customers).where(w);
  const rows = await db.select().from(customers).where(w).orderBy(desc(customers.updatedAt), customers.id).limit(q.limit).offset(q.offset);
  return { items: rows.map(toCustomerRow), total: n };
}

export const customersResource: ResourceDef<CustomerRow, Create, Patch> = {
  path: 'customers', entity: 'customer', clientScope: 'entity', row: customerRow,
  create: createSchema, patch: patchSchema,
  readRoles: CRM_READ, writeRoles: CRM_WRITE,
  clientOf: (r) => r.client_id,
  list: ({ db, caller }, q) => listCustomers(db, [clientCondition(caller.scope, customers.clientId)], q),
  async get({ db, caller }, id) {
    const [c] = await db.select().from(customers).where(and(eq(customers.id, id), clientCondition(caller.scope, customers.clientId)));
    return c && toCustomerRow(c);
  },
  async insert({ db, caller }, b) {
    assertClientVisible(caller.scope, b.client_id);
    const phones = (await phonesOf(db, b.client_id, b.phones)) ?? [];
    const [c] = await db.insert(customers).values({ id: newId(), clientId: b.client_id, name: b.name, phones, emails: [...new Set(b.emails)], customFields: b.custom_fields }).returning();
    return toCustomerRow(c);
  },
  async update({ db }, id, p, before) {
    const phones = await phonesOf(db, before.client_id, p.phones);
    const [c] = await db.update(customers).set({ name: p.name, phones, emails: p.emails && [...new Set(p.emails)], customFields: p.custom_fields, updatedAt: new Date() })
      .where(eq(customers.id, id)).returning();
    return toCustomerRow(c);
  },
};

/**
 * The customer with this number in this client, created (named by the
 * number) when there is none. A transaction-scoped advisory lock on
 * (client, number) makes two calls from a new number at the same moment
 * find one customer, not create two. Several customers may share a number:
 * the oldest is the one the screen pop shows.
 */
export async function findOrCreateByPhone(db: Db, clientId: string, e164: string, now: Date): Promise<{ customer: typeof customers.$inferSelect; created: boolean }> {
  const find = async (tx: Db) => (await tx.select().from(customers)
    .where(and(eq(customers.clientId, clientId), sql`${customers.phones} @> array[${e164}]::text[]`)).orderBy(customers.createdAt, customers.id).limit(1))[0];
  const found = await find(db);
  if (found) return { customer: found, created: false };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`customer:${clientId}:${e164}`}))`);
    const again = await find(tx);
    if (again) return { customer: again, created: false };
    const [c] = await tx.insert(customers).values({ id: newId(), clientId, name: e164, phones: [e164], createdAt: now, updatedAt: now }).returning();
    return { customer: c, created: true };
  });
}
