import { z } from 'zod';
import { flowValue, variableName } from '../schema-parts.js';
import type { VerbDefinition } from '../verb.js';

const schema = z.record(variableName, flowValue)
  .refine((r) => Object.keys(r).length > 0, 'must set at least one variable');
export type SetConfig = z.infer<typeof schema>;

/** `set`: `{ "set": { "language": "en", "greeting": "Hello {{caller_name}}" } }`; strings render variables. */
export const setVerb: VerbDefinition<SetConfig> = {
  name: 'set',
  schema,
  waitsForCaller: false,
  media: false,
  branches: () => [],
  fallsThrough: () => true,
  async exec(c, ctx) {
    for (const [name, value] of Object.entries(c)) ctx.vars.set(name, typeof value === 'string' ? ctx.vars.render(value) : value);
    return {};
  },
};
