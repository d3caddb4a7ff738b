import type { G711Law } from '../codec/g711.js';
import { MediaErrors } from '../errors.js';
import {
  connectionOf, coversDtmf, direction, directionOf, flagsOf, fmtp, isNullAddress, ptime, rtpMaps, type RtpMap,
} from './sdp-media.js';
import type { Direction, SdpAttribute, SdpMedia, SdpOrigin, SessionDescription } from './sdp-types.js';

/**
 * RFC 3264 offer/answer for Switchboard's audio: PCMU, PCMA and
 * telephone-event (RFC 4733). One audio stream is accepted; every other
 * m= line (video, a second audio, SRTP-only, ...) is rejected with port 0
 * in the same position (§6: the answer has as many m= lines as the offer).
 */
export type AudioCodecName = 'PCMU' | 'PCMA';

export interface LocalAudio {
  /** Address and port the peer should send RTP to. */
  readonly address: string;
  readonly port: number;
  /** Codecs we accept, in our preference order (used when we offer). */
  readonly codecs?: readonly AudioCodecName[];
  readonly telephoneEvent?: boolean;
  /** Dynamic PT for telephone-event when we offer (101 by convention). */
  readonly telephoneEventPayloadType?: number;
  readonly ptime?: number;
  /** What we want: 'sendonly' puts the peer on hold (RFC 3264 §8.4), 'inactive' stops both ways. */
  readonly direction?: Direction;
}

/** The outcome of a negotiation: everything the RTP session and bridge need. */
export interface NegotiatedAudio {
  readonly mediaIndex: number;
  /** Where to send RTP (the SDP view; symmetric RTP may correct it). Port 0 when the peer holds with 0.0.0.0. */
  readonly remote: { readonly address: string; readonly port: number };
  readonly codec: G711Law;
  readonly payloadType: number;
  readonly telephoneEventPayloadType?: number | undefined;
  readonly ptime: number;
  /** Our direction after negotiation: do we send, do we receive? */
  readonly direction: Direction;
  readonly remoteDirection: Direction;
}

const LAW: Record<AudioCodecName, G711Law> = { PCMU: 'pcmu', PCMA: 'pcma' };
const STATIC_PT: Record<AudioCodecName, number> = { PCMU: 0, PCMA: 8 };

function isAudioRtp(m: SdpMedia): boolean {
  // Plain RTP/AVP and AVPF (feedback is optional to use). SAVP needs SRTP keys we do not do yet.
  return m.media === 'audio' && m.port !== 0 && (m.proto === 'RTP/AVP' || m.proto === 'RTP/AVPF');
}

function pickCodec(maps: readonly RtpMap[], accepted: readonly AudioCodecName[]): { map: RtpMap; name: AudioCodecName } | undefined {
  // RFC 3264 §6.1: the offerer lists formats in its preference order; we honour it.
  for (const map of maps) {
    const name = map.encoding as AudioCodecName;
    if (map.clockRate === 8000 && map.channels === 1 && accepted.includes(name)) return { map, name };
  }
  return undefined;
}

function pickTelephoneEvent(m: SdpMedia, maps: readonly RtpMap[]): RtpMap | undefined {
  return maps.find((r) => r.encoding === 'TELEPHONE-EVENT' && r.clockRate === 8000 && coversDtmf(fmtp(m, r.payloadType)));
}

export function audioAttributes(codec: { pt: number; name: AudioCodecName }, te: number | undefined, ptimeMs: number, dir: Direction): SdpAttribute[] {
  const a: SdpAttribute[] = [{ name: 'rtpmap', value: `${codec.pt} ${codec.name}/8000` }];
  if (te !== undefined) a.push({ name: 'rtpmap', value: `${te} telephone-event/8000` }, { name: 'fmtp', value: `${te} 0-16` });
  a.push({ name: 'ptime', value: String(ptimeMs) }, { name: dir });
  return a;
}

function rejected(m: SdpMedia): SdpMedia {
  // §6: a rejected stream keeps its media type and formats, with port 0 and nothing else.
  return { media: m.media, port: 0, proto: m.proto, formats: m.formats.length ? m.formats : ['0'], bandwidths: [], attributes: [], otherLines: [] };
}

