import { z } from 'zod';
import { checkPrompt, checkQueue, checkTts } from '../capability-checks.js';
import { holdCaller } from '../queue-hold.js';
import { count, dtmfKey, positive, stepId, text } from '../schema-parts.js';
import type { FlowCapabilities } from '../flow-call.js';
import { refs, type VerbDefinition, type VerbIssue } from '../verb.js';

const schema = z.object({
  queue: text,
  priority: count(0, 100).optional(),
  /** A prompt looped while the caller waits. */
  hold_music: text.optional(),
  announce: z.object({
    every_s: positive.refine((v) => v >= 10, 'must be >= 10 (announcements every few seconds drown the music)'),
    /** Spoken position and estimated wait need text to speech. */
    position: z.boolean().default(false),
    ewt: z.boolean().default(false),
    prompt: text.optional(),
  }).strict().optional(),
  max_wait_s: positive.optional(),
  /** Where a caller goes after max_wait_s; without it, the next step. */
  timeout: stepId.optional(),
  /** "Press 1 to be called back without losing your place." */
  callback: z.object({ key: dtmfKey.default('1'), prompt: text.optional(), branch: stepId }).strict().optional(),
  voicemail: z.object({ key: dtmfKey.default('2'), branch: stepId }).strict().optional(),
  /** Where the flow goes after the agent hangs up; without it, the next step (a survey, say). */
  answered: stepId.optional(),
}).strict().refine((c) => c.callback === undefined || c.voicemail === undefined || c.callback.key !== c.voicemail.key,
  { message: 'must differ from callback.key', path: ['voicemail', 'key'] });
export type EnqueueConfig = z.infer<typeof schema>;

const SPOKEN_STATUS_NEEDS_TTS = 'spoken position and wait need text to speech, which is not available on this server '
  + '(espeak-ng is not installed): turn position and ewt off, or announce a recorded "prompt"';

function check(c: EnqueueConfig, caps: FlowCapabilities): VerbIssue[] {
  const spoken = c.announce !== undefined && (c.announce.position || c.announce.ewt);
  return [
    ...checkQueue(caps, c.queue, ['queue']),
    ...checkPrompt(caps, c.hold_music, ['hold_music']),
    ...checkPrompt(caps, c.announce?.prompt, ['announce', 'prompt']),
    ...checkPrompt(caps, c.callback?.prompt, ['callback', 'prompt']),
    ...(spoken ? checkTts(caps, ['announce', c.announce?.position === true ? 'position' : 'ewt'], SPOKEN_STATUS_NEEDS_TTS) : []),
  ];
}

/**
 * `enqueue`: waits in a routing queue with hold music and periodic
 * announcements. Exits: an agent answers (the flow resumes after the agent
 * hangs up), max_wait_s → `timeout`, a key → `callback` (the host keeps the
 * caller's place as a callback) or `voicemail`.
 */
export const enqueueVerb: VerbDefinition<EnqueueConfig> = {
  name: 'enqueue',
  schema,
  waitsForCaller: true,
  media: true,
  branches: (c) => refs([['timeout'], c.timeout], [['callback', 'branch'], c.callback?.branch],
    [['voicemail', 'branch'], c.voicemail?.branch], [['answered'], c.answered]),
  // Callback and voicemail exits always name a branch; answered and timeout may fall through.
  fallsThrough: (c) => c.answered === undefined || c.timeout === undefined,
  check,
  async exec(c, ctx) {
    const outcome = await holdCaller(ctx, c);
    switch (outcome.kind) {
      case 'answered': return { next: c.answered, outcome: outcome.agentId === undefined ? 'answered' : `answered by ${outcome.agentId}` };
      case 'timeout': return { next: c.timeout, outcome: 'timeout' };
      case 'callback': return { next: c.callback?.branch, outcome: 'callback' };
      case 'voicemail': return { next: c.voicemail?.branch, outcome: 'voicemail' };
      case 'caller_hangup': return { end: 'caller_hangup', outcome: 'caller hung up' };
    }
  },
};
