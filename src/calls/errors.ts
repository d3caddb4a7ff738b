import { defineErrors } from '../platform/errors.js';

/**
 * Error codes of the call layer. `status` is the SIP final response an
 * inbound call gets when the dial plan stops on that error.
 */
export const CallErrors = defineErrors({
  CALL_ILLEGAL_TRANSITION: { status: 500, message: 'illegal call state transition' },
  CALL_BAD_TARGET: { status: 404, message: 'the called URI has no user part we can route' },
  CALL_NO_SERVICE: { status: 404, message: 'no service answers this number' },
  // After a late offer the call is already answered: these end it with BYE, their status is only for logs.
  CALL_NO_ANSWER: { status: 488, message: 'the ACK carried no SDP answer to our offer' },
  CALL_MEDIA_NOT_NEGOTIATED: { status: 500, message: 'media used before its offer/answer completed' },
  CALL_MEDIA_UNAVAILABLE: { status: 503, message: 'no media resources for the call' },
});

export type CallErrorCode = keyof typeof CallErrors.table;
