import { z } from 'zod';
import { askDigits } from '../ask-digits.js';
import { checkAudio } from '../capability-checks.js';
import { audioFields, count, positive, stepId, text, variableName } from '../schema-parts.js';
import { refs, type VerbDefinition } from '../verb.js';

const schema = z.object({
  ...audioFields,
  timeout_s: positive.default(5),
  inter_digit_timeout_s: positive.optional(),
  max_digits: count(1, 32).default(1),
  min_digits: count(1, 32).default(1),
  terminator: z.enum(['#', '*'], { error: 'must be "#" or "*"' }).optional(),
  retries: count(0, 10).default(2),
  /** Where the digits go: `{{account}}` in later steps, and the interaction's attributes. */
  into: variableName.default('digits'),
  /** A regular expression the whole entry must match, e.g. "^[0-9]{8}$". */
  pattern: text.refine(isRegExp, 'must be a valid regular expression').optional(),
  invalid_prompt: text.optional(),
  invalid: stepId.optional(),
  no_input: stepId.optional(),
}).strict()
  .refine((c) => c.min_digits <= c.max_digits, { message: 'must be <= max_digits', path: ['min_digits'] });
export type GatherConfig = z.infer<typeof schema>;

function isRegExp(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * `gather`: collects an entry (an account number, a date of birth) into a
 * variable; after the retries, `no_input` / `invalid` branch, or the flow
 * continues with the variable unset.
 */
export const gatherVerb: VerbDefinition<GatherConfig> = {
  name: 'gather',
  schema,
  waitsForCaller: true,
  media: true,
  branches: (c) => refs([['invalid'], c.invalid], [['no_input'], c.no_input]),
  fallsThrough: () => true,
  check: (c, caps) => checkAudio(caps, c),
  async exec(c, ctx) {
    const pattern = c.pattern === undefined ? undefined : new RegExp(c.pattern);
    const r = await askDigits(ctx, {
      audio: c,
      retries: c.retries,
      onInvalid: c.invalid_prompt === undefined ? undefined : { prompt: c.invalid_prompt },
      collect: {
        maxDigits: c.max_digits, terminator: c.terminator, timeoutMs: c.timeout_s * 1000,
        interDigitTimeoutMs: c.inter_digit_timeout_s === undefined ? undefined : c.inter_digit_timeout_s * 1000,
      },
      accept: (d) => d.length >= c.min_digits && (pattern === undefined || pattern.test(d)),
    });
    if ('digits' in r) {
      ctx.vars.set(c.into, r.digits);
      return { outcome: 'digits' };
    }
    return { next: r.failure === 'invalid' ? c.invalid : c.no_input, outcome: r.failure };
  },
};
