import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, eq, ilike, or, type SQL, type Column } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Role } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { requireRole, visibleFirst, type Caller } from '../access.js';
import { callerOf } from '../auth/auth-plugin.js';
import { ApiErrors } from '../errors.js';
import type { AuditLog } from '../audit.js';
import type { EventBus } from '../../platform/event-bus.js';

/**
 * One admin resource (clients, sites, teams, ...) as four data functions.
 * `registerResource` turns it into list / get / create / update routes with
 * the same pagination, role checks, 404 rules and audit trail for all.
 * Every data function receives the caller and must scope its queries with
 * the helpers in ../access.ts.
 */
export interface ListQuery { limit: number; offset: number; q?: string; includeDisabled: boolean }
export interface Ctx { db: Db; caller: Caller }

export interface ResourceDef<Row extends { id: string }, Create, Patch> {
  path: string;
  entity: string;
  /** 'entity': rows belong to clients (confined callers see only theirs); 'shared': rows are not client data. */
  clientScope: 'entity' | 'shared';
  row: z.ZodType<Row>;
  create: z.ZodType<Create>;
  patch: z.ZodType<Patch>;
  readRoles: readonly Role[];
  writeRoles: readonly Role[];
  list(ctx: Ctx, q: ListQuery): Promise<{ items: Row[]; total: number }>;
  get(ctx: Ctx, id: string): Promise<Row | undefined>;
  insert(ctx: Ctx, body: Create): Promise<Row>;
  update(ctx: Ctx, id: string, patch: Patch, before: Row): Promise<Row>;
  /** The client a row belongs to, for the audit log. */
  clientOf?(row: Row): string | null;
}

export const STAFF: readonly Role[] = ['admin', 'supervisor', 'planner', 'qa'];
export const ADMIN: readonly Role[] = ['admin'];

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().max(200).optional(),
  include_disabled: z.enum(['true', 'false']).optional(),
});
const idParams = z.object({ id: z.string().uuid({ message: 'must be a UUID' }) });

/** Counts and pages a table with optional search over `searchCols`. */
export async function pageRows<T>(db: Db, table: PgTable, where: (SQL | undefined)[], searchCols: Column[], q: ListQuery, disabledCol: PgColumn,
  select: (where: SQL | undefined) => Promise<T[]>): Promise<{ items: T[]; total: number }> {
  const conds = [...where];
  if (!q.includeDisabled) conds.push(eq(disabledCol, false));
  if (q.q) conds.push(or(...searchCols.map((c) => ilike(c, `%${q.q!.replace(/[%_\\]/g, '\\$&')}%`))));
  const w = and(...conds.filter((c): c is SQL => c !== undefined));
  const [{ n }] = await db.select({ n: count() }).from(table).where(w);
  return { items: await select(w), total: n };
}

export interface ResourceDeps { db: Db; audit: AuditLog; bus: EventBus }

export function registerResource<Row extends { id: string }, Create, Patch>(app: FastifyInstance, def: ResourceDef<Row, Create, Patch>, deps: ResourceDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `/${def.path}`;
  const meta = { tags: [def.path], 'x-client-scope': def.clientScope } as const;
  // The route layer sees rows and bodies as opaque: their types live in the def.
  const rowSchema: z.ZodType = def.row, createSchema: z.ZodType = def.create, patchSchema: z.ZodType = def.patch;
  const ctxOf = (caller: Caller): Ctx => ({ db: deps.db, caller });
  const notFound = () => ApiErrors.create('NOT_FOUND', { entity: def.entity }, `${def.entity} not found`);
  const changed = async (caller: Caller, action: string, before: Row | null, after: Row) => {
    const clientId = def.clientOf?.(after) ?? null;
    await deps.audit.record({ action: `${def.entity}.${action}`, entity: def.entity, entityId: after.id, clientId, actor: caller, before, after });
    deps.bus.publish({ type: `admin.${def.entity}.${action}`, at: new Date().toISOString(), ...(clientId ? { client_id: clientId } : {}), data: { id: after.id } });
  };

  r.get(base, {
    schema: { ...meta, summary: `List ${def.path}`, querystring: listQuery,
      response: { 200: z.object({ items: z.array(rowSchema), total: z.number(), limit: z.number(), offset: z.number() }) } },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, def.readRoles);
    const q: ListQuery = { limit: req.query.limit, offset: req.query.offset, q: req.query.q?.trim() || undefined, includeDisabled: req.query.include_disabled === 'true' };
    const page = await def.list(ctxOf(caller), q);
    return { ...page, limit: q.limit, offset: q.offset };
  });

  r.get(`${base}/:id`, { schema: { ...meta, summary: `Get one of ${def.path}`, params: idParams, response: { 200: rowSchema } } }, async (req) => {
    const caller = callerOf(req);
    // A role that may not read this kind of row gets 404 for any id, like a row it cannot see.
    if (!def.readRoles.includes(caller.role)) throw notFound();
    return (await def.get(ctxOf(caller), req.params.id)) ?? Promise.reject(notFound());
  });

  r.post(base, { schema: { ...meta, summary: `Create one of ${def.path}`, body: createSchema, response: { 201: rowSchema } } }, async (req, reply) => {
    const caller = callerOf(req);
    requireRole(caller, def.writeRoles);
    const row = await def.insert(ctxOf(caller), req.body as Create);
    await changed(caller, 'create', null, row);
    return reply.code(201).send(row);
  });

  const visible = visibleFirst(async (caller, id) => def.readRoles.includes(caller.role) && (await def.get(ctxOf(caller), id)));
  r.patch(`${base}/:id`, { preValidation: visible, schema: { ...meta, summary: `Edit, disable or enable one of ${def.path}`, params: idParams, body: patchSchema, response: { 200: rowSchema } } }, async (req) => {
    const caller = callerOf(req);
    // Visibility first: a row the caller cannot see is 404 whatever their role.
    if (!def.readRoles.includes(caller.role)) throw notFound();
    const before = await def.get(ctxOf(caller), req.params.id);
    if (!before) throw notFound();
    requireRole(caller, def.writeRoles);
    const after = await def.update(ctxOf(caller), req.params.id, req.body as Patch, before);
    await changed(caller, 'update', before, after);
    return after;
  });
}
