import { defineErrors } from '../platform/errors.js';

/**
 * Error codes of the Erlang math. Callers (CLI, REST) branch on the code;
 * `details.field` names the offending input so a message can point at it.
 */
export const ErlangErrors = defineErrors({
  ERLANG_INVALID_INPUT: { status: 400, message: 'invalid Erlang input' },
  ERLANG_TARGET_UNREACHABLE: { status: 422, message: 'no staffing level meets the target' },
  ERLANG_TOO_LARGE: { status: 422, message: 'the model is too large to compute exactly' },
});

/** Throws ERLANG_INVALID_INPUT naming `field` unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field, value }, `${field} must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a finite number >= 0 (a threshold of 0 s is meaningful). */
export function requireNonNegative(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field, value }, `${field} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** Agents are whole people: an integer >= 1. */
export function requireAgents(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field, value }, `${field} must be an integer >= 1, got ${String(value)}`);
  }
  return value;
}

/** A probability-like target strictly between 0 and 1 (1 itself is never attainable). */
export function requireFraction(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw ErlangErrors.create('ERLANG_INVALID_INPUT', { field, value }, `${field} must be a number strictly between 0 and 1, got ${String(value)}`);
  }
  return value;
}
