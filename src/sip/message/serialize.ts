import { canonicalName } from './header-names.js';
import type { SipMessage } from './message.js';
import { formatUri } from './uri.js';

/**
 * Writes a message in wire form: one header line per entry, long header
 * names, and a Content-Length that always matches the body (§20.14: required
 * on streams, harmless on datagrams).
 */
export function serializeMessage(msg: SipMessage): Buffer {
  let head =
    msg.kind === 'request' ? `${msg.method} ${formatUri(msg.uri)} SIP/2.0\r\n` : `SIP/2.0 ${msg.status} ${msg.reason}\r\n`;
  for (const e of msg.headers.entries) {
    if (e.key === 'content-length') continue;
    head += canonicalName(e.key) + ': ' + e.value + '\r\n';
  }
  head += `Content-Length: ${msg.body.length}\r\n\r\n`;
  if (msg.body.length === 0) return Buffer.from(head, 'utf8');
  return Buffer.concat([Buffer.from(head, 'utf8'), msg.body]);
}
