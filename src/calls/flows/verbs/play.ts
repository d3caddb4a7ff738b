import { z } from 'zod';
import { checkPrompt } from '../capability-checks.js';
import { text } from '../schema-parts.js';
import type { VerbDefinition } from '../verb.js';

const schema = z.object({
  prompt: text,
  /** A key pressed during the prompt stops it and is kept for the next menu or gather. */
  barge_in: z.boolean().default(false),
}).strict();
export type PlayConfig = z.infer<typeof schema>;

/** `play`: one of the client's uploaded WAV prompts. */
export const playVerb: VerbDefinition<PlayConfig> = {
  name: 'play',
  schema,
  waitsForCaller: false,
  media: true,
  branches: () => [],
  fallsThrough: () => true,
  check: (c, caps) => checkPrompt(caps, c.prompt, ['prompt']),
  async exec(c, ctx) {
    await ctx.play(c.prompt, { bargeIn: c.barge_in });
    return {};
  },
};
