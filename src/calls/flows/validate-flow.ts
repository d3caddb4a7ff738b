import type { FlowCapabilities } from './flow-call.js';
import { FlowErrors } from './flow-errors.js';
import { cycles, reachable, successors } from './flow-graph.js';
import { issuePath, parseFlowStructure, type Flow, type FlowIssue } from './flow-schema.js';
import { VERBS, type VerbTable } from './verbs/verb-table.js';

export interface FlowValidation {
  readonly ok: boolean;
  readonly errors: readonly FlowIssue[];
  /** Worth fixing, not blocking a save: unreachable steps, loops that rely on a webhook. */
  readonly warnings: readonly FlowIssue[];
  /** The parsed flow (defaults filled in) when ok. */
  readonly flow?: Flow;
}

const WAITING_VERBS = (verbs: VerbTable): string =>
  [...verbs.values()].filter((v) => v.waitsForCaller).map((v) => v.name).join(', ');

/**
 * Validates a flow on save. Errors point at the verb:
 * `steps[3].gather.timeout_s: must be > 0`, `steps[2].menu.options.1: no step "sales"`,
 * `steps[1].say: text to speech is not available ...`; unreachable steps are
 * warnings; a loop in which the caller is never asked anything is an error.
 */
export function validateFlow(json: unknown, caps: FlowCapabilities, verbs: VerbTable = VERBS): FlowValidation {
  const { flow, errors } = parseFlowStructure(json, verbs);
  if (flow === undefined) return { ok: false, errors, warnings: [] };
  const warnings: FlowIssue[] = [];
  const ids = new Map<string, number>();
  for (const s of flow.steps) {
    if (s.id === undefined) continue;
    const first = ids.get(s.id);
    if (first !== undefined) errors.push({ path: `steps[${s.index}].id`, message: `duplicate step id "${s.id}" (also steps[${first}])` });
    else ids.set(s.id, s.index);
  }
  for (const s of flow.steps) {
    const def = verbs.get(s.verb);
    if (def === undefined) continue;
    const base = ['steps', s.index, s.verb];
    for (const b of def.branches(s.config)) {
      if (!ids.has(b.target)) errors.push({ path: issuePath([...base, ...b.path]), message: `no step "${b.target}"` });
    }
    if (s.next !== undefined) {
      if (!ids.has(s.next)) errors.push({ path: `steps[${s.index}].next`, message: `no step "${s.next}"` });
      else if (!def.fallsThrough(s.config)) warnings.push({ path: `steps[${s.index}].next`, message: `never used: ${s.verb} does not continue to a next step here` });
    }
    for (const i of def.check?.(s.config, caps) ?? []) errors.push({ path: issuePath([...base, ...i.path]), message: i.message });
  }
  if (errors.length > 0) return { ok: false, errors, warnings };

  const next = successors(flow.steps, verbs);
  const seen = reachable(next);
  for (const s of flow.steps) {
    if (!seen.has(s.index)) warnings.push({ path: `steps[${s.index}]`, message: 'unreachable: no step branches or falls through to it' });
  }
  for (const loop of cycles(next)) {
    const stepsOf = loop.map((i) => flow.steps[i]);
    if (stepsOf.some((s) => verbs.get(s.verb)?.waitsForCaller === true)) continue;
    const names = stepsOf.map((s) => (s.id === undefined ? `steps[${s.index}]` : `steps[${s.index}] "${s.id}"`)).join(' → ');
    const issue = { path: `steps[${loop[0]}]`, message: `loop ${names} never waits for the caller (no ${WAITING_VERBS(verbs)})` };
    // A webhook in the loop can change the answer (polling a system); anything else repeats for ever.
    if (stepsOf.some((s) => s.verb === 'webhook')) warnings.push({ ...issue, message: `${issue.message}: it only ends when the webhook's answer changes` });
    else errors.push({ ...issue, message: `${issue.message}: it would run until the step limit` });
  }
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, errors, warnings, flow };
}

/** validateFlow, throwing FLOW_INVALID (422) with `issues` in its details when the flow has errors. */
export function parseFlow(json: unknown, caps: FlowCapabilities, verbs: VerbTable = VERBS): Flow {
  const v = validateFlow(json, caps, verbs);
  if (v.flow === undefined) {
    const shown = v.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ');
    throw FlowErrors.create('FLOW_INVALID', { issues: v.errors }, `invalid flow: ${shown}${v.errors.length > 5 ? `; ... and ${v.errors.length - 5} more` : ''}`);
  }
  return v.flow;
}
