import { DigitCollector } from '../calls/digit-collector.js';
import type { VoiceLeg } from '../calls/voice/leg.js';
import type { WebRtcLeg } from '../webrtc/webrtc-engine.js';

type Ended = { reason: string; byRemote: boolean; rtp: { sent: number; received: number } };

/**
 * The agent's browser softphone as a `VoiceLeg`: the voice layer bridges,
 * holds, transfers and records it exactly like a SIP phone's leg. PCMU and
 * RFC 4733 pass through untouched (the WebRTC leg's RTP endpoint is what an
 * RtpSession is to a SIP leg).
 *
 * The leg ends when the page closes its peer connection (DTLS close), when
 * we hang up, or when media consent is lost for good ('failed', ~30 s after
 * the browser vanished). A dropped desktop WebSocket ends nothing: media
 * runs on the peer connection, and a 'disconnected' leg that comes back
 * carries on.
 */
export interface BrowserLeg extends VoiceLeg {
  readonly webrtc: WebRtcLeg;
}

export function browserLeg(leg: WebRtcLeg): BrowserLeg {
  const endListeners = new Set<(e: Ended) => void>();
  const digitListeners = new Set<(d: string) => void>();
  const digits = new DigitCollector((d) => {
    for (const l of digitListeners) l(d);
  });
  let ended: Ended | undefined;
  let localReason: string | undefined;
  const media = { rtp: leg.session, law: leg.codec, payloadType: leg.audioPayloadType, telephoneEventPayloadType: leg.telephoneEventPayloadType };
  const end = (reason: string, byRemote: boolean): void => {
    if (ended !== undefined) return;
    const s = leg.stats();
    ended = { reason, byRemote, rtp: { sent: s.packetsSent, received: s.packetsReceived } };
    digits.dispose();
    for (const l of [...endListeners]) l(ended);
    endListeners.clear();
  };
  leg.onState((s) => {
    if (s === 'failed') {
      end('media lost', true);
      leg.close();
    } else if (s === 'closed') {
      end(localReason ?? 'remote hang-up', localReason === undefined);
    }
  });
  digits.tap(leg.session, leg.telephoneEventPayloadType);
  return {
    webrtc: leg,
    sipCallId: `webrtc:${leg.id}`,
    media,
    get ended() {
      return ended !== undefined;
    },
    onDigit(l) {
      digitListeners.add(l);
      return () => digitListeners.delete(l);
    },
    onEnded(l) {
      if (ended !== undefined) {
        l(ended);
        return () => undefined;
      }
      endListeners.add(l);
      return () => endListeners.delete(l);
    },
    retapDigits() {
      if (ended === undefined) digits.tap(leg.session, leg.telephoneEventPayloadType);
    },
    hangup(reason) {
      localReason ??= reason;
      leg.close();
      end(reason, false);
      return Promise.resolve();
    },
  };
}
