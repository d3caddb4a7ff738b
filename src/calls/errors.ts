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
  CALL_NUMBER_CLOSED: { status: 480, message: 'the number has no active flow' },
  CALL_SOURCE_REFUSED: { status: 403, message: 'calls to this number are not accepted from this source' },
  CALL_PROMPT_MISSING: { status: 500, message: 'the flow names a prompt the client has not uploaded' },
  CALL_TTS_FAILED: { status: 500, message: 'text to speech failed' },
  CALL_QUEUE_UNKNOWN: { status: 500, message: 'the flow names a queue the client does not have' },
  CALL_NOT_FOUND: { status: 404, message: 'no live call for this interaction' },
  CALL_ACTION_REFUSED: { status: 409, message: 'the call cannot do that now' },
});

export type CallErrorCode = keyof typeof CallErrors.table;
