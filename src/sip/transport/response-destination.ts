import type { Via } from '../message/via.js';
import type { Endpoint, TransportProtocol } from './transport.js';

const stripBrackets = (h: string): string => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h);

/**
 * Where a response goes (RFC 3261 §18.2.2 with RFC 3581 §4), from the top
 * Via of the request as the transport layer stored it (received/rport set).
 * Over a stream, the caller first tries the request's own connection.
 */
export function responseDestination(via: Via): Endpoint {
  const protocol: TransportProtocol = via.transport === 'TCP' || via.transport === 'TLS' ? 'TCP' : 'UDP';
  const received = via.params.get('received');
  const rport = via.params.get('rport');
  const address = stripBrackets(received ?? via.host);
  if (protocol === 'UDP') {
    const maddr = via.params.get('maddr');
    if (maddr !== undefined && maddr !== null) return { protocol, address: stripBrackets(maddr), port: via.port ?? 5060 };
  }
  // RFC 3581 §4: send to the source port the request came from.
  if (rport !== undefined && rport !== null && /^\d{1,5}$/.test(rport)) return { protocol, address, port: Number(rport) };
  return { protocol, address, port: via.port ?? 5060 };
}
