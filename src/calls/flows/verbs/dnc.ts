import { z } from 'zod';
import { checkAudio } from '../capability-checks.js';
import { speak } from '../speak.js';
import { audioFields } from '../schema-parts.js';
import type { VerbDefinition } from '../verb.js';

const schema = z.object({
  /** The confirmation played once the number is on the list ("You will not be called again"). */
  ...audioFields,
}).strict();
export type DncConfig = z.infer<typeof schema>;

/**
 * `dnc`: "press 9 to stop these calls". Adds the caller's number (E.164) to
 * the client's do-not-call list with source 'ivr', then plays the
 * confirmation. A number already on the list counts as done; a caller
 * without a usable number (anonymous, an extension) is recorded as
 * 'no number', hears nothing, and the flow goes on.
 */
export const dncVerb: VerbDefinition<DncConfig> = {
  name: 'dnc',
  schema,
  waitsForCaller: false,
  media: true,
  branches: () => [],
  fallsThrough: () => true,
  check: (c, caps) => checkAudio(caps, c),
  async exec(c, ctx) {
    const r = await ctx.call.addToDoNotCall();
    ctx.scope.check();
    if (r.number === undefined) return { outcome: 'no number' };
    await speak(ctx, c);
    return { outcome: r.added ? 'added' : 'already listed' };
  },
};
