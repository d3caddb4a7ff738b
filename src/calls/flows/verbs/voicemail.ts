import { z } from 'zod';
import { checkAudio, checkQueue } from '../capability-checks.js';
import { speak } from '../speak.js';
import { audioFields, count, text } from '../schema-parts.js';
import type { VerbDefinition } from '../verb.js';

const schema = z.object({
  /** The greeting before the beep. */
  ...audioFields,
  max_s: count(5, 600).default(120),
  /** The queue the voicemail interaction is routed to (the host's default otherwise). */
  queue: text.optional(),
}).strict();
export type VoicemailConfig = z.infer<typeof schema>;

/** `voicemail`: a greeting, then a recording that becomes an interaction routed like any other. */
export const voicemailVerb: VerbDefinition<VoicemailConfig> = {
  name: 'voicemail',
  schema,
  waitsForCaller: true,
  media: true,
  branches: () => [],
  fallsThrough: () => true,
  check: (c, caps) => [...checkAudio(caps, c), ...checkQueue(caps, c.queue, ['queue'])],
  async exec(c, ctx) {
    await speak(ctx, c);
    ctx.scope.check();
    const r = await ctx.call.voicemail({ maxS: c.max_s, queue: c.queue, attributes: ctx.attributes() });
    ctx.scope.check();
    if (r.recorded) ctx.vars.set('voicemail_s', r.durationS);
    return { outcome: r.recorded ? `recorded ${r.durationS} s` : 'nothing recorded' };
  },
};
