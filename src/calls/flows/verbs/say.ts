import { z } from 'zod';
import { checkTts } from '../capability-checks.js';
import { text } from '../schema-parts.js';
import type { VerbDefinition } from '../verb.js';

const schema = z.object({
  /** May use variables: "Your balance is {{balance}}". */
  text,
  barge_in: z.boolean().default(false),
}).strict();
export type SayConfig = z.infer<typeof schema>;

/** `say`: text to speech through espeak-ng; refused at save time when the host has none. */
export const sayVerb: VerbDefinition<SayConfig> = {
  name: 'say',
  schema,
  waitsForCaller: false,
  media: true,
  branches: () => [],
  fallsThrough: () => true,
  check: (_c, caps) => checkTts(caps, []),
  async exec(c, ctx) {
    await ctx.say(ctx.vars.render(c.text), { bargeIn: c.barge_in });
    return {};
  },
};
