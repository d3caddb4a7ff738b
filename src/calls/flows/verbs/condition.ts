import { z } from 'zod';
import type { FlowValue } from '../flow-call.js';
import { flowValue, stepId, variableName } from '../schema-parts.js';
import { refs, type VerbDefinition } from '../verb.js';

const schema = z.object({
  var: variableName,
  equals: flowValue.optional(),
  in: z.array(flowValue).min(1, 'must list at least one value').optional(),
  exists: z.boolean().optional(),
  then: stepId,
  else: stepId.optional(),
}).strict().refine((c) => [c.equals, c.in, c.exists].filter((x) => x !== undefined).length === 1,
  { message: 'needs exactly one test: equals, in or exists', path: ['var'] });
export type ConditionConfig = z.infer<typeof schema>;

// Digits arrive as strings and JSON may write 1 for "1": compare as text.
const same = (a: FlowValue | undefined, b: FlowValue): boolean => a !== undefined && String(a) === String(b);

export function conditionHolds(c: ConditionConfig, value: FlowValue | undefined): boolean {
  if (c.exists !== undefined) return (value !== undefined && value !== '') === c.exists;
  if (c.in !== undefined) return c.in.some((v) => same(value, v));
  return c.equals !== undefined && same(value, c.equals);
}

/** `condition`: branches on a variable: equals / in / exists; `else` or the next step otherwise. */
export const conditionVerb: VerbDefinition<ConditionConfig> = {
  name: 'condition',
  schema,
  waitsForCaller: false,
  media: false,
  branches: (c) => refs([['then'], c.then], [['else'], c.else]),
  fallsThrough: (c) => c.else === undefined,
  async exec(c, ctx) {
    const holds = conditionHolds(c, ctx.vars.get(c.var));
    return holds ? { next: c.then, outcome: 'then' } : { next: c.else, outcome: 'else' };
  },
};
