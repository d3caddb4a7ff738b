import { z } from 'zod';
import { VARIABLE_NAME } from './flow-variables.js';

/**
 * Zod pieces the verbs' schemas share, with messages written for the
 * person editing the flow: `steps[3].gather.timeout_s: must be > 0`.
 */
const numberError = { error: (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : 'must be a number') };

export const positive = z.number(numberError).refine((v) => Number.isFinite(v) && v > 0, 'must be > 0');
export const nonNegative = z.number(numberError).refine((v) => Number.isFinite(v) && v >= 0, 'must be >= 0');
export const count = (min: number, max: number) =>
  z.number(numberError).int('must be a whole number').min(min, `must be >= ${min}`).max(max, `must be <= ${max}`);
export const text = z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty');

/** A step id that branches name: `sales`, `after-hours`, `menu_2`. */
export const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const stepId = z.string({ error: 'must be a step id (a string)' })
  .regex(STEP_ID, 'must be a step id: letters, digits, - and _');

export const variableName = z.string({ error: 'must be a variable name' })
  .regex(VARIABLE_NAME, 'must be a variable name: a letter, then letters, digits, _ or .');
export const flowValue = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, number or boolean' });

export const dtmfKey = z.string({ error: 'must be a key' }).regex(/^[0-9*#]$/, 'must be one key: 0-9, * or #');

/** What a prompting verb plays: a recorded prompt, or text to speech. */
export const audioFields = {
  prompt: text.optional(),
  say: text.optional(),
};
export interface Audio {
  readonly prompt?: string | undefined;
  readonly say?: string | undefined;
}
