import { MediaErrors } from '../errors.js';

/**
 * RTP packet parse/serialize (RFC 3550 §5.1). Parsing never copies the
 * payload: `payload` is a view into the received datagram, so the bridge
 * can rewrite headers and relay without allocating.
 *
 *   0                   1                   2                   3
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   |                           timestamp                           |
 *   |           synchronization source (SSRC) identifier            |
 *   |            contributing source (CSRC) identifiers  (CC × 32)  |
 *   | [extension: profile(16) length(16) words(length × 32)]        |
 *   | payload ...                        [padding ... count(8)]     |
 */
export interface RtpHeaderExtension {
  readonly profile: number;
  readonly data: Uint8Array; // length is a multiple of 4
}

export interface RtpPacket {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly csrcs: readonly number[];
  readonly extension?: RtpHeaderExtension | undefined;
  readonly payload: Uint8Array;
  /** Number of padding bytes the sender added (RFC 3550 §5.1 P bit), 0 if none. */
  readonly padding: number;
}

export const RTP_VERSION = 2;
export const RTP_FIXED_HEADER = 12;

/** Cheap test used to demultiplex RTP from RTCP and junk (RFC 5761 §4). */
export function looksLikeRtp(buf: Uint8Array): boolean {
  if (buf.length < RTP_FIXED_HEADER || buf[0] >> 6 !== RTP_VERSION) return false;
  const pt = buf[1] & 0x7f;
  return pt < 64 || pt > 95; // 64-95 would collide with RTCP packet types 192-223
}

const NO_CSRCS: readonly number[] = Object.freeze([]);

const u16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

// Hot path (every relayed packet): plain byte reads, no DataView, no array for the usual CC = 0.
export function parseRtp(buf: Uint8Array): RtpPacket {
  if (buf.length < RTP_FIXED_HEADER) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'short' });
  const b0 = buf[0];
  if (b0 >> 6 !== RTP_VERSION) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'version' });
  const cc = b0 & 0x0f;
  let offset = RTP_FIXED_HEADER + cc * 4;
  if (offset > buf.length) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'csrc' });
  let csrcs = NO_CSRCS;
  if (cc > 0) {
    const list: number[] = [];
    for (let i = 0; i < cc; i++) list.push(u32(buf, RTP_FIXED_HEADER + i * 4));
    csrcs = list;
  }
  let extension: RtpHeaderExtension | undefined;
  if (b0 & 0x10) {
    if (offset + 4 > buf.length) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'extension' });
    const profile = u16(buf, offset);
    const end = offset + 4 + u16(buf, offset + 2) * 4;
    if (end > buf.length) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'extension' });
    extension = { profile, data: buf.subarray(offset + 4, end) };
    offset = end;
  }
  let end = buf.length;
  let padding = 0;
  if (b0 & 0x20) {
    padding = buf[buf.length - 1];
    if (padding === 0 || offset + padding > buf.length) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'padding' });
    end -= padding;
  }
  return {
    payloadType: buf[1] & 0x7f,
    marker: (buf[1] & 0x80) !== 0,
    sequence: u16(buf, 2),
    timestamp: u32(buf, 4),
    ssrc: u32(buf, 8),
    csrcs,
    extension,
    payload: buf.subarray(offset, end),
    padding,
  };
}

export interface RtpPacketInit {
  payloadType: number;
  marker?: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  csrcs?: readonly number[];
  extension?: RtpHeaderExtension;
  payload: Uint8Array;
  /** Pad the packet to a multiple of this many bytes (e.g. for SRTP block ciphers). */
  padTo?: number;
}

export function serializeRtp(p: RtpPacketInit): Buffer {
  const csrcs = p.csrcs ?? [];
  if (csrcs.length > 15) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'too many CSRCs' });
  const ext = p.extension;
  if (ext && ext.data.length % 4 !== 0) throw MediaErrors.create('RTP_BAD_PACKET', { reason: 'extension not 32-bit aligned' });
  const headerLen = RTP_FIXED_HEADER + csrcs.length * 4 + (ext ? 4 + ext.data.length : 0);
  const unpadded = headerLen + p.payload.length;
  const padTo = p.padTo ?? 0;
  const padding = padTo > 1 && unpadded % padTo !== 0 ? padTo - (unpadded % padTo) : 0;
  const buf = Buffer.alloc(unpadded + padding);
  buf[0] = (RTP_VERSION << 6) | (padding ? 0x20 : 0) | (ext ? 0x10 : 0) | csrcs.length;
  buf[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  buf.writeUInt16BE(p.sequence & 0xffff, 2);
  buf.writeUInt32BE(p.timestamp >>> 0, 4);
  buf.writeUInt32BE(p.ssrc >>> 0, 8);
  let o = RTP_FIXED_HEADER;
  for (const c of csrcs) {
    buf.writeUInt32BE(c >>> 0, o);
    o += 4;
  }
  if (ext) {
    buf.writeUInt16BE(ext.profile, o);
    buf.writeUInt16BE(ext.data.length / 4, o + 2);
    buf.set(ext.data, o + 4);
    o += 4 + ext.data.length;
  }
  buf.set(p.payload, o);
  if (padding) buf[buf.length - 1] = padding;
  return buf;
}

/** In-place header rewrite for relaying (bridge): PT, marker, seq, ts, SSRC. */
export function rewriteRtpHeader(buf: Buffer, payloadType: number, marker: boolean, sequence: number, timestamp: number, ssrc: number): void {
  buf[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
  buf.writeUInt16BE(sequence & 0xffff, 2);
  buf.writeUInt32BE(timestamp >>> 0, 4);
  buf.writeUInt32BE(ssrc >>> 0, 8);
}
