import { z } from 'zod';
import { stepId, text } from './schema-parts.js';
import type { VerbTable } from './verbs/verb-table.js';

/** A problem with a flow, named by where it is: `steps[3].gather.timeout_s`. */
export interface FlowIssue {
  readonly path: string;
  readonly message: string;
}

/** One parsed step: `{ "id": "main", "menu": { ... } }` becomes verb 'menu' with its config. */
export interface FlowStep {
  readonly index: number;
  readonly id?: string;
  /** Where the flow goes when the verb falls through; the following step without it. */
  readonly next?: string;
  readonly verb: string;
  readonly config: unknown;
}

export interface Flow {
  readonly name: string;
  readonly description?: string;
  readonly steps: readonly FlowStep[];
}

export const MAX_STEPS_IN_FLOW = 500;
const STEP_KEYS = new Set(['id', 'next', 'comment']);

const flowSchema = z.object({
  name: text,
  description: z.string().optional(),
  steps: z.array(z.record(z.string(), z.unknown(), { error: 'must be an object: { "<verb>": { ... } }' }), { error: 'must be a list of steps' })
    .min(1, 'must have at least one step').max(MAX_STEPS_IN_FLOW, `must have at most ${MAX_STEPS_IN_FLOW} steps`),
}, { error: 'must be a JSON object: { "name": ..., "steps": [...] }' }).strict();

const stepFields = z.object({ id: stepId.optional(), next: stepId.optional(), comment: z.string().optional() });

/** `steps[3].gather.timeout_s` from a path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(flow)';
}

function zodIssues(error: z.ZodError, base: readonly PropertyKey[]): FlowIssue[] {
  return error.issues.flatMap((x) => x.code === 'unrecognized_keys'
    ? x.keys.map((k) => ({ path: issuePath([...base, ...x.path, k]), message: 'unknown field' }))
    : [{ path: issuePath([...base, ...x.path]), message: x.message }]);
}

/**
 * The structure of a flow: the envelope, one verb per step, each verb's own
 * schema (with defaults filled in). Branch targets, capabilities and the
 * step graph are checked afterwards, in validate-flow.ts.
 */
export function parseFlowStructure(json: unknown, verbs: VerbTable): { flow?: Flow; errors: FlowIssue[] } {
  const top = flowSchema.safeParse(json);
  if (!top.success) return { errors: zodIssues(top.error, []) };
  const errors: FlowIssue[] = [];
  const steps: FlowStep[] = [];
  top.data.steps.forEach((raw, index) => {
    const base = ['steps', index] as const;
    const fields = stepFields.safeParse({ id: raw.id, next: raw.next, comment: raw.comment });
    if (!fields.success) errors.push(...zodIssues(fields.error, base));
    const keys = Object.keys(raw).filter((k) => !STEP_KEYS.has(k));
    const unknown = keys.filter((k) => !verbs.has(k));
    for (const k of unknown) errors.push({ path: issuePath([...base, k]), message: `unknown verb "${k}" (verbs: ${[...verbs.keys()].join(', ')})` });
    const known = keys.filter((k) => verbs.has(k));
    if (known.length > 1) errors.push({ path: issuePath(base), message: `one verb per step, found ${known.join(' and ')}` });
    if (keys.length === 0) errors.push({ path: issuePath(base), message: `has no verb (one of ${[...verbs.keys()].join(', ')})` });
    if (known.length !== 1) return;
    const verb = known[0];
    const def = verbs.get(verb);
    const parsed = def?.schema.safeParse(raw[verb] ?? {});
    if (parsed === undefined) return;
    if (!parsed.success) errors.push(...zodIssues(parsed.error, [...base, verb]));
    else steps.push({ index, id: fields.data?.id, next: fields.data?.next, verb, config: parsed.data });
  });
  if (errors.length > 0) return { errors };
  return { flow: { name: top.data.name, description: top.data.description, steps }, errors };
}
