import { defineErrors } from '../platform/errors.js';

/** Errors the SIP layers raise to their callers (parse failures have their own table in message/errors.ts). */
export const SipErrors = defineErrors({
  SIP_ILLEGAL_TRANSITION: { status: 500, message: 'illegal state transition' },
  SIP_NO_DIALOG: { status: 409, message: 'no established dialog' },
  SIP_BAD_TARGET: { status: 400, message: 'not a valid SIP target URI' },
  SIP_NO_TRANSPORT: { status: 503, message: 'no transport for the destination' },
  SIP_MISUSE: { status: 500, message: 'operation not allowed in this state' },
});
