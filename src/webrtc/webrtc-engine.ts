import type { RtpEndpoint } from '../media/rtp/rtp-session.js';
import type { WebRtcRtpStats } from './webrtc-rtp-endpoint.js';

/**
 * The server side of the browser softphone: a WebRTC engine answers the
 * page's offer (ICE host candidate on the configured address, DTLS-SRTP,
 * PCMU, RFC 4733) and gives back a leg our media layer uses like a SIP leg.
 * Implementations: `DataChannelEngine` (node-datachannel, the one we use,
 * see its header for why) and `WeriftEngine` (the measured alternative).
 *
 * A `WebRtcLeg` has the shape of the bridge's `BridgeLeg` (session, codec,
 * payload types), so `new RtpBridge(sipLeg, webRtcLeg)` joins a browser to
 * a SIP call with PCMU passed through untouched.
 */
export interface WebRtcEngineOptions {
  /** Address we bind and put in our host candidate (WEBRTC_HOST; 127.0.0.1 in tests). */
  readonly host: string;
  /**
   * One UDP port for every call (ICE UDP mux) when the engine can; else the
   * first port of a range (`portMax`). 0 / absent: an ephemeral port per call.
   */
  readonly port?: number;
  readonly portMax?: number;
  /** Address written in the candidate when it differs from `host` (behind 1:1 NAT). */
  readonly announcedAddress?: string;
  /** How long answering may wait for the engine's own candidate; default 5 s. */
  readonly answerTimeoutMs?: number;
}

export interface AnswerOptions {
  /** For logs and stats: the call or agent this leg belongs to. */
  readonly label?: string;
}

export interface WebRtcEngine {
  readonly name: 'node-datachannel' | 'werift';
  /** Answers a browser's offer (candidates included, never trickled). Throws WEBRTC_BAD_OFFER / WEBRTC_NO_PCMU. */
  answer(offerSdp: string, options?: AnswerOptions): Promise<WebRtcLeg>;
  /** Legs not closed yet. */
  readonly legs: number;
  /** Closes every leg and releases the engine's port(s). */
  close(): Promise<void>;
}

/**
 *  connecting ─ICE + DTLS up─► connected ◄──consent back──┐
 *      │                        │    │ consent lost        │
 *      │                        │    ▼                     │
 *      │                        │  disconnected ───────────┘
 *      │  consent timed out     ▼    │
 *      └─────────────────────► failed ◄┘
 *  any ─close(), or the peer closed (DTLS close_notify)─► closed
 *
 * A page that hangs up closes the leg within a few hundred ms; a browser
 * that vanishes (crash, cable) fails it after the ~30 s consent timeout
 * (RFC 7675), which also lets a call ride out a short network blip.
 */
export type WebRtcLegState = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

export interface WebRtcLegStats extends WebRtcRtpStats {
  readonly state: WebRtcLegState;
  /** Milliseconds from answer() to 'connected', once connected. */
  readonly connectMs?: number | undefined;
}

export interface WebRtcLeg {
  readonly id: string;
  /** Our answer, with our host candidate and a=end-of-candidates: send it to the page as is. */
  readonly answerSdp: string;
  readonly codec: 'pcmu';
  readonly audioPayloadType: number;
  readonly telephoneEventPayloadType?: number | undefined;
  /** The leg's RTP for the bridge, prompt player, mixer and DTMF receiver. */
  readonly session: RtpEndpoint;
  readonly state: WebRtcLegState;
  /** Calls `cb` on every state change; returns the unsubscribe. Listeners are dropped after 'closed'. */
  onState(cb: (state: WebRtcLegState) => void): () => void;
  stats(): WebRtcLegStats;
  /** Ends the peer connection and releases what it holds. Idempotent. */
  close(): void;
}
