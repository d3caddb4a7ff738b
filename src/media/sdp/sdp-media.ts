import { DIRECTIONS, type Direction, type SdpConnection, type SdpMedia, type SessionDescription } from './sdp-types.js';

/** What one payload type of an m= line means (RFC 4566 §6 a=rtpmap, RFC 3551 static types). */
export interface RtpMap {
  readonly payloadType: number;
  readonly encoding: string; // upper-cased: PCMU, PCMA, TELEPHONE-EVENT, ...
  readonly clockRate: number;
  readonly channels: number;
}

const STATIC: Readonly<Record<number, [string, number]>> = {
  0: ['PCMU', 8000], 3: ['GSM', 8000], 4: ['G723', 8000], 8: ['PCMA', 8000], 9: ['G722', 8000], 13: ['CN', 8000], 18: ['G729', 8000],
};

export function attributeValues(m: SdpMedia, name: string): string[] {
  return m.attributes.filter((a) => a.name.toLowerCase() === name && a.value !== undefined).map((a) => a.value!);
}

/** The rtpmap of each format on the m= line, in the offerer's order. */
export function rtpMaps(m: SdpMedia): RtpMap[] {
  const explicit = new Map<number, RtpMap>();
  for (const v of attributeValues(m, 'rtpmap')) {
    const r = /^(\d+)\s+([^/\s]+)\/(\d+)(?:\/(\d+))?/.exec(v);
    if (r) explicit.set(Number(r[1]), { payloadType: Number(r[1]), encoding: r[2].toUpperCase(), clockRate: Number(r[3]), channels: r[4] ? Number(r[4]) : 1 });
  }
  const out: RtpMap[] = [];
  for (const f of m.formats) {
    if (!/^\d+$/.test(f)) continue;
    const pt = Number(f);
    const map = explicit.get(pt) ?? (STATIC[pt] ? { payloadType: pt, encoding: STATIC[pt][0], clockRate: STATIC[pt][1], channels: 1 } : undefined);
    if (map) out.push(map);
  }
  return out;
}

export function fmtp(m: SdpMedia, payloadType: number): string | undefined {
  for (const v of attributeValues(m, 'fmtp')) {
    const i = v.indexOf(' ');
    if (i > 0 && Number(v.slice(0, i)) === payloadType) return v.slice(i + 1).trim();
  }
  return undefined;
}

export function ptime(m: SdpMedia): number | undefined {
  const v = attributeValues(m, 'ptime')[0];
  return v && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
}

/** Media-level direction, else session-level, else sendrecv (RFC 4566 §6, RFC 3264 §5.1). */
export function direction(sdp: SessionDescription, m: SdpMedia): Direction {
  const find = (names: readonly string[]): Direction | undefined =>
    DIRECTIONS.find((d) => names.includes(d));
  return find(m.attributes.map((a) => a.name)) ?? find(sdp.attributes.map((a) => a.name)) ?? 'sendrecv';
}

export function connectionOf(sdp: SessionDescription, m: SdpMedia): SdpConnection | undefined {
  return m.connection ?? sdp.connection;
}

/** RFC 2543 hold: c= 0.0.0.0 (RFC 3264 §8.4 says to still understand it). */
export function isNullAddress(c: SdpConnection | undefined): boolean {
  return c?.address === '0.0.0.0' || c?.address === '::';
}

export interface DirectionFlags {
  readonly send: boolean;
  readonly recv: boolean;
}

export function flagsOf(d: Direction): DirectionFlags {
  return { send: d === 'sendrecv' || d === 'sendonly', recv: d === 'sendrecv' || d === 'recvonly' };
}

export function directionOf(f: DirectionFlags): Direction {
  return f.send ? (f.recv ? 'sendrecv' : 'sendonly') : f.recv ? 'recvonly' : 'inactive';
}

/** Does a telephone-event fmtp (e.g. "0-16", "0-15,66,70") cover the DTMF digits 0-15? */
export function coversDtmf(fmtpValue: string | undefined): boolean {
  if (fmtpValue === undefined) return true; // RFC 4733 §2.4.1: absent means 0-15
  const have = new Set<number>();
  for (const part of fmtpValue.split(',')) {
    const r = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!r) continue;
    for (let e = Number(r[1]); e <= Number(r[2] ?? r[1]) && e < 256; e++) have.add(e);
  }
  for (let e = 0; e < 16; e++) if (!have.has(e)) return false;
  return true;
}
