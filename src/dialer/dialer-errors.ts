import { defineErrors } from '../platform/errors.js';

/** Error codes of the dialer's pure core; `details.field` names the bad input. */
export const DialerErrors = defineErrors({
  DIALER_INVALID_POLICY: { status: 400, message: 'unknown or malformed pacing policy' },
  DIALER_INVALID_INPUT: { status: 400, message: 'invalid dialer input' },
  DIALER_ILLEGAL_TRANSITION: { status: 409, message: 'illegal dial attempt state change' },
});
