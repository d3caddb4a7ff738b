import { defineErrors } from '../platform/errors.js';

/** Error codes of the simulator building blocks; `details.field` names the bad input. */
export const SimErrors = defineErrors({
  SIM_INVALID_INPUT: { status: 400, message: 'invalid simulation input' },
  SIM_EVENT_IN_PAST: { status: 409, message: 'an event cannot be scheduled before the current time' },
  SIM_INVALID_SCENARIO: { status: 400, message: 'invalid scenario' },
  SIM_USAGE: { status: 400, message: 'invalid command line' },
});

export function requireFinite(field: string, value: number, min: number, inclusive: boolean): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (inclusive ? value >= min : value > min);
  if (!ok) {
    throw SimErrors.create('SIM_INVALID_INPUT', { field, value },
      `${field} must be a finite number ${inclusive ? '>=' : '>'} ${min}, got ${String(value)}`);
  }
  return value;
}
