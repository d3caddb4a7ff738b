import { MediaErrors } from '../errors.js';

/**
 * Minimal RTCP (RFC 3550 §6): sender reports (SR, PT 200), receiver reports
 * (RR, PT 201), SDES with CNAME (202, required in every compound packet,
 * §6.1) and BYE (203). Other packet types are skipped when parsing.
 */
export interface ReportBlock {
  readonly ssrc: number;
  readonly fractionLost: number; // 8-bit fixed point
  readonly cumulativeLost: number;
  readonly highestSequence: number;
  readonly jitter: number;
  readonly lastSr: number; // middle 32 bits of the NTP timestamp of the last SR
  readonly delaySinceLastSr: number; // 1/65536 s
}

export interface SenderInfo {
  readonly ntpSeconds: number;
  readonly ntpFraction: number;
  readonly rtpTimestamp: number;
  readonly packetCount: number;
  readonly octetCount: number;
}

export type RtcpPacket =
  | { readonly type: 'sr'; readonly ssrc: number; readonly sender: SenderInfo; readonly reports: readonly ReportBlock[] }
  | { readonly type: 'rr'; readonly ssrc: number; readonly reports: readonly ReportBlock[] }
  | { readonly type: 'sdes'; readonly cnames: ReadonlyMap<number, string> }
  | { readonly type: 'bye'; readonly ssrcs: readonly number[] };

export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;

function readBlocks(view: DataView, offset: number, count: number): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (let i = 0; i < count; i++, offset += 24) {
    const lostWord = view.getUint32(offset + 4);
    let cumulative = lostWord & 0xffffff;
    if (cumulative & 0x800000) cumulative -= 0x1000000; // signed 24-bit
    out.push({
      ssrc: view.getUint32(offset),
      fractionLost: lostWord >>> 24,
      cumulativeLost: cumulative,
      highestSequence: view.getUint32(offset + 8),
      jitter: view.getUint32(offset + 12),
      lastSr: view.getUint32(offset + 16),
      delaySinceLastSr: view.getUint32(offset + 20),
    });
  }
  return out;
}

/** Parses a compound RTCP packet; throws RTCP_BAD_PACKET if the framing is broken. */
export function parseRtcp(buf: Uint8Array): RtcpPacket[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: RtcpPacket[] = [];
  let o = 0;
  while (o + 4 <= buf.length) {
    const b0 = buf[o];
    if (b0 >> 6 !== 2) throw MediaErrors.create('RTCP_BAD_PACKET', { reason: 'version' });
    const count = b0 & 0x1f;
    const pt = buf[o + 1];
    const len = (view.getUint16(o + 2) + 1) * 4;
    if (o + len > buf.length) throw MediaErrors.create('RTCP_BAD_PACKET', { reason: 'length' });
    const need = (base: number): void => {
      if (base + count * 24 > len) throw MediaErrors.create('RTCP_BAD_PACKET', { reason: 'report blocks' });
    };
    if (pt === RTCP_SR) {
      need(28);
      out.push({
        type: 'sr',
        ssrc: view.getUint32(o + 4),
        sender: {
          ntpSeconds: view.getUint32(o + 8), ntpFraction: view.getUint32(o + 12), rtpTimestamp: view.getUint32(o + 16),
          packetCount: view.getUint32(o + 20), octetCount: view.getUint32(o + 24),
        },
        reports: readBlocks(view, o + 28, count),
      });
    } else if (pt === RTCP_RR) {
      need(8);
      out.push({ type: 'rr', ssrc: view.getUint32(o + 4), reports: readBlocks(view, o + 8, count) });
    } else if (pt === RTCP_SDES) {
      const cnames = new Map<number, string>();
      let p = o + 4;
      for (let c = 0; c < count && p + 4 <= o + len; c++) {
        const ssrc = view.getUint32(p);
        p += 4;
        while (p < o + len && buf[p] !== 0) {
          const itemLen = buf[p + 1];
          if (buf[p] === 1) cnames.set(ssrc, Buffer.from(buf.subarray(p + 2, p + 2 + itemLen)).toString('utf8'));
          p += 2 + itemLen;
        }
        p = (p + 4) & ~3; // null terminator, then pad to 32 bits
      }
      out.push({ type: 'sdes', cnames });
    } else if (pt === RTCP_BYE) {
      const ssrcs: number[] = [];
      for (let i = 0; i < count && o + 8 + i * 4 <= o + len; i++) ssrcs.push(view.getUint32(o + 4 + i * 4));
      out.push({ type: 'bye', ssrcs });
    }
    o += len;
  }
  if (out.length === 0) throw MediaErrors.create('RTCP_BAD_PACKET', { reason: 'empty' });
  return out;
}

