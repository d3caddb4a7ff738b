import { z } from 'zod';
import { CHANNELS, SELECTION_POLICIES } from '../routing/types.js';
import { INTERVAL_S } from './arrivals.js';
import { SimErrors } from './sim-errors.js';

/**
 * The scenario file of `switchboard simulate` (JSON, snake_case, times in
 * seconds unless the name says otherwise). Queues take the engine's
 * QueueConfig fields; `arrivals`, `handle_time` and `patience` describe the
 * callers of that queue. Clock times ("08:00") are times of day; the run
 * starts at `start` and lasts `duration_h`, then keeps going up to `drain_h`
 * so calls still in progress can finish (no new arrivals).
 */
const numberError = { error: (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : 'must be a number') };
const positive = z.number(numberError).refine((v) => Number.isFinite(v) && v > 0, 'must be > 0');
const nonNegative = z.number(numberError).refine((v) => Number.isFinite(v) && v >= 0, 'must be >= 0');
const id = z.string({ error: 'must be a string' }).min(1, 'must not be empty');
const level = z.number().int('must be an integer level 1-10').min(1, 'must be a level 1-10').max(10, 'must be a level 1-10');
const clockTime = z.string().refine((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t) || t === '24:00', 'must be a time of day HH:MM (00:00-24:00)');

export const distributionSchema = z.discriminatedUnion('dist', [
  z.object({ dist: z.literal('exponential'), mean_s: positive }).strict(),
  z.object({ dist: z.literal('lognormal'), mean_s: positive, cv: nonNegative }).strict(),
  z.object({ dist: z.literal('constant'), value_s: nonNegative }).strict(),
  z.object({ dist: z.literal('uniform'), min_s: nonNegative, max_s: nonNegative }).strict()
    .refine((d) => d.max_s >= d.min_s, { message: 'must be >= min_s', path: ['max_s'] }),
], { error: "must be an object with dist 'exponential', 'lognormal', 'constant' or 'uniform'" });

const exitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callback') }).strict(),
  z.object({ kind: z.literal('voicemail') }).strict(),
  z.object({ kind: z.literal('transfer'), queue_id: id }).strict(),
], { error: "must be { kind: 'callback' | 'voicemail' | 'transfer', queue_id? }" });

const queueSchema = z.object({
  id,
  client_id: id.default('default'),
  channel: z.enum(CHANNELS as [string, ...string[]]).default('voice'),
  priority: z.number().refine(Number.isFinite, 'must be finite').optional(),
  skills: z.record(z.string(), level).default({}),
  sl_threshold_s: positive,
  sl_target: z.number().min(0, 'must be within 0..1').max(1, 'must be within 0..1').optional(),
  max_wait_s: positive.optional(),
  wrap_up_s: nonNegative.optional(),
  ring_timeout_s: positive.optional(),
  policy: z.enum(SELECTION_POLICIES as [string, ...string[]]).optional(),
  ring_all_max: z.number().int().min(1).max(100).optional(),
  overflow: z.array(z.object({
    after_s: positive,
    relax_skills: z.record(z.string(), level).optional(),
    add_team_ids: z.array(id).optional(),
    exit: exitSchema.optional(),
  }).strict()).optional(),
  arrivals: z.object({
    /** Expected calls per 15-minute interval from the start: one figure for all, or one per interval. */
    calls_per_interval: z.union([nonNegative, z.array(nonNegative)], { error: 'must be a number >= 0 or an array of them' }),
  }).strict(),
  handle_time: distributionSchema,
  /** Mean caller patience (exponential); absent = callers never hang up. */
  patience: z.object({ mean_s: positive }).strict().optional(),
}).strict();

const breakSchema = z.object({ start: clockTime, end: clockTime, reason: id.default('break') }).strict();

const agentSchema = z.object({
  id,
  /** Identical agents `${id}-1` ... `${id}-count`; 1 keeps the id as is. */
  count: z.number().int('must be an integer').min(1, 'must be >= 1').max(10_000, 'must be <= 10000').default(1),
  /** Occupancy is reported per group; default: the id. */
  group: id.optional(),
  skills: z.record(z.string(), level).default({}),
  client_ids: z.array(id).default(['default']),
  team_ids: z.array(id).optional(),
  capacity: z.partialRecord(z.enum(CHANNELS as [string, ...string[]]), z.number().int('must be an integer 0-100').min(0, 'must be an integer 0-100').max(100, 'must be an integer 0-100')).default({ voice: 1 }),
  /** Logged in from start to end every day, in aux during breaks; absent = logged in all the time. */
  schedule: z.object({ start: clockTime, end: clockTime, breaks: z.array(breakSchema).default([]) }).strict().optional(),
}).strict();

