import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { validateFlow, type FlowIssue } from '../../calls/flows/index.js';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../store/database.js';
import { flows } from '../../store/schema.js';
import { assertClientVisible, clientCondition } from '../access.js';
import { ApiErrors } from '../errors.js';
import { flowCapabilities } from '../voice-capabilities.js';
import { ADMIN, pageRows, STAFF, type ResourceDef } from './resource.js';
import { iso, patchOf, stamps, uuid } from './fields.js';

/** A flow document: { name, description?, steps: [...] } (src/calls/flows/flow-schema.ts); checked in full by validateFlow. */
export const flowDefinition = z.record(z.string(), z.unknown(), { error: 'must be a JSON object: { "name": ..., "steps": [...] }' });

export interface FlowCheck { ok: boolean; issues: FlowIssue[]; warnings: FlowIssue[] }

/** Validates a client's flow against what that client has: its prompts, its queues, and this host's text to speech. */
export async function checkFlow(db: Db, clientId: string, definition: unknown, tts: boolean): Promise<FlowCheck> {
  const v = validateFlow(definition, await flowCapabilities(db, clientId, tts));
  return { ok: v.ok, issues: [...v.errors], warnings: [...v.warnings] };
}

/**
 * 400 carrying every issue: `details.issues` [{ path: "steps[3].gather.timeout_s", message }]
 * (paths inside `definition`, as the editor shows them), `details.field` = "definition".
 */
function invalidFlow(check: FlowCheck) {
  const [first] = check.issues;
  const more = check.issues.length > 1 ? ` (and ${check.issues.length - 1} more)` : '';
  return ApiErrors.create('VALIDATION_FAILED', { field: 'definition', issues: check.issues, warnings: check.warnings },
    `definition: ${first.path}: ${first.message}${more}`);
}

const editable = {
  /** Default: the definition's own name. */
  name: z.string().trim().min(1, 'is required').max(200).optional(),
  definition: flowDefinition,
};
/** A flow stays with its client (numbers point at it): client_id is set once. */
const shape = { client_id: uuid, ...editable };
const row = z.object({ id: z.string(), client_id: z.string(), name: z.string(), definition: z.record(z.string(), z.unknown()), ...stamps });
type Row = z.infer<typeof row>;
type Create = z.infer<z.ZodObject<typeof shape>>;
type Patch = z.infer<ReturnType<typeof patchOf<typeof editable>>>;

const toRow = (f: typeof flows.$inferSelect): Row => ({
  id: f.id, client_id: f.clientId, name: f.name, definition: f.definition, disabled: f.disabled, created_at: iso(f.createdAt), updated_at: iso(f.updatedAt),
});
/** Names are unique per client, ignoring case (the index is the backstop for races). */
async function assertNameFree(db: Db, clientId: string, name: string, self?: string): Promise<void> {
  const [taken] = await db.select({ id: flows.id }).from(flows)
    .where(and(eq(flows.clientId, clientId), sql`lower(${flows.name}) = lower(${name})`, self ? ne(flows.id, self) : undefined));
  if (taken) throw ApiErrors.create('CONFLICT', { field: 'name' }, `name: this client already has a flow named "${name}"`);
}

const nameOf = (definition: Record<string, unknown>, given: string | undefined): string =>
  given ?? (typeof definition.name === 'string' && definition.name.trim() ? definition.name.trim().slice(0, 200) : 'Flow');

/**
 * IVR flows, per client, validated on every save against that client's
 * prompts and queues; an invalid flow is never stored. `tts`: whether this
 * host has espeak-ng (flows that speak are refused without it).
 */
export function flowsResource(opts: { tts: boolean }): ResourceDef<Row, Create, Patch> {
  return {
    path: 'flows', entity: 'flow', clientScope: 'entity', row,
    create: z.object(shape).strict(), patch: patchOf(editable), readRoles: STAFF, writeRoles: ADMIN,
    clientOf: (r) => r.client_id,
    list: ({ db, caller }, q) => pageRows(db, flows, [clientCondition(caller.scope, flows.clientId)], [flows.name], q, flows.disabled,
      async (w) => (await db.select().from(flows).where(w).orderBy(asc(flows.name)).limit(q.limit).offset(q.offset)).map(toRow)),
    async get({ db, caller }, id) {
      const [f] = await db.select().from(flows).where(and(eq(flows.id, id), clientCondition(caller.scope, flows.clientId)));
      return f && toRow(f);
    },
    async insert({ db, caller }, b) {
      assertClientVisible(caller.scope, b.client_id);
      const check = await checkFlow(db, b.client_id, b.definition, opts.tts);
      if (!check.ok) throw invalidFlow(check);
      const name = nameOf(b.definition, b.name);
      await assertNameFree(db, b.client_id, name);
      const [f] = await db.insert(flows).values({ id: newId(), clientId: b.client_id, name, definition: b.definition }).returning();
      return toRow(f);
    },
    async update({ db }, id, p, before) {
      if (p.name !== undefined) await assertNameFree(db, before.client_id, p.name, id);
      if (p.definition !== undefined) {
        const check = await checkFlow(db, before.client_id, p.definition, opts.tts);
        if (!check.ok) throw invalidFlow(check);
      }
      const [f] = await db.update(flows).set({ name: p.name, definition: p.definition, disabled: p.disabled, updatedAt: new Date() })
        .where(eq(flows.id, id)).returning();
      return toRow(f);
    },
  };
}
