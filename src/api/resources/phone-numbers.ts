import { and, asc, eq, ne } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { normalisePhone } from '../../dialer/campaigns/phone.js';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../store/database.js';
import { NUMBER_KINDS, clients, flows, phoneNumbers, trunks } from '../../store/schema.js';
import { assertClientVisible, clientCondition } from '../access.js';
import { ApiErrors, validationError } from '../errors.js';
import { ADMIN, pageRows, STAFF, type ResourceDef } from './resource.js';
import { country, iso, patchOf, stamps, uuid } from './fields.js';

const shape = {
  client_id: uuid,
  /** As written: "+1 512 555 0100", "(512) 555-0100", "020 7946 0100"; stored as E.164. */
  e164: z.string().trim().min(1, 'is required').max(40),
  /** The country national-format input is read in; default: the client's country, else US. */
  country: country.optional(),
  /** Default: toll_free when the numbering plan says so, else did. */
  kind: z.enum(NUMBER_KINDS).optional(),
  label: z.string().trim().max(200).default(''),
  flow_id: uuid.nullable().optional(),
  /** The client's own trunk or a shared one; null: any trunk. */
  trunk_id: uuid.nullable().optional(),
};
const row = z.object({
  id: z.string(), client_id: z.string(), e164: z.string(), kind: z.enum(NUMBER_KINDS), label: z.string(),
  flow_id: z.string().nullable(), trunk_id: z.string().nullable(), ...stamps,
});
type Row = z.infer<typeof row>;
type Create = z.infer<z.ZodObject<typeof shape>>;
type Patch = z.infer<ReturnType<typeof patchOf<typeof shape>>>;

const toRow = (n: typeof phoneNumbers.$inferSelect): Row => ({
  id: n.id, client_id: n.clientId, e164: n.e164, kind: n.kind, label: n.label, flow_id: n.flowId, trunk_id: n.trunkId,
  disabled: n.disabled, created_at: iso(n.createdAt), updated_at: iso(n.updatedAt),
});

async function toE164(db: Db, clientId: string, raw: string, given: string | undefined): Promise<{ e164: string; tollFree: boolean }> {
  let defaultCountry = given;
  if (!defaultCountry) {
    const [c] = await db.select({ country: clients.country }).from(clients).where(eq(clients.id, clientId));
    if (!c) throw validationError([{ path: 'client_id', message: 'no such client' }]);
    defaultCountry = c.country ?? 'US';
  }
  const p = normalisePhone(raw, defaultCountry);
  if (!p.ok) throw validationError([{ path: 'e164', message: p.reason }]);
  return { e164: p.e164, tollFree: parsePhoneNumberFromString(p.e164)?.getType() === 'TOLL_FREE' };
}

/** A number rings in one place: taken by any client is a conflict (the unique index is the backstop for races). */
async function assertFree(db: Db, e164: string, self?: string): Promise<void> {
  const [taken] = await db.select({ id: phoneNumbers.id }).from(phoneNumbers)
    .where(and(eq(phoneNumbers.e164, e164), self ? ne(phoneNumbers.id, self) : undefined));
  if (taken) throw ApiErrors.create('CONFLICT', { field: 'e164', e164 }, `e164: ${e164} is already in use`);
}

/** The flow must be the number's client's; the trunk the client's own or a shared one. */
async function checkRefs(db: Db, clientId: string, flowId: string | null | undefined, trunkId: string | null | undefined): Promise<void> {
  if (flowId) {
    const [f] = await db.select({ clientId: flows.clientId }).from(flows).where(eq(flows.id, flowId));
    if (!f || f.clientId !== clientId) throw validationError([{ path: 'flow_id', message: 'no such flow for this client' }]);
  }
  if (trunkId) {
    const [t] = await db.select({ clientId: trunks.clientId }).from(trunks).where(eq(trunks.id, trunkId));
    if (!t || (t.clientId !== null && t.clientId !== clientId)) throw validationError([{ path: 'trunk_id', message: 'no such trunk for this client (use its own or a shared one)' }]);
  }
}

/**
 * Numbers customers dial (DIDs, toll-free), each owned by a client and
 * answered by one of that client's flows. Input in any usual format is
 * stored as E.164, which is what the call engine matches.
 */
export const phoneNumbersResource: ResourceDef<Row, Create, Patch> = {
  path: 'numbers', entity: 'phone_number', clientScope: 'entity', row,
  create: z.object(shape).strict(), patch: patchOf(shape), readRoles: STAFF, writeRoles: ADMIN,
  clientOf: (r) => r.client_id,
  list: ({ db, caller }, q) => pageRows(db, phoneNumbers, [clientCondition(caller.scope, phoneNumbers.clientId)], [phoneNumbers.e164, phoneNumbers.label], q, phoneNumbers.disabled,
    async (w) => (await db.select().from(phoneNumbers).where(w).orderBy(asc(phoneNumbers.e164)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db, caller }, id) {
    const [n] = await db.select().from(phoneNumbers).where(and(eq(phoneNumbers.id, id), clientCondition(caller.scope, phoneNumbers.clientId)));
    return n && toRow(n);
  },
  async insert({ db, caller }, b) {
    assertClientVisible(caller.scope, b.client_id);
    const { e164, tollFree } = await toE164(db, b.client_id, b.e164, b.country);
    await assertFree(db, e164);
    await checkRefs(db, b.client_id, b.flow_id, b.trunk_id);
    const [n] = await db.insert(phoneNumbers).values({
      id: newId(), clientId: b.client_id, e164, kind: b.kind ?? (tollFree ? 'toll_free' : 'did'), label: b.label, flowId: b.flow_id ?? null, trunkId: b.trunk_id ?? null,
    }).returning();
    return toRow(n);
  },
  async update({ db, caller }, id, p, before) {
    if (p.client_id !== undefined) assertClientVisible(caller.scope, p.client_id);
    const clientId = p.client_id ?? before.client_id;
    const e164 = p.e164 === undefined ? undefined : (await toE164(db, clientId, p.e164, p.country)).e164;
    if (e164 !== undefined) await assertFree(db, e164, id);
    // Moving the number to another client re-checks the flow and trunk it keeps.
    await checkRefs(db, clientId, p.flow_id === undefined ? before.flow_id : p.flow_id, p.trunk_id === undefined ? before.trunk_id : p.trunk_id);
    const [n] = await db.update(phoneNumbers).set({
      clientId: p.client_id, e164, kind: p.kind, label: p.label, flowId: p.flow_id, trunkId: p.trunk_id, disabled: p.disabled, updatedAt: new Date(),
    }).where(eq(phoneNumbers.id, id)).returning();
    return toRow(n);
  },
};
