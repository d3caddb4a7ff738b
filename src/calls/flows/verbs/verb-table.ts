import type { VerbDefinition } from '../verb.js';
import { answerVerb } from './answer.js';
import { conditionVerb } from './condition.js';
import { dncVerb } from './dnc.js';
import { enqueueVerb } from './enqueue.js';
import { gatherVerb } from './gather.js';
import { hangupVerb } from './hangup.js';
import { hoursVerb } from './hours.js';
import { menuVerb } from './menu.js';
import { playVerb } from './play.js';
import { sayVerb } from './say.js';
import { setVerb } from './set.js';
import { surveyVerb } from './survey.js';
import { transferVerb } from './transfer.js';
import { voicemailVerb } from './voicemail.js';
import { webhookVerb } from './webhook.js';

/** Every verb a flow may use, by the key it is written under in the step (STYLE habit 4: a lookup table). */
export type VerbTable = ReadonlyMap<string, VerbDefinition<unknown>>;

const all: readonly VerbDefinition<unknown>[] = [
  answerVerb, playVerb, sayVerb, gatherVerb, menuVerb, hoursVerb, setVerb, conditionVerb,
  enqueueVerb, transferVerb, voicemailVerb, surveyVerb, webhookVerb, dncVerb, hangupVerb,
];

export const VERBS: VerbTable = new Map(all.map((v) => [v.name, v]));