/** Answers a remote offer. Throws SDP_NO_COMMON_CODEC (→ SIP 488) if no audio stream can be accepted. */
export function answerOffer(offer: SessionDescription, local: LocalAudio, origin: SdpOrigin): { answer: SessionDescription; audio: NegotiatedAudio } {
  const accepted = local.codecs ?? ['PCMU', 'PCMA'];
  let audio: NegotiatedAudio | undefined;
  const media = offer.media.map((m, index): SdpMedia => {
    if (audio || !isAudioRtp(m)) return rejected(m);
    const maps = rtpMaps(m);
    const codec = pickCodec(maps, accepted);
    if (!codec) return rejected(m);
    const te = local.telephoneEvent === false ? undefined : pickTelephoneEvent(m, maps);
    const conn = connectionOf(offer, m);
    const remoteDir = direction(offer, m);
    // An RFC 2543-style hold (c=0.0.0.0) means "do not send to me".
    const offered = isNullAddress(conn) ? { ...flagsOf(remoteDir), recv: false } : flagsOf(remoteDir);
    const want = flagsOf(local.direction ?? 'sendrecv');
    // §6.1: sendonly ↔ recvonly mirror; then narrow by what we want.
    const dir = directionOf({ send: offered.recv && want.send, recv: offered.send && want.recv });
    const pt = ptime(m) ?? local.ptime ?? 20;
    audio = {
      mediaIndex: index,
      remote: { address: conn?.address ?? '0.0.0.0', port: isNullAddress(conn) ? 0 : m.port },
      codec: LAW[codec.name], payloadType: codec.map.payloadType, telephoneEventPayloadType: te?.payloadType,
      ptime: pt, direction: dir, remoteDirection: isNullAddress(conn) ? directionOf(offered) : remoteDir,
    };
    return {
      media: 'audio', port: local.port, proto: m.proto,
      formats: [codec.map.payloadType, ...(te ? [te.payloadType] : [])].map(String),
      bandwidths: [], otherLines: [],
      attributes: audioAttributes({ pt: codec.map.payloadType, name: codec.name }, te?.payloadType, pt, dir),
    };
  });
  if (!audio) throw MediaErrors.create('SDP_NO_COMMON_CODEC', { offered: offer.media.map((m) => `${m.media} ${m.proto} ${m.formats.join(' ')}`) });
  const answer: SessionDescription = {
    version: 0, origin, sessionName: '-', connection: { netType: 'IN', addrType: ipType(local.address), address: local.address },
    bandwidths: [], timing: ['0 0'], attributes: [], otherLines: [], media,
  };
  return { answer, audio };
}

export function ipType(address: string): 'IP4' | 'IP6' {
  return address.includes(':') ? 'IP6' : 'IP4';
}

/** Builds our offer (new call or re-INVITE: hold = direction 'sendonly'). */
export function createOffer(local: LocalAudio, origin: SdpOrigin): SessionDescription {
  const codecs = local.codecs ?? ['PCMU', 'PCMA'];
  const te = local.telephoneEvent === false ? undefined : (local.telephoneEventPayloadType ?? 101);
  const attributes: SdpAttribute[] = codecs.map((c) => ({ name: 'rtpmap', value: `${STATIC_PT[c]} ${c}/8000` }));
  if (te !== undefined) attributes.push({ name: 'rtpmap', value: `${te} telephone-event/8000` }, { name: 'fmtp', value: `${te} 0-16` });
  attributes.push({ name: 'ptime', value: String(local.ptime ?? 20) }, { name: local.direction ?? 'sendrecv' });
  return {
    version: 0, origin, sessionName: '-', connection: { netType: 'IN', addrType: ipType(local.address), address: local.address },
    bandwidths: [], timing: ['0 0'], attributes: [], otherLines: [],
    media: [{ media: 'audio', port: local.port, proto: 'RTP/AVP', formats: [...codecs.map((c) => String(STATIC_PT[c])), ...(te !== undefined ? [String(te)] : [])], bandwidths: [], attributes, otherLines: [] }],
  };
}

/** Reads the peer's answer to our offer. Throws SDP_BAD_ANSWER if it does not fit (§6, §7). */
export function readAnswer(offer: SessionDescription, answer: SessionDescription, local: LocalAudio): NegotiatedAudio {
  if (answer.media.length !== offer.media.length) {
    throw MediaErrors.create('SDP_BAD_ANSWER', { reason: 'm= line count differs', offered: offer.media.length, answered: answer.media.length });
  }
  const accepted = local.codecs ?? ['PCMU', 'PCMA'];
  for (const [index, m] of answer.media.entries()) {
    if (!isAudioRtp(m)) continue;
    const offeredPts = new Set(offer.media[index].formats);
    const maps = rtpMaps(m).filter((r) => offeredPts.has(String(r.payloadType)) || r.encoding === 'TELEPHONE-EVENT');
    const codec = pickCodec(maps, accepted);
    if (!codec) throw MediaErrors.create('SDP_BAD_ANSWER', { reason: 'answer has no codec we offered', formats: m.formats });
    const te = local.telephoneEvent === false ? undefined : pickTelephoneEvent(m, maps);
    const conn = connectionOf(answer, m);
    const remoteDir = direction(answer, m);
    const theirs = isNullAddress(conn) ? { ...flagsOf(remoteDir), recv: false } : flagsOf(remoteDir);
    const ours = flagsOf(local.direction ?? 'sendrecv');
    return {
      mediaIndex: index,
      remote: { address: conn?.address ?? '0.0.0.0', port: isNullAddress(conn) ? 0 : m.port },
      codec: LAW[codec.name], payloadType: codec.map.payloadType, telephoneEventPayloadType: te?.payloadType,
      ptime: ptime(m) ?? local.ptime ?? 20,
      direction: directionOf({ send: ours.send && theirs.recv, recv: ours.recv && theirs.send }),
      remoteDirection: remoteDir,
    };
  }
  throw MediaErrors.create('SDP_NO_COMMON_CODEC', { reason: 'peer rejected every audio stream' });
}
