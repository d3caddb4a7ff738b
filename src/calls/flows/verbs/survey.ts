import { z } from 'zod';
import { askDigits } from '../ask-digits.js';
import { checkAudio } from '../capability-checks.js';
import { speak } from '../speak.js';
import { audioFields, count, positive, text, variableName } from '../schema-parts.js';
import type { VerbDefinition } from '../verb.js';

const schema = z.object({
  ...audioFields,
  /** The variable the score (1–5) is stored in; the host copies it onto the interaction. */
  into: variableName.default('csat'),
  timeout_s: positive.default(6),
  retries: count(0, 5).default(1),
  thanks_prompt: text.optional(),
  thanks_say: text.optional(),
}).strict().refine((c) => c.prompt !== undefined || c.say !== undefined,
  { message: 'needs a question: prompt or say', path: ['prompt'] });
export type SurveyConfig = z.infer<typeof schema>;

/** `survey`: after the agent hangs up, CSAT 1–5 by one key; no answer leaves the variable unset. */
export const surveyVerb: VerbDefinition<SurveyConfig> = {
  name: 'survey',
  schema,
  waitsForCaller: true,
  media: true,
  branches: () => [],
  fallsThrough: () => true,
  check: (c, caps) => [...checkAudio(caps, c), ...checkAudio(caps, { prompt: c.thanks_prompt, say: c.thanks_say }).map(
    (i) => ({ path: [i.path[0] === 'prompt' ? 'thanks_prompt' : 'thanks_say'], message: i.message }))],
  async exec(c, ctx) {
    const r = await askDigits(ctx, {
      audio: c,
      retries: c.retries,
      collect: { maxDigits: 1, timeoutMs: c.timeout_s * 1000 },
      accept: (d) => /^[1-5]$/.test(d),
    });
    if (!('digits' in r)) return { outcome: 'no_answer' };
    ctx.vars.set(c.into, Number(r.digits));
    await speak(ctx, { prompt: c.thanks_prompt, say: c.thanks_say });
    return { outcome: `csat ${r.digits}` };
  },
};
