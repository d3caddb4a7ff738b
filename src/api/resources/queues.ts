import { eq, and, asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { CHANNELS, POLICIES, RECORDING_POLICIES, queues, skills } from '../../store/schema.js';
import type { Db } from '../../store/database.js';
import { assertClientVisible, clientCondition } from '../access.js';
import { validationError } from '../errors.js';
import { pageRows, STAFF, type ResourceDef } from './resource.js';
import { iso, name, patchOf, stamps, uuid } from './fields.js';

const requiredSkill = z.object({ skill_id: uuid, min_level: z.number().int().min(1).max(10) });
const overflowStep = z.object({
  after_s: z.number().int().min(1).max(86_400),
  min_level: z.number().int().min(1).max(10).optional(),
  add_team_ids: z.array(uuid).max(20).optional(),
  action: z.enum(['callback', 'voicemail', 'queue']).optional(),
  target_queue_id: uuid.optional(),
});
const shape = {
  client_id: uuid,
  name,
  channel: z.enum(CHANNELS),
  priority: z.number().int().min(1).max(10).default(5),
  required_skills: z.array(requiredSkill).max(20).default([]),
  policy: z.enum(POLICIES).default('longest_idle'),
  sl_threshold_s: z.number().int().min(1).max(3600).default(20),
  sl_target: z.number().min(0).max(1).default(0.8),
  max_wait_s: z.number().int().min(1).max(86_400 * 7).default(600),
  wrap_up_s: z.number().int().min(0).max(3600).default(30),
  ring_timeout_s: z.number().int().min(5).max(300).default(20),
  overflow: z.array(overflowStep).max(10).default([]),
  /** inherit: the client's record_calls; always / never override it. */
  recording: z.enum(RECORDING_POLICIES).default('inherit'),
  /** Wrap-up codes the agent picks from, in the order shown. */
  dispositions: z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(50)
    .refine((d) => new Set(d.map((x) => x.toLowerCase())).size === d.length, 'a disposition is listed twice').default([]),
  /** The agent's script: markdown with {{variables}} (customer_name, caller, digits...). */
  script: z.string().max(20_000).default(''),
};
const row = z.object({
  id: z.string(), client_id: z.string(), name: z.string(), channel: z.enum(CHANNELS), priority: z.number(),
  required_skills: z.array(z.object({ skill_id: z.string(), min_level: z.number() })), policy: z.enum(POLICIES),
  sl_threshold_s: z.number(), sl_target: z.number(), max_wait_s: z.number(), wrap_up_s: z.number(), ring_timeout_s: z.number(),
  overflow: z.array(z.record(z.string(), z.unknown())), recording: z.enum(RECORDING_POLICIES), dispositions: z.array(z.string()), script: z.string(), ...stamps,
});
type Row = z.infer<typeof row>;
const toRow = (q: typeof queues.$inferSelect): Row => ({
  id: q.id, client_id: q.clientId, name: q.name, channel: q.channel, priority: q.priority, required_skills: q.requiredSkills, policy: q.policy,
  sl_threshold_s: q.slThresholdS, sl_target: q.slTarget, max_wait_s: q.maxWaitS, wrap_up_s: q.wrapUpS, ring_timeout_s: q.ringTimeoutS,
  overflow: q.overflow as unknown as Record<string, unknown>[], recording: q.recording, dispositions: q.dispositions, script: q.script, disabled: q.disabled, created_at: iso(q.createdAt), updated_at: iso(q.updatedAt),
});

/** Skills live in a JSON column, so their existence is checked here, naming the field. */
async function checkSkills(db: Db, list: { skill_id: string }[] | undefined): Promise<void> {
  if (!list?.length) return;
  const ids = [...new Set(list.map((s) => s.skill_id))];
  const found = new Set((await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, ids))).map((r) => r.id));
  const bad = list.findIndex((s) => !found.has(s.skill_id));
  if (bad >= 0) throw validationError([{ path: `required_skills.${bad}.skill_id`, message: 'no such skill' }]);
}

type Patch = z.infer<ReturnType<typeof patchOf<typeof shape>>>;
function columns(p: Partial<z.infer<z.ZodObject<typeof shape>>> & { disabled?: boolean }) {
  return {
    clientId: p.client_id, name: p.name, channel: p.channel, priority: p.priority, requiredSkills: p.required_skills, policy: p.policy,
    slThresholdS: p.sl_threshold_s, slTarget: p.sl_target, maxWaitS: p.max_wait_s, wrapUpS: p.wrap_up_s, ringTimeoutS: p.ring_timeout_s,
    overflow: p.overflow, recording: p.recording, dispositions: p.dispositions, script: p.script, disabled: p.disabled,
  };
}

export const queuesResource: ResourceDef<Row, z.infer<z.ZodObject<typeof shape>>, Patch> = {
  path: 'queues', entity: 'queue', clientScope: 'entity', row,
  create: z.object(shape).strict(), patch: patchOf(shape),
  readRoles: [...STAFF, 'client_viewer'], writeRoles: ['admin', 'supervisor'],
  clientOf: (r) => r.client_id,
  list: ({ db, caller }, q) => pageRows(db, queues, [clientCondition(caller.scope, queues.clientId)], [queues.name], q, queues.disabled,
    async (w) => (await db.select().from(queues).where(w).orderBy(asc(queues.name)).limit(q.limit).offset(q.offset)).map(toRow)),
  async get({ db, caller }, id) {
    const [q] = await db.select().from(queues).where(and(eq(queues.id, id), clientCondition(caller.scope, queues.clientId)));
    return q && toRow(q);
  },
  async insert({ db, caller }, b) {
    assertClientVisible(caller.scope, b.client_id);
    await checkSkills(db, b.required_skills);
    const [q] = await db.insert(queues).values({ id: newId(), ...columns(b), clientId: b.client_id, name: b.name, channel: b.channel }).returning();
    return toRow(q);
  },
  async update({ db, caller }, id, p) {
    if (p.client_id !== undefined) assertClientVisible(caller.scope, p.client_id);
    await checkSkills(db, p.required_skills);
    const [q] = await db.update(queues).set({ ...columns(p), updatedAt: new Date() }).where(eq(queues.id, id)).returning();
    return toRow(q);
  },
};
