import { defineErrors } from '../platform/errors.js';

/**
 * Error codes of the call layer. `status` is the SIP final response an
 * inbound call gets when the dial plan stops on that error.
 */
export const CallErrors = defineErrors({
  CALL_ILLEGAL_TRANSITION: { status: 500, message: 'illegal call state transition' },
  CALL_BAD_TARGET: { status: 404, message: 'the called URI has no user part we can route' },
  CALL_NO_SERVICE: { status: 404, message: 'no service answers this number' },
  CALL_NO_OFFER: { status: 488, message: 'INVITE without an SDP offer is not supported' },
  CALL_MEDIA_UNAVAILABLE: { status: 503, message: 'no media resources for the call' },
});

export type CallErrorCode = keyof typeof CallErrors.table;