export const scenarioSchema = z.object({
  name: z.string().default('scenario'),
  seed: z.union([z.number(), z.string()]).default(1),
  start: clockTime.default('00:00'),
  duration_h: positive.refine((h) => h <= 24 * 31, 'must be <= 744 (31 days)'),
  drain_h: nonNegative.default(1),
  ring_time: distributionSchema.default({ dist: 'constant', value_s: 0 }),
  engine: z.object({
    priority_aging_s: nonNegative.optional(),
    /** After a missed (timed-out) offer: available again at once, or aux with a reason for `back_after_s`. */
    missed_offer: z.union([z.literal('available'), z.object({ aux: id, back_after_s: positive }).strict()]).default('available'),
  }).strict().default({ missed_offer: 'available' }),
  queues: z.array(queueSchema).min(1, 'must list at least one queue'),
  agents: z.array(agentSchema).min(1, 'must list at least one agent'),
}).strict().superRefine((s, ctx) => {
  const intervals = Math.ceil((s.duration_h * 3600) / INTERVAL_S - 1e-9);
  const queueIds = new Set<string>();
  s.queues.forEach((q, i) => {
    if (queueIds.has(q.id)) ctx.addIssue({ code: 'custom', path: ['queues', i, 'id'], message: `duplicate queue id '${q.id}'` });
    queueIds.add(q.id);
    const c = q.arrivals.calls_per_interval;
    if (Array.isArray(c) && c.length > intervals) {
      ctx.addIssue({ code: 'custom', path: ['queues', i, 'arrivals', 'calls_per_interval'],
        message: `has ${c.length} intervals but duration_h covers ${intervals}` });
    }
  });
  s.queues.forEach((q, i) => q.overflow?.forEach((step, j) => {
    if (step.exit?.kind === 'transfer' && !queueIds.has(step.exit.queue_id)) {
      ctx.addIssue({ code: 'custom', path: ['queues', i, 'overflow', j, 'exit', 'queue_id'], message: `unknown queue '${step.exit.queue_id}'` });
    }
  }));
  const agentIds = new Set<string>();
  s.agents.forEach((a, i) => {
    for (const aid of expandAgentIds(a.id, a.count)) {
      if (agentIds.has(aid)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'id'], message: `duplicate agent id '${aid}'` });
      agentIds.add(aid);
    }
    a.schedule?.breaks.forEach((b, j) => {
      const shift = window(a.schedule!.start, a.schedule!.end);
      const brk = window(b.start, b.end, shift.from);
      if (brk.from < shift.from || brk.to > shift.to || brk.to <= brk.from) {
        ctx.addIssue({ code: 'custom', path: ['agents', i, 'schedule', 'breaks', j], message: 'must lie within the shift' });
      }
    });
  });
});

export type Scenario = z.output<typeof scenarioSchema>;
export type QueueScenario = Scenario['queues'][number];
export type AgentScenario = Scenario['agents'][number];
export type Distribution = z.output<typeof distributionSchema>;

export function expandAgentIds(baseId: string, count: number): string[] {
  return count === 1 ? [baseId] : Array.from({ length: count }, (_, i) => `${baseId}-${i + 1}`);
}

/** "HH:MM" → seconds after midnight. */
export function secondsOfDay(t: string): number {
  return Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;
}

/** A window from `start` to `end` (next day if not after start), both at or after `notBefore` seconds of day. */
export function window(start: string, end: string, notBefore = 0): { from: number; to: number } {
  let from = secondsOfDay(start);
  if (from < notBefore) from += 86_400;
  let to = secondsOfDay(end);
  while (to <= from) to += 86_400;
  return { from, to };
}

/** `queues[2].sl_threshold_s` from a zod path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** Validates a parsed JSON scenario; every problem names its field, e.g. `queues[2].sl_threshold_s: must be > 0`. */
export function parseScenario(json: unknown): Scenario {
  const r = scenarioSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.flatMap((x) => x.code === 'unrecognized_keys'
      ? x.keys.map((k) => `${fieldPath([...x.path, k])}: unknown field`)
      : [`${fieldPath(x.path)}: ${x.message}`]);
    const shown = issues.length > 10 ? [...issues.slice(0, 10), `... and ${issues.length - 10} more`] : issues;
    throw SimErrors.create('SIM_INVALID_SCENARIO', { issues }, `invalid scenario: ${shown.join('; ')}`);
  }
  return r.data;
}
