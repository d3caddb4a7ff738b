import { DigitCollector } from '../calls/digit-collector.js';
import type { LegMedia, VoiceLeg } from '../calls/voice/leg.js';
import type { WebRtcLeg } from '../webrtc/webrtc-engine.js';

type Ended = { reason: string; byRemote: boolean; rtp: { sent: number; received: number } };

/**
 * The agent's browser softphone as a `VoiceLeg`: the voice layer bridges,
 * holds, transfers and records it exactly like a SIP phone's leg. PCMU and
 * RFC 4733 pass through untouched (the WebRTC leg's RTP endpoint is what an
 * RtpSession is to a SIP leg).
 *
 * A dropped desktop WebSocket ends nothing: media runs on the peer
 * connection, and a 'disconnected' leg that comes back carries on. A page
 * that is reloaded mid-call closes its peer connection: the leg then goes
 * `detached` for `graceMs` (the customer is put on hold by the desktop) and
 * the reloaded page's new peer connection is `reattach`ed to it; the
 * conversation keeps this same VoiceLeg and only re-bridges its media. The
 * leg ends when we hang up, when the grace runs out, or when media consent
 * is lost for good ('failed', ~30 s after the browser vanished).
 */
export interface BrowserLeg extends VoiceLeg {
  /** The peer connection carrying the call now. */
  readonly webrtc: WebRtcLeg;
  readonly detached: boolean;
  /** The page's peer connection closed without a hang-up (a reload): `true`; back again: `false`. */
  onMedia(listener: (lost: boolean) => void): () => void;
  /** The reloaded page's peer connection takes over (the previous one, if still open, is closed). */
  reattach(leg: WebRtcLeg): void;
}

export function browserLeg(first: WebRtcLeg, o: { graceMs?: number } = {}): BrowserLeg {
  const graceMs = o.graceMs ?? 0;
  const endListeners = new Set<(e: Ended) => void>();
  const digitListeners = new Set<(d: string) => void>();
  const mediaListeners = new Set<(lost: boolean) => void>();
  const digits = new DigitCollector((d) => {
    for (const l of digitListeners) l(d);
  });
  let current = first;
  let ended: Ended | undefined;
  let localReason: string | undefined;
  let detachTimer: NodeJS.Timeout | undefined;
  const totals = { sent: 0, received: 0 };
  const mediaOf = (l: WebRtcLeg): LegMedia => ({ rtp: l.session, law: l.codec, payloadType: l.audioPayloadType, telephoneEventPayloadType: l.telephoneEventPayloadType });
  let media = mediaOf(first);
  const count = (l: WebRtcLeg): void => {
    const s = l.stats();
    totals.sent += s.packetsSent;
    totals.received += s.packetsReceived;
  };
  const end = (reason: string, byRemote: boolean): void => {
    if (ended !== undefined) return;
    clearTimeout(detachTimer);
    count(current);
    ended = { reason, byRemote, rtp: { ...totals } };
    digits.dispose();
    for (const l of [...endListeners]) l(ended);
    endListeners.clear();
  };
  const detach = (): void => {
    if (detachTimer !== undefined || ended !== undefined) return;
    for (const l of mediaListeners) l(true);
    detachTimer = setTimeout(() => end('agent page gone', true), graceMs);
    detachTimer.unref();
  };
  const watch = (leg: WebRtcLeg): void => {
    leg.onState((s) => {
      if (leg !== current || ended !== undefined) return;
      if (s === 'failed') {
        end('media lost', true);
        leg.close();
      } else if (s === 'closed') {
        if (localReason === undefined && graceMs > 0) detach();
        else end(localReason ?? 'remote hang-up', localReason === undefined);
      }
    });
  };
  watch(first);
  digits.tap(first.session, first.telephoneEventPayloadType);
  return {
    get webrtc() {
      return current;
    },
    get sipCallId() {
      return `webrtc:${first.id}`;
    },
    get media() {
      return media;
    },
    get ended() {
      return ended !== undefined;
    },
    get detached() {
      return detachTimer !== undefined;
    },
    onMedia(l) {
      mediaListeners.add(l);
      return () => mediaListeners.delete(l);
    },
    reattach(leg) {
      if (ended !== undefined) {
        leg.close();
        return;
      }
      const old = current;
      count(old);
      current = leg;
      media = mediaOf(leg);
      old.close();
      watch(leg);
      digits.tap(leg.session, leg.telephoneEventPayloadType);
      const wasDetached = detachTimer !== undefined;
      clearTimeout(detachTimer);
      detachTimer = undefined;
      if (wasDetached || old !== leg) for (const l of mediaListeners) l(false);
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
      if (ended === undefined) digits.tap(current.session, current.telephoneEventPayloadType);
    },
    hangup(reason) {
      localReason ??= reason;
      current.close();
      end(reason, false);
      return Promise.resolve();
    },
  };
}
