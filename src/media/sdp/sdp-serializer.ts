import type { SdpAttribute, SdpConnection, SdpLine, SdpMedia, SessionDescription } from './sdp-types.js';

/** RFC 4566 serializer: canonical line order (§5), CRLF line ends. */
const conn = (c: SdpConnection): string => `c=${c.netType} ${c.addrType} ${c.address}`;
const attr = (a: SdpAttribute): string => (a.value === undefined ? `a=${a.name}` : `a=${a.name}:${a.value}`);
const other = (lines: readonly SdpLine[], types: string): string[] =>
  lines.filter((l) => types.includes(l.type)).map((l) => `${l.type}=${l.value}`);

function mediaLines(m: SdpMedia): string[] {
  const port = m.portCount ? `${m.port}/${m.portCount}` : String(m.port);
  return [
    `m=${[m.media, port, m.proto, ...m.formats].join(' ')}`,
    ...other(m.otherLines, 'i'),
    ...(m.connection ? [conn(m.connection)] : []),
    ...m.bandwidths.map((b) => `b=${b}`),
    ...other(m.otherLines, 'k'),
    ...m.attributes.map(attr),
  ];
}

export function serializeSdp(d: SessionDescription): string {
  const o = d.origin;
  const lines = [
    `v=${d.version}`,
    `o=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`,
    `s=${d.sessionName || '-'}`,
    ...other(d.otherLines, 'iuep'),
    ...(d.connection ? [conn(d.connection)] : []),
    ...d.bandwidths.map((b) => `b=${b}`),
    ...(d.timing.length ? d.timing : ['0 0']).map((t) => `t=${t}`),
    ...other(d.otherLines, 'rzk'),
    ...d.attributes.map(attr),
    ...d.media.flatMap(mediaLines),
  ];
  return lines.join('\r\n') + '\r\n';
}
