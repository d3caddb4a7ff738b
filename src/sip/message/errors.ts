import { defineErrors } from '../../platform/errors.js';

/**
 * Why a SIP message could not be accepted, with the response RFC 3261 and
 * RFC 4475 expect. `status` is the SIP response code a UAS sends back for a
 * request; responses that fail to parse are always dropped (§18.1.2).
 */
export const SipParseErrors = defineErrors({
  SIP_EMPTY: { status: 0, message: 'empty or keep-alive datagram' },
  SIP_BAD_START_LINE: { status: 400, message: 'Bad Request Line' },
  SIP_BAD_STATUS_LINE: { status: 0, message: 'Bad Status Line' },
  SIP_BAD_VERSION: { status: 505, message: 'Version Not Supported' },
  SIP_BAD_REQUEST_URI: { status: 400, message: 'Bad Request-URI' },
  SIP_UNSUPPORTED_URI_SCHEME: { status: 416, message: 'Unsupported URI Scheme' },
  SIP_BAD_HEADER: { status: 400, message: 'Bad Header' },
  SIP_MISSING_HEADER: { status: 400, message: 'Missing Header' },
  SIP_MULTIPLE_VALUES: { status: 400, message: 'Multiple Values' },
  SIP_METHOD_MISMATCH: { status: 400, message: 'CSeq Method Mismatch' },
  SIP_BAD_CONTENT_LENGTH: { status: 400, message: 'Bad Content-Length' },
  SIP_INCOMPLETE_BODY: { status: 400, message: 'Body Shorter Than Content-Length' },
  SIP_TOO_LARGE: { status: 513, message: 'Message Too Large' },
  SIP_TOO_MANY_HEADERS: { status: 513, message: 'Too Many Headers' },
  SIP_NO_HEADER_END: { status: 400, message: 'Header Section Not Terminated' },
});

export type SipParseErrorCode = keyof typeof SipParseErrors.table;

/**
 * A parse failure. `action` says what the receiver does: answer a request
 * with `status`/`reason`, or silently drop (responses, garbage, keep-alives).
 * `rawHeaders` holds what was read, so a 400 can still copy Via/From/To/
 * Call-ID/CSeq (§8.2.6.2).
 */
export interface SipParseFailure {
  readonly code: SipParseErrorCode;
  readonly status: number;
  readonly reason: string;
  readonly action: 'respond' | 'drop';
  readonly method?: string;
  readonly rawHeaders?: ReadonlyArray<{ key: string; value: string }>;
}

export function parseFailure(
  code: SipParseErrorCode,
  reason: string,
  extra: { method?: string; rawHeaders?: ReadonlyArray<{ key: string; value: string }>; isResponse?: boolean } = {},
): SipParseFailure {
  const status = SipParseErrors.table[code].status;
  const action = status === 0 || extra.isResponse === true ? 'drop' : 'respond';
  return { code, status, reason, action, method: extra.method, rawHeaders: extra.rawHeaders };
}
