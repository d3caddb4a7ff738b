import { type SipMessage, callIdOf, cseqOf, fromOf, topVia } from '../message/message.js';
import { paramOf } from '../message/name-addr.js';
import { isRfc3261Branch, viaBranch } from '../message/via.js';

/**
 * Server transaction key (§17.2.3): branch + sent-by + method, where ACK
 * maps to INVITE and CANCEL stays its own. Requests without an RFC 3261
 * branch (RFC 2543 peers, RFC 4475 §3.2.1) fall back to Call-ID, CSeq
 * number, From tag and top Via.
 */
export function serverKey(req: SipMessage & { method: string }, method = req.method === 'ACK' ? 'INVITE' : req.method): string {
  const via = topVia(req);
  const branch = viaBranch(via);
  const sentBy = `${via.host}:${via.port ?? ''}`;
  if (isRfc3261Branch(branch)) return `${branch}|${sentBy}|${method}`;
  return `2543|${callIdOf(req)}|${cseqOf(req).seq}|${paramOf(fromOf(req), 'tag') ?? ''}|${sentBy}|${method}`;
}

/** Client transaction key (§17.1.3): top Via branch + CSeq method. */
export function clientKey(msg: SipMessage): string {
  return `${viaBranch(topVia(msg)) ?? ''}|${cseqOf(msg).method}`;
}
