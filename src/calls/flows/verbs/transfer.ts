import { z } from 'zod';
import { checkQueue } from '../capability-checks.js';
import type { TransferTarget } from '../flow-call.js';
import { stepId, text } from '../schema-parts.js';
import { refs, type VerbDefinition } from '../verb.js';

const schema = z.object({
  agent: text.optional(),
  queue: text.optional(),
  /** An outside number (E.164), dialled through a trunk if the client's dial plan allows it. */
  number: z.string({ error: 'must be a phone number' }).regex(/^\+?[0-9]{3,15}$/, 'must be a phone number such as +14155550100').optional(),
  /** Where the caller goes when the transfer fails; without it, the next step. */
  failed: stepId.optional(),
}).strict().refine((c) => [c.agent, c.queue, c.number].filter((x) => x !== undefined).length === 1,
  { message: 'needs exactly one target: agent, queue or number', path: ['agent'] });
export type TransferConfig = z.infer<typeof schema>;

function target(c: TransferConfig): TransferTarget {
  if (c.agent !== undefined) return { kind: 'agent', agent: c.agent };
  if (c.queue !== undefined) return { kind: 'queue', queue: c.queue };
  return { kind: 'number', number: c.number ?? '' };
}

/** `transfer`: hands the caller to an agent, a queue or an outside number; the flow ends when it succeeds. */
export const transferVerb: VerbDefinition<TransferConfig> = {
  name: 'transfer',
  schema,
  waitsForCaller: false,
  media: false,
  branches: (c) => refs([['failed'], c.failed]),
  fallsThrough: () => true,
  check: (c, caps) => checkQueue(caps, c.queue, ['queue']),
  async exec(c, ctx) {
    const t = target(c);
    const r = await ctx.call.transfer(t);
    ctx.scope.check();
    if (r.ok) return { end: 'transferred', outcome: `transferred to ${t.kind}` };
    return { next: c.failed, outcome: `failed: ${r.reason}` };
  },
};
