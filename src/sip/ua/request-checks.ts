import type { SipRequest } from '../message/message.js';

/** What this UA core supports; used to answer OPTIONS and to reject what it cannot handle. */
export interface CorePolicy {
  readonly allow: readonly string[];
  readonly supported: readonly string[];
  /** Body types we understand (§8.2.3), e.g. application/sdp. */
  readonly accept: readonly string[];
}

export interface Rejection {
  readonly status: number;
  readonly reason?: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/**
 * The UAS request checks of RFC 3261 §8.2.1–§8.2.3 in their order, plus
 * the §16.3 hop limit for requests we would forward as a B2BUA. Returns
 * the rejection to send, or null when the request may go to the TU.
 */
export function checkRequest(req: SipRequest, policy: CorePolicy): Rejection | null {
  const { method } = req;
  if (method === 'ACK') return null;
  // §8.2.1: unknown / unsupported method → 405 listing Allow.
  if (!policy.allow.includes(method)) {
    return { status: 405, headers: [['Allow', policy.allow.join(', ')]] };
  }
  // §8.2.2.3: Require options we do not support → 420 with Unsupported (not for CANCEL).
  if (method !== 'CANCEL') {
    const unsupported = req.headers.getAll('require').filter((o) => !policy.supported.includes(o.toLowerCase()));
    if (unsupported.length > 0) {
      return { status: 420, headers: [['Unsupported', unsupported.join(', ')]] };
    }
  }
  // §8.2.3: a session description we cannot process → 415 with Accept. Bodies of
  // INFO / NOTIFY / MESSAGE (dtmf-relay, sipfrag...) are the TU's to judge.
  if (req.body.length > 0 && (method === 'INVITE' || method === 'UPDATE' || method === 'PRACK')) {
    const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!policy.accept.includes(type)) {
      return { status: 415, headers: [['Accept', policy.accept.join(', ')]] };
    }
  }
  // §8.2.3 / RFC 4475 §3.3.15: the answer we would send (SDP) is not acceptable to the caller.
  if (method === 'INVITE' && req.headers.has('accept')) {
    const accepted = req.headers.getAll('accept').map((a) => a.split(';')[0].trim().toLowerCase());
    const ok = accepted.some((a) => a === '*/*' || a === 'application/*' || policy.accept.includes(a));
    if (!ok) return { status: 406, headers: [['Accept', policy.accept.join(', ')]] };
  }
  // RFC 4475 §3.3.11: an endpoint answers OPTIONS with Max-Forwards 0 as usual; other
  // requests would be forwarded to another leg by this B2BUA, so §16.3 step 3 applies.
  const mf = req.headers.get('max-forwards');
  if (mf !== undefined && Number(mf) === 0 && method !== 'OPTIONS') {
    return { status: 483, headers: [] };
  }
  return null;
}