function header(buf: Buffer, o: number, count: number, pt: number, bytes: number): void {
  buf[o] = 0x80 | count;
  buf[o + 1] = pt;
  buf.writeUInt16BE(bytes / 4 - 1, o + 2);
}

function writeBlocks(buf: Buffer, o: number, reports: readonly ReportBlock[]): void {
  for (const r of reports) {
    buf.writeUInt32BE(r.ssrc >>> 0, o);
    buf.writeUInt32BE((((r.fractionLost & 0xff) << 24) | (Math.min(r.cumulativeLost, 0x7fffff) & 0xffffff)) >>> 0, o + 4);
    buf.writeUInt32BE(r.highestSequence >>> 0, o + 8);
    buf.writeUInt32BE(Math.round(r.jitter) >>> 0, o + 12);
    buf.writeUInt32BE(r.lastSr >>> 0, o + 16);
    buf.writeUInt32BE(r.delaySinceLastSr >>> 0, o + 20);
    o += 24;
  }
}

export interface CompoundReportInit {
  ssrc: number;
  cname: string;
  /** Present when we sent RTP since the last report: makes it an SR. */
  sender?: SenderInfo;
  reports: readonly ReportBlock[];
  bye?: boolean;
}

/** Builds SR-or-RR + SDES(CNAME) [+ BYE], the minimal compound packet of §6.1. */
export function serializeRtcpCompound(init: CompoundReportInit): Buffer {
  const reports = init.reports.slice(0, 31);
  const rLen = (init.sender ? 28 : 8) + reports.length * 24;
  const cname = Buffer.from(init.cname, 'utf8').subarray(0, 255);
  const sdesLen = (4 + 4 + 2 + cname.length + 4) & ~3;
  const byeLen = init.bye ? 8 : 0;
  const buf = Buffer.alloc(rLen + sdesLen + byeLen);
  header(buf, 0, reports.length, init.sender ? RTCP_SR : RTCP_RR, rLen);
  buf.writeUInt32BE(init.ssrc >>> 0, 4);
  if (init.sender) {
    const s = init.sender;
    buf.writeUInt32BE(s.ntpSeconds >>> 0, 8);
    buf.writeUInt32BE(s.ntpFraction >>> 0, 12);
    buf.writeUInt32BE(s.rtpTimestamp >>> 0, 16);
    buf.writeUInt32BE(s.packetCount >>> 0, 20);
    buf.writeUInt32BE(s.octetCount >>> 0, 24);
  }
  writeBlocks(buf, init.sender ? 28 : 8, reports);
  header(buf, rLen, 1, RTCP_SDES, sdesLen);
  buf.writeUInt32BE(init.ssrc >>> 0, rLen + 4);
  buf[rLen + 8] = 1; // CNAME
  buf[rLen + 9] = cname.length;
  cname.copy(buf, rLen + 10);
  if (init.bye) {
    header(buf, rLen + sdesLen, 1, RTCP_BYE, 8);
    buf.writeUInt32BE(init.ssrc >>> 0, rLen + sdesLen + 4);
  }
  return buf;
}

/** Wall-clock ms → NTP (RFC 3550 §4: seconds since 1900 + 32-bit fraction). */
export function toNtp(epochMs: number): { ntpSeconds: number; ntpFraction: number } {
  const secs = Math.floor(epochMs / 1000);
  return { ntpSeconds: (secs + 2208988800) >>> 0, ntpFraction: Math.floor(((epochMs % 1000) / 1000) * 2 ** 32) >>> 0 };
}
