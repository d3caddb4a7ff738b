import { attributeValues, coversDtmf, direction, fmtp, rtpMaps } from '../media/sdp/sdp-media.js';
import { parseSdp } from '../media/sdp/sdp-parser.js';
import type { Direction, SdpMedia } from '../media/sdp/sdp-types.js';
import { WebRtcErrors } from './webrtc-errors.js';

/**
 * What we take from a browser's offer before handing it to an engine: one
 * audio stream over DTLS-SRTP with PCMU (the softphone forces it with
 * setCodecPreferences, so the bridge to SIP never transcodes), RFC 4733
 * telephone-event if offered, and the browser's ICE candidates.
 *
 * The page should send the offer once gathering completes (we take no
 * trickled candidates); an offer with none still connects, because the
 * browser's checks reach the candidate in our answer. Candidates are filtered before
 * the engine sees them, because a full ICE agent would act on each:
 *   - only UDP (ICE-TCP is off),
 *   - only IP literals of the family we listen on: an mDNS `.local` name or
 *     a host name would make the engine resolve it, and nothing may reach
 *     out; a browser behind such a name is still found, as a peer-reflexive
 *     candidate, when its own checks arrive (RFC 8445 §7.3.1.3).
 */
export interface BrowserOffer {
  /** The offer as the engine should apply it (filtered candidates). */
  readonly sdp: string;
  readonly mid: string;
  readonly audioPayloadType: number;
  readonly telephoneEventPayloadType?: number | undefined;
  /** The browser's direction; ours mirrors it (RFC 3264 §6.1). */
  readonly direction: Direction;
  readonly candidates: number;
}

const SRTP_PROTOS = new Set(['UDP/TLS/RTP/SAVPF', 'UDP/TLS/RTP/SAVP']);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function bad(field: string, reason: string): Error {
  return WebRtcErrors.create('WEBRTC_BAD_OFFER', { field, reason }, `WebRTC offer: ${field}: ${reason}`);
}

/** RFC 8839 §5.1: foundation component transport priority address port typ type ... */
function keepCandidate(value: string, family: 4 | 6): boolean {
  const f = value.split(/\s+/);
  if (f.length < 8 || f[2].toLowerCase() !== 'udp') return false;
  const address = f[4];
  return family === 4 ? IPV4.test(address) : address.includes(':');
}

function filterCandidates(sdp: string, family: 4 | 6): { sdp: string; kept: number } {
  let kept = 0;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/).filter((line) => {
    if (!line.startsWith('a=candidate:')) return true;
    const keep = keepCandidate(line.slice('a=candidate:'.length), family);
    if (keep) kept++;
    return keep;
  });
  return { sdp: lines.join(eol), kept };
}

function sessionOrMedia(sdp: ReturnType<typeof parseSdp>, m: SdpMedia, name: string): string | undefined {
  return attributeValues(m, name)[0] ?? sdp.attributes.find((a) => a.name.toLowerCase() === name)?.value;
}

/** Checks a browser's offer; throws WEBRTC_BAD_OFFER / WEBRTC_NO_PCMU naming what is wrong. */
export function readBrowserOffer(offerSdp: string, family: 4 | 6 = 4): BrowserOffer {
  if (typeof offerSdp !== 'string' || offerSdp.trim() === '') throw bad('sdp', 'empty');
  let parsed: ReturnType<typeof parseSdp>;
  try {
    parsed = parseSdp(offerSdp);
  } catch (err) {
    throw bad('sdp', err instanceof Error ? err.message : 'unparseable');
  }
  const audio = parsed.media.filter((m) => m.media === 'audio' && m.port !== 0);
  if (audio.length !== 1 || parsed.media.length !== 1) throw bad('sdp.media', `expected exactly one audio m= line, got ${parsed.media.map((m) => m.media).join(', ') || 'none'}`);
  const m = audio[0];
  if (!SRTP_PROTOS.has(m.proto)) throw bad('sdp.media.proto', `${m.proto} is not DTLS-SRTP (UDP/TLS/RTP/SAVPF)`);
  const mid = attributeValues(m, 'mid')[0];
  if (mid === undefined || mid === '') throw bad('sdp.media.mid', 'missing a=mid');
  if (!sessionOrMedia(parsed, m, 'fingerprint')) throw bad('sdp.fingerprint', 'missing a=fingerprint (DTLS)');
  if (!sessionOrMedia(parsed, m, 'ice-ufrag') || !sessionOrMedia(parsed, m, 'ice-pwd')) throw bad('sdp.ice', 'missing a=ice-ufrag / a=ice-pwd');
  const maps = rtpMaps(m);
  const pcmu = maps.find((r) => r.encoding === 'PCMU' && r.clockRate === 8000 && r.channels === 1);
  if (!pcmu) {
    throw WebRtcErrors.create('WEBRTC_NO_PCMU', { field: 'sdp.media.formats', offered: maps.map((r) => `${r.encoding}/${r.clockRate}`) },
      'WebRTC offer: sdp.media.formats: no PCMU/8000 (force it with setCodecPreferences)');
  }
  const te = maps.find((r) => r.encoding === 'TELEPHONE-EVENT' && r.clockRate === 8000 && coversDtmf(fmtp(m, r.payloadType)));
  // No usable candidate is not an error: the browser's checks reach our candidate (it is in the answer).
  const filtered = filterCandidates(offerSdp, family);
  return {
    sdp: filtered.sdp,
    mid,
    audioPayloadType: pcmu.payloadType,
    telephoneEventPayloadType: te?.payloadType,
    direction: direction(parsed, m),
    candidates: filtered.kept,
  };
}
