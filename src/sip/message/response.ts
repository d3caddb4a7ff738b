import type { SipParseFailure } from './errors.js';
import { Headers, type HeaderEntry, type SipRequest, type SipResponse } from './message.js';

/** Default reason phrases (RFC 3261 §21). */
export const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying', 180: 'Ringing', 181: 'Call Is Being Forwarded', 182: 'Queued', 183: 'Session Progress',
  200: 'OK', 202: 'Accepted',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout', 415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme', 420: 'Bad Extension', 423: 'Interval Too Brief', 480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected', 483: 'Too Many Hops', 486: 'Busy Here',
  487: 'Request Terminated', 488: 'Not Acceptable Here', 491: 'Request Pending',
  500: 'Server Internal Error', 501: 'Not Implemented', 503: 'Service Unavailable', 505: 'Version Not Supported',
  513: 'Message Too Large', 603: 'Decline',
};

const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

export interface ResponseOptions {
  readonly reason?: string;
  /** To-tag to add when the request's To has none (§8.2.6.2). */
  readonly toTag?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly body?: Buffer;
}

/**
 * Builds a response to `req` per §8.2.6.2: Via (all, in order), From,
 * Call-ID, CSeq copied; To copied with a tag added for non-100 responses.
 */
export function createResponse(req: SipRequest, status: number, opts: ResponseOptions = {}): SipResponse {
  return buildResponse(req.headers.entries, status, opts);
}

/** The response to a request that failed to parse (a 400 naming the bad header, 505, 416...). */
export function responseForParseFailure(f: SipParseFailure, toTag?: string): SipResponse | null {
  if (f.action !== 'respond' || f.rawHeaders === undefined || !f.rawHeaders.some((e) => e.key === 'via')) return null;
  return buildResponse(f.rawHeaders, f.status, { reason: f.reason, toTag });
}

function buildResponse(src: ReadonlyArray<HeaderEntry>, status: number, opts: ResponseOptions): SipResponse {
  const entries: HeaderEntry[] = [];
  for (const e of src) {
    if (!COPIED.has(e.key)) continue;
    let value = e.value;
    if (e.key === 'to' && status > 100 && opts.toTag !== undefined && !/;\s*tag\s*=/i.test(value)) {
      value += ';tag=' + opts.toTag;
    }
    entries.push({ key: e.key, value });
  }
  for (const [name, value] of opts.headers ?? []) entries.push({ key: name.toLowerCase(), value });
  return {
    kind: 'response',
    status,
    reason: opts.reason ?? REASONS[status] ?? 'Unknown',
    headers: new Headers(entries),
    body: opts.body ?? Buffer.alloc(0),
  };
}
