import { z } from 'zod';
import { count, flowValue, stepId, variableName } from '../schema-parts.js';
import { refs, type VerbDefinition, type VerbResult } from '../verb.js';

const schema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  timeout_s: count(1, 30).default(3),
  /** Extra fields sent along with the variables; strings render `{{variables}}`. */
  body: z.record(z.string(), flowValue).default({}),
  /** Steps the client's system may send the caller to with `next`. */
  routes: z.array(stepId).default([]),
  /** Where the caller goes when the system is slow, fails or answers nonsense; without it, the next step. */
  fallback: stepId.optional(),
}).strict();
export type WebhookConfig = z.infer<typeof schema>;

/** What the client's system may answer. */
const responseSchema = z.object({
  variables: z.record(variableName, flowValue).optional(),
  next: z.string().optional(),
});

const TIMED_OUT = Symbol('timeout');

/**
 * `webhook`: asks the client's system (POST, JSON) about the caller; the
 * answer may set variables and pick the next step among `routes`. A timeout
 * or an error takes `fallback`: a slow CRM never strands a caller.
 */
export const webhookVerb: VerbDefinition<WebhookConfig> = {
  name: 'webhook',
  schema,
  waitsForCaller: false,
  media: false,
  branches: (c) => [...c.routes.map((target, i) => ({ path: ['routes', i], target })), ...refs([['fallback'], c.fallback])],
  fallsThrough: () => true,
  async exec(c, ctx): Promise<VerbResult> {
    const timeoutMs = c.timeout_s * 1000;
    const body = {
      ...Object.fromEntries(Object.entries(c.body).map(([k, v]) => [k, typeof v === 'string' ? ctx.vars.render(v) : v])),
      variables: ctx.vars.toJSON(),
    };
    const fallback = (why: string): VerbResult => ({ next: c.fallback, outcome: `fallback: ${why}` });
    // Our own timer too, so a host whose HTTP client hangs cannot strand the caller.
    const timer = new Promise<typeof TIMED_OUT>((resolve) => ctx.after(timeoutMs, () => resolve(TIMED_OUT)));
    let answer: unknown;
    try {
      answer = await Promise.race([ctx.call.webhook(c.url, body, timeoutMs), timer]);
    } catch {
      ctx.scope.check();
      return fallback('request failed');
    }
    ctx.scope.check();
    if (answer === TIMED_OUT) return fallback('timeout');
    const r = responseSchema.safeParse(answer ?? {});
    if (!r.success) return fallback('bad response');
    if (r.data.next !== undefined && !c.routes.includes(r.data.next)) return fallback(`"${r.data.next}" is not in routes`);
    for (const [k, v] of Object.entries(r.data.variables ?? {})) ctx.vars.set(k, v);
    return { next: r.data.next, outcome: r.data.next === undefined ? 'ok' : `ok → ${r.data.next}` };
  },
};
