import { MediaErrors } from '../errors.js';
import type { SdpAttribute, SdpConnection, SdpLine, SdpOrigin, SessionDescription } from './sdp-types.js';

/**
 * RFC 4566 parser. Strict where a mistake would misroute media (v=, o=,
 * c=, m= syntax) and lenient where real phones are sloppy: LF-only line
 * ends, trailing whitespace, a missing s= or t=, unknown line types (§5:
 * "unknown type letters ... SHOULD be ignored").
 */
function fail(line: number, reason: string): never {
  throw MediaErrors.create('SDP_PARSE_ERROR', { line, reason }, `malformed SDP at line ${line}: ${reason}`);
}

function parseConnection(value: string, line: number): SdpConnection {
  const [netType, addrType, addr] = value.split(/\s+/);
  if (!netType || !addrType || !addr) fail(line, 'c= needs nettype addrtype address');
  // RFC 4566 §5.7: IP4 multicast may carry /ttl[/count]; the address is before the slash.
  return { netType, addrType, address: addr.split('/')[0] };
}

function parseOrigin(value: string, line: number): SdpOrigin {
  const f = value.split(/\s+/);
  if (f.length !== 6 || !/^\d+$/.test(f[1]) || !/^\d+$/.test(f[2])) fail(line, 'o= needs 6 fields with numeric id and version');
  return { username: f[0], sessionId: f[1], sessionVersion: f[2], netType: f[3], addrType: f[4], address: f[5] };
}

function parseAttribute(value: string): SdpAttribute {
  const i = value.indexOf(':');
  return i < 0 ? { name: value } : { name: value.slice(0, i), value: value.slice(i + 1) };
}

interface MediaDraft {
  media: string;
  port: number;
  portCount?: number | undefined;
  proto: string;
  formats: string[];
  connection?: SdpConnection;
  bandwidths: string[];
  attributes: SdpAttribute[];
  otherLines: SdpLine[];
}

function parseMediaLine(value: string, line: number): MediaDraft {
  const f = value.split(/\s+/);
  if (f.length < 3) fail(line, 'm= needs media port proto [formats]');
  const m = /^(\d+)(?:\/(\d+))?$/.exec(f[1]);
  if (!m) fail(line, 'm= port is not a number');
  const port = Number(m[1]);
  if (port > 65535) fail(line, 'm= port out of range');
  return {
    media: f[0], port, portCount: m[2] ? Number(m[2]) : undefined, proto: f[2], formats: f.slice(3),
    bandwidths: [], attributes: [], otherLines: [],
  };
}

export function parseSdp(text: string): SessionDescription {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.length > 0);
  if (lines.length === 0 || !/^v=\s*0$/.test(lines[0])) fail(1, 'must start with v=0');
  let origin: SdpOrigin | undefined;
  let sessionName = '-';
  let connection: SdpConnection | undefined;
  const bandwidths: string[] = [];
  const timing: string[] = [];
  const attributes: SdpAttribute[] = [];
  const otherLines: SdpLine[] = [];
  const media: MediaDraft[] = [];
  for (let i = 1; i < lines.length; i++) {
    const n = i + 1;
    const l = lines[i];
    if (l.length < 2 || l[1] !== '=') fail(n, 'expected <type>=<value>');
    const type = l[0];
    const value = l.slice(2);
    const cur = media.at(-1);
    if (type === 'm') {
      media.push(parseMediaLine(value, n));
    } else if (cur) {
      if (type === 'c') cur.connection = parseConnection(value, n);
      else if (type === 'b') cur.bandwidths.push(value);
      else if (type === 'a') cur.attributes.push(parseAttribute(value));
      else cur.otherLines.push({ type, value });
    } else if (type === 'o') origin = parseOrigin(value, n);
    else if (type === 's') sessionName = value;
    else if (type === 'c') connection = parseConnection(value, n);
    else if (type === 'b') bandwidths.push(value);
    else if (type === 't') timing.push(value);
    else if (type === 'a') attributes.push(parseAttribute(value));
    else otherLines.push({ type, value });
  }
  if (!origin) fail(1, 'missing o= line');
  for (const [i, m] of media.entries()) {
    if (m.port !== 0 && !m.connection && !connection) fail(i + 1, `m=${m.media} has no c= line (RFC 4566 §5.7)`);
  }
  return { version: 0, origin, sessionName, connection, bandwidths, timing: timing.length ? timing : ['0 0'], attributes, otherLines, media };
}
