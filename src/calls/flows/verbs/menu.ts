import { z } from 'zod';
import { askDigits } from '../ask-digits.js';
import { checkAudio, checkPrompt } from '../capability-checks.js';
import { audioFields, count, positive, stepId, text } from '../schema-parts.js';
import { refs, type VerbDefinition } from '../verb.js';

const KEY = /^[0-9*#]$/;

const schema = z.object({
  ...audioFields,
  /** Key → step: `{ "1": "orders", "2": "returns" }`. */
  options: z.record(z.string(), stepId)
    .superRefine((o, ctx) => {
      for (const k of Object.keys(o)) if (!KEY.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: 'must be one key: 0-9, * or #' });
      if (Object.keys(o).length === 0) ctx.addIssue({ code: 'custom', message: 'must offer at least one key' });
    }),
  timeout_s: positive.default(5),
  retries: count(0, 10).default(2),
  /** "Sorry, that is not an option": played after a key with no branch. */
  invalid_prompt: text.optional(),
  /** Where the caller goes after the retries; without it, the next step. */
  default: stepId.optional(),
}).strict();
export type MenuConfig = z.infer<typeof schema>;

/** `menu`: one key picks a branch; no input or a wrong key replays the menu, then `default`. */
export const menuVerb: VerbDefinition<MenuConfig> = {
  name: 'menu',
  schema,
  waitsForCaller: true,
  media: true,
  branches: (c) => [
    ...Object.entries(c.options).map(([key, target]) => ({ path: ['options', key], target })),
    ...refs([['default'], c.default]),
  ],
  fallsThrough: (c) => c.default === undefined,
  check: (c, caps) => [...checkAudio(caps, c), ...checkPrompt(caps, c.invalid_prompt, ['invalid_prompt'])],
  async exec(c, ctx) {
    const r = await askDigits(ctx, {
      audio: c,
      retries: c.retries,
      onInvalid: c.invalid_prompt === undefined ? undefined : { prompt: c.invalid_prompt },
      collect: { maxDigits: 1, timeoutMs: c.timeout_s * 1000 },
      accept: (d) => Object.hasOwn(c.options, d),
    });
    if ('digits' in r) return { next: c.options[r.digits], outcome: `option ${r.digits}` };
    return { next: c.default, outcome: `default (${r.failure})` };
  },
};
