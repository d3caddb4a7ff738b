import { randomToken } from '../../platform/ids.js';
import { Headers, type HeaderEntry, type SipRequest, type SipResponse, cseqOf } from '../message/message.js';
import { BRANCH_COOKIE } from '../message/via.js';

/** A new RFC 3261 branch (§8.1.1.7): the magic cookie plus a random part. */
export function newBranch(): string {
  return BRANCH_COOKIE + randomToken(12);
}

function copy(req: SipRequest, keys: readonly string[], onlyFirstVia: boolean): HeaderEntry[] {
  const out: HeaderEntry[] = [];
  let viaSeen = false;
  for (const e of req.headers.entries) {
    if (!keys.includes(e.key)) continue;
    if (e.key === 'via') {
      if (onlyFirstVia && viaSeen) continue;
      viaSeen = true;
    }
    out.push({ key: e.key, value: e.value });
  }
  return out;
}

/**
 * The ACK a client INVITE transaction sends for a 300–699 (§17.1.1.3):
 * Request-URI, Call-ID, From, CSeq number and Route of the INVITE, its top
 * Via only, and the To of the response (with its tag).
 */
export function buildNon2xxAck(invite: SipRequest, res: SipResponse): SipRequest {
  const entries = copy(invite, ['via', 'from', 'call-id', 'route', 'max-forwards'], true);
  entries.push({ key: 'to', value: res.headers.get('to') ?? invite.headers.get('to') ?? '' });
  entries.push({ key: 'cseq', value: `${cseqOf(invite).seq} ACK` });
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers: new Headers(entries), body: Buffer.alloc(0) };
}

/** The CANCEL for a pending INVITE (§9.1): same Request-URI, Call-ID, From, To, CSeq number, top Via and Route. */
export function buildCancel(invite: SipRequest): SipRequest {
  const entries = copy(invite, ['via', 'from', 'to', 'call-id', 'route', 'max-forwards'], true);
  entries.push({ key: 'cseq', value: `${cseqOf(invite).seq} CANCEL` });
  return { kind: 'request', method: 'CANCEL', uri: invite.uri, headers: new Headers(entries), body: Buffer.alloc(0) };
}
