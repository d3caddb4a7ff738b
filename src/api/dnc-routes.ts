import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq, ilike, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import type { Db } from '../store/database.js';
import { DNC_SOURCES, clients, dncEntries } from '../store/schema.js';
import { parseCsv } from '../dialer/campaigns/csv.js';
import { normalisePhone } from '../dialer/campaigns/phone.js';
import { canSeeClient, clientOrSharedCondition, requireRole, visibleFirst, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import type { AuditLog } from './audit.js';
import { ApiErrors, validationError } from './errors.js';
import { country, uuid } from './resources/fields.js';

/** Lets a plugin's routes take `text/csv` bodies as one string (spreadsheets export that; JSON stays the default). */
export function acceptCsvBodies(app: FastifyInstance): void {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
}

type Entry = typeof dncEntries.$inferSelect;
const entryRow = (e: Entry) => ({ id: e.id, client_id: e.clientId, phone: e.phone, source: e.source, created_by: e.createdBy, created_at: e.createdAt.toISOString() });
const meta = { tags: ['dnc'], 'x-client-scope': 'entity' } as const;
const READ = ['admin', 'supervisor', 'qa', 'planner'] as const;
const ADD = ['admin', 'supervisor', 'agent'] as const;
const notFound = () => ApiErrors.create('NOT_FOUND', { entity: 'dnc_entry' }, 'do-not-call entry not found');

/**
 * Checked before the body is validated: refused roles get 403, a client the
 * caller cannot see 404, and the global list (no client) is for admins only.
 */
async function mayAddTo(req: { caller: Caller | null; body: unknown; query: unknown }): Promise<void> {
  if (!req.caller) return;
  requireRole(req.caller, ADD);
  const raw = (req.body && typeof req.body === 'object' ? (req.body as { client_id?: unknown }).client_id : undefined)
    ?? (req.query as { client_id?: unknown }).client_id;
  if (raw === undefined || raw === null) return requireRole(req.caller, ['admin']);
  if (typeof raw !== 'string' || !canSeeClient(req.caller.scope, raw)) throw ApiErrors.create('NOT_FOUND', { field: 'client_id' }, 'client_id: client not found');
}

/** The country national-format numbers are read in: the one given, else the client's, else US. */
async function countryFor(db: Db, clientId: string | null | undefined, given: string | undefined): Promise<string> {
  if (given) return given;
  if (!clientId) return 'US';
  const [c] = await db.select({ country: clients.country }).from(clients).where(eq(clients.id, clientId));
  if (!c) throw ApiErrors.create('NOT_FOUND', { field: 'client_id' }, 'client_id: client not found');
  return c.country ?? 'US';
}

const addBody = z.object({
  client_id: uuid.nullable().optional(), phone: z.string().min(1).max(40), source: z.enum(DNC_SOURCES).optional(), country: country.optional(),
}).strict();
const importBody = z.object({ client_id: uuid.nullable().optional(), csv: z.string().min(1, 'is required'), country: country.optional() }).strict();

/**
 * Do-not-call lists: one per client plus the global list (client_id null),
 * every number in E.164 so "(212) 555-0134" and "+12125550134" are one
 * entry. Agents add numbers for callers who ask; the IVR's "press 9" adds
 * with source 'ivr'. Additions and removals are audited.
 */
export const dncRoutes: FastifyPluginAsync<{ db: Db; audit: AuditLog; clock: Clock }> = async (app, { db, audit, clock }) => {
  acceptCsvBodies(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/dnc', {
    schema: { ...meta, summary: 'Do-not-call entries you may see: your clients\' lists and the global one',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0),
        q: z.string().max(40).optional(), client_id: uuid.optional(), global: z.enum(['true', 'false']).optional() }) },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, READ);
    const { q, client_id, global } = req.query;
    const where = and(clientOrSharedCondition(caller.scope, dncEntries.clientId), client_id ? eq(dncEntries.clientId, client_id) : undefined,
      global === 'true' ? isNull(dncEntries.clientId) : undefined, q ? ilike(dncEntries.phone, `%${q.replace(/[^\d+]/g, '')}%`) : undefined);
    const [{ n }] = await db.select({ n: count() }).from(dncEntries).where(where);
    const rows = await db.select().from(dncEntries).where(where).orderBy(desc(dncEntries.createdAt), desc(dncEntries.id)).limit(req.query.limit).offset(req.query.offset);
    return { items: rows.map(entryRow), total: n, limit: req.query.limit, offset: req.query.offset };
  });

  r.post('/dnc', { preValidation: mayAddTo, schema: { ...meta, summary: 'Add a number to a client\'s list, or (admins) to the global list', body: addBody } }, async (req, reply) => {
    const caller = callerOf(req);
    const clientId = req.body.client_id ?? null;
    const phone = normalisePhone(req.body.phone, await countryFor(db, clientId, req.body.country));
    if (!phone.ok) throw validationError([{ path: 'phone', message: phone.reason }]);
    // Agents always add as themselves; nobody else may claim to be the IVR's "press 9" without saying so.
    const source = caller.role === 'agent' ? 'agent' : req.body.source ?? 'api';
    const [added] = await db.insert(dncEntries).values({ id: newId(), clientId, phone: phone.e164, source, createdBy: caller.userId, createdAt: new Date(clock.now()) })
      .onConflictDoNothing().returning();
    if (!added) {
      const [existing] = await db.select().from(dncEntries).where(and(clientId ? eq(dncEntries.clientId, clientId) : isNull(dncEntries.clientId), eq(dncEntries.phone, phone.e164)));
      return reply.code(200).send({ ...entryRow(existing), created: false });
    }
    await audit.record({ action: 'dnc.add', entity: 'dnc_entry', entityId: added.id, clientId, actor: caller, after: entryRow(added) });
    return reply.code(201).send({ ...entryRow(added), created: true });
  });

  r.post('/dnc/import', {
    preValidation: mayAddTo, bodyLimit: 20 << 20,
    schema: { ...meta, summary: 'Add many numbers: JSON {client_id, csv, country} or a text/csv body with ?client_id=. The phone column is the one whose header says phone/number/tel/mobile, else the first; one transaction; rejected rows listed with their line',
      querystring: z.object({ client_id: uuid.optional(), country: country.optional() }) },
  }, async (req) => {
    const caller = callerOf(req);
    const parsed = importBody.safeParse(typeof req.body === 'string' ? { csv: req.body, client_id: req.query.client_id, country: req.query.country } : req.body);
    if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const clientId = parsed.data.client_id ?? null;
    const defaultCountry = await countryFor(db, clientId, parsed.data.country);
    const records = parseCsv(parsed.data.csv);
    const headerCol = records[0]?.cells.findIndex((c) => /phone|number|tel|mobile/i.test(c)) ?? -1;
    const col = Math.max(0, headerCol);
    const rejected: { line: number; code: string; reason: string }[] = [];
    const phones = new Map<string, number>();
    for (const { line, cells } of records.slice(headerCol >= 0 ? 1 : 0)) {
      const p = normalisePhone(cells[col] ?? '', defaultCountry);
      if (!p.ok) rejected.push({ line, code: p.code, reason: p.reason });
      else if (!phones.has(p.e164)) phones.set(p.e164, line);
    }
    const added = phones.size === 0 ? [] : await db.transaction(async (tx) => {
      const out: string[] = [];
      const list = [...phones.keys()];
      for (let i = 0; i < list.length; i += 500) {
        const rows = await tx.insert(dncEntries).values(list.slice(i, i + 500).map((phone) => ({ id: newId(), clientId, phone, source: 'import' as const, createdBy: caller.userId, createdAt: new Date(clock.now()) })))
          .onConflictDoNothing().returning({ phone: dncEntries.phone });
        out.push(...rows.map((x) => x.phone));
      }
      return out;
    });
    await audit.record({ action: 'dnc.import', entity: 'dnc_entry', clientId, actor: caller, after: { added: added.length, phones: added } });
    return { rows: records.length - (headerCol >= 0 ? 1 : 0), added: added.length, already_listed: phones.size - added.length, rejected: rejected.length, rejected_rows: rejected };
  });

  const visibleEntry = async (caller: Caller, id: string): Promise<Entry | undefined> => {
    if (!(READ as readonly string[]).includes(caller.role)) return undefined;
    const [e] = await db.select().from(dncEntries).where(and(eq(dncEntries.id, id), clientOrSharedCondition(caller.scope, dncEntries.clientId)));
    return e;
  };
  r.delete('/dnc/:id', {
    preValidation: visibleFirst(visibleEntry), schema: { ...meta, summary: 'Remove a number from a list (global entries: admins only)', params: z.object({ id: uuid }) },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const e = await visibleEntry(caller, req.params.id);
    if (!e) throw notFound();
    requireRole(caller, e.clientId === null ? ['admin'] : ['admin', 'supervisor']);
    await db.delete(dncEntries).where(eq(dncEntries.id, e.id));
    await audit.record({ action: 'dnc.remove', entity: 'dnc_entry', entityId: e.id, clientId: e.clientId, actor: caller, before: entryRow(e) });
    return reply.code(204).send();
  });
};

