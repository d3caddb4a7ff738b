import { z } from 'zod';
import type { VerbDefinition } from '../verb.js';

export const HANGUP_CAUSES = ['normal', 'busy', 'rejected'] as const;

const schema = z.object({
  cause: z.enum(HANGUP_CAUSES, { error: `must be one of ${HANGUP_CAUSES.join(', ')}` }).default('normal'),
}).strict();
export type HangupConfig = z.infer<typeof schema>;

/** `hangup`: ends the call from our side; nothing after it runs. */
export const hangupVerb: VerbDefinition<HangupConfig> = {
  name: 'hangup',
  schema,
  waitsForCaller: false,
  media: false,
  branches: () => [],
  fallsThrough: () => false,
  async exec(c, ctx) {
    await ctx.call.hangup(c.cause);
    ctx.scope.check();
    return { end: 'hangup', outcome: c.cause };
  },
};
