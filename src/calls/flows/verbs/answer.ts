import { z } from 'zod';
import type { VerbDefinition } from '../verb.js';

const schema = z.object({}).strict();
export type AnswerConfig = z.infer<typeof schema>;

/** `answer`: picks the call up. The runner answers before any verb with audio anyway; this makes it explicit. */
export const answerVerb: VerbDefinition<AnswerConfig> = {
  name: 'answer',
  schema,
  waitsForCaller: false,
  media: true,
  branches: () => [],
  fallsThrough: () => true,
  async exec() {
    return {};
  },
};
