import type { G711Law } from '../../media/codec/g711.js';
import type { RtpEndpoint } from '../../media/rtp/rtp-session.js';
import type { CallSession } from '../call-session.js';
import type { OutboundLeg } from '../outbound-leg.js';

/**
 * One party's call leg as the voice layer sees it, whichever way it was
 * set up: a caller's inbound call (CallSession) or a call we placed
 * (OutboundLeg: an agent's phone, a customer through a trunk), or the
 * agent desktop's browser softphone (src/desktop/browser-leg.ts).
 */
export interface VoiceLeg {
  readonly sipCallId: string;
  /** Negotiated media (an inbound leg only once answered). */
  readonly media: LegMedia;
  readonly ended: boolean;
  onDigit(listener: (digit: string) => void): () => void;
  /** Hears the end once; `byRemote` when the far end hung up. */
  onEnded(listener: (e: { reason: string; byRemote: boolean; rtp: { sent: number; received: number } }) => void): () => void;
  /** Puts DTMF detection back after a bridge released the RTP handler. */
  retapDigits(): void;
  hangup(reason: string): Promise<void>;
}

/** What the voice layer uses of a leg's media: a SIP leg's CallMedia or a WebRTC leg's endpoint. */
export interface LegMedia {
  readonly rtp: RtpEndpoint;
  readonly law: G711Law;
  readonly payloadType: number;
  readonly telephoneEventPayloadType: number | undefined;
}

export function inboundLeg(call: CallSession): VoiceLeg {
  return {
    sipCallId: call.id,
    get media() {
      const m = call.media;
      if (m === undefined) throw new Error('inbound leg has no media yet');
      return m;
    },
    get ended() {
      return call.ended;
    },
    onDigit: (l) => call.onDigit(l),
    onEnded: (l) => call.onEnded((s) => l({ reason: s.reason, byRemote: s.reason.startsWith('remote'), rtp: s.rtp })),
    retapDigits: () => call.retapDigits(),
    hangup: (reason) => call.hangup(reason),
  };
}

export function outboundLeg(leg: OutboundLeg): VoiceLeg {
  return {
    sipCallId: leg.sipCallId,
    media: leg.media,
    get ended() {
      return leg.ended;
    },
    onDigit: (l) => leg.onDigit(l),
    onEnded: (l) => leg.onEnded((reason) => l({ reason, byRemote: reason === 'remote hang-up', rtp: leg.rtpTotals })),
    retapDigits: () => leg.retapDigits(),
    hangup: (reason) => leg.hangup(reason),
  };
}

/** The From header of a call we place on a customer's behalf: their number shown to the phone we ring. */
export function fromHeader(number: string, host: string): string {
  return `"${number.replace(/["\\]/g, '')}" <sip:${number.replace(/[^+0-9A-Za-z*#]/g, '') || 'anonymous'}@${host}>`;
}

/** A loose route to where a phone's REGISTER came from (it may sit behind NAT and register a contact it cannot be reached at). */
export function routeTo(src: { address: string; port: number; protocol: string }): string {
  return `sip:${src.address.includes(':') ? `[${src.address}]` : src.address}:${src.port};lr${src.protocol.toUpperCase() === 'TCP' ? ';transport=tcp' : ''}`;
}
