import { Audio, cleanup, PeerConnection, type Direction as NdcDirection, type RtcConfig, type Track } from 'node-datachannel';
import type { Direction } from '../media/sdp/sdp-types.js';
import { hostFamily, mirror, ownCandidatesOnly } from './answer-sdp.js';
import { readBrowserOffer, type BrowserOffer } from './browser-offer.js';
import type { AnswerOptions, WebRtcEngine, WebRtcEngineOptions, WebRtcLeg, WebRtcLegState } from './webrtc-engine.js';
import { WebRtcErrors } from './webrtc-errors.js';
import { EngineLeg } from './webrtc-leg.js';

/**
 * The WebRTC engine Switchboard uses: node-datachannel (libdatachannel +
 * libjuice, a prebuilt binary shipped in the npm package).
 *
 * Why this one. bench/webrtc.ts, both engines in the same run, on this
 * machine (2-core AMD EPYC VM, Node 20.20, Chromium 156 as the peer, N calls
 * opened at once, PCMU at 50 packets/s each way, CPU over a steady 20 s
 * window, idle engine subtracted; each call also runs our prompt player):
 *
 *   calls  engine            connect p50/p95 ms  answer p50 ms  CPU % of a core per call  UDP ports
 *       1  node-datachannel        27 /  27            5              1.34 (total 2.0)          1
 *       1  werift                 201 / 201           43              3.62 (total 3.9)          1
 *      20  node-datachannel        45 /  56            6              0.40 (total 8.0)          1
 *      20  werift                 355 / 361           51              0.90 (total 18.3)        20
 *      50  node-datachannel       127 / 150           10              0.26 (total 13.4)         1
 *      50  werift                 460 / 567           36              0.78 (total 39.4)        50
 *
 * (connect = offer received → first RTP received; at 1 call the per-call
 * figure is mostly the event loop waking 100 times a second at all. An
 * earlier run gave the same order: 0.44 vs 1.04 % at 50 calls, 177 vs 780 ms.)
 *
 * It connects faster, costs less CPU per call (SRTP and DTLS run in C++ on
 * libdatachannel's own threads, outside our event loop) and serves every
 * call on ONE UDP port (libjuice's ICE UDP mux: the ICE username routes
 * each datagram), which keeps firewall rules to one port. werift (pure
 * TypeScript) needs a port per call and does its crypto on the main thread;
 * it stays behind the same interface (`WeriftEngine`) as the fallback for
 * a platform without a prebuilt binary.
 *
 * ICE: no STUN or TURN server is configured, so nothing reaches out; the
 * only candidate is the host candidate on `host`, sent in the answer with
 * a=end-of-candidates (never trickled). libjuice is a full ICE agent in the
 * controlled role rather than ICE-lite (RFC 8445 §2.5): with a host-only
 * candidate the difference is that it also checks the browser's
 * candidates, which `readBrowserOffer` has narrowed to UDP IP literals.
 * Consent freshness (RFC 7675) is libjuice's: a killed browser took the
 * leg to 'failed' ~27 s later (measured); a page that hangs up closes it
 * within ~150 ms (DTLS close_notify). The single port is libjuice's mux
 * (`enableIceUdpMux` with a one-port range); `IceUdpMuxListener` is only
 * for creating connections from unknown ICE usernames, which we never do.
 *
 * The leg passes SRTP-decrypted RTP to `WebRtcRtpEndpoint` and hands it
 * packets to encrypt: no media handler chain, so headers built by our
 * bridge and player go out as they are. The answer declares our stream's
 * SSRC and no RTP header extensions, so the browser sends plain RTP that
 * relays to a SIP phone unchanged.
 */
const NDC_DIRECTION: Readonly<Record<Direction, NdcDirection>> = {
  sendrecv: 'SendRecv', sendonly: 'SendOnly', recvonly: 'RecvOnly', inactive: 'Inactive',
};

const NDC_STATE: Readonly<Record<string, WebRtcLegState | undefined>> = {
  connected: 'connected', disconnected: 'disconnected', failed: 'failed', closed: 'closed',
};

// libdatachannel is process-global: its threads keep Node alive until
// cleanup(), which also closes every peer connection in the process. So it
// runs when the last engine closes, not per engine.
let openEngines = 0;

class DataChannelLeg extends EngineLeg {
  answerSdp = '';
  readonly #pc: PeerConnection;
  readonly #track: Track;
  #mediaOpen = false;

  constructor(offer: BrowserOffer, config: RtcConfig, label: string) {
    super(offer);
    this.#pc = new PeerConnection(label, config);
    try {
      this.#pc.onStateChange((s) => {
        const to = NDC_STATE[s];
        if (to) this.engineState(to);
      });
      try {
        this.#pc.setRemoteDescription(offer.sdp, 'offer');
      } catch (err) {
        throw WebRtcErrors.create('WEBRTC_BAD_OFFER', { field: 'sdp', reason: String(err) }, `WebRTC offer: sdp: ${String(err)}`);
      }
      // Our own description of the audio (same mid) replaces the one
      // libdatachannel would mirror from the offer: PCMU and telephone-event
      // only, our SSRC, no header extensions.
      const audio = new Audio(offer.mid, NDC_DIRECTION[mirror(offer.direction)]);
      audio.addAudioCodec(offer.audioPayloadType, 'PCMU/8000');
      if (offer.telephoneEventPayloadType !== undefined) audio.addAudioCodec(offer.telephoneEventPayloadType, 'telephone-event/8000', '0-16');
      audio.addSSRC(this.session.stream.ssrc, 'switchboard', `switchboard-${this.id}`, `audio-${this.id}`);
      this.#track = this.#pc.addTrack(audio);
      this.#track.onOpen(() => (this.#mediaOpen = true));
      this.#track.onClosed(() => (this.#mediaOpen = false));
      this.#track.onMessage((msg) => this.session.receive(msg));
    } catch (err) {
      this.#pc.close();
      throw err;
    }
  }

  /** Sets our answer and waits for the host candidate (gathered locally: a few ms). */
  async gather(timeoutMs: number, host: string, announced: string | undefined): Promise<void> {
    const pc = this.#pc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(WebRtcErrors.create('WEBRTC_ANSWER_TIMEOUT', { timeoutMs })), timeoutMs);
      pc.onGatheringStateChange((g) => {
        if (g !== 'complete') return;
        clearTimeout(timer);
        resolve();
      });
      try {
        pc.setLocalDescription('answer');
      } catch (err) {
        clearTimeout(timer);
        reject(WebRtcErrors.create('WEBRTC_ENGINE_FAILED', { reason: String(err) }));
      }
      if (pc.gatheringState() === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
    const local = pc.localDescription();
    if (!local) throw WebRtcErrors.create('WEBRTC_ENGINE_FAILED', { reason: 'no local description' });
    this.answerSdp = ownCandidatesOnly(local.sdp, host, announced);
  }

  protected sendPacket(packet: Buffer): boolean {
    return this.#mediaOpen && this.#track.sendMessageBinary(packet);
  }

  protected release(): void {
    this.#mediaOpen = false;
    try {
      this.#track.close();
    } catch {
      // already closed with the peer connection
    }
    this.#pc.close();
  }
}

export class DataChannelEngine implements WebRtcEngine {
  readonly name = 'node-datachannel' as const;
  readonly #legs = new Set<WebRtcLeg>();
  readonly #config: RtcConfig;
  readonly #family: 4 | 6;
  #closed = false;

  constructor(private readonly options: WebRtcEngineOptions) {
    this.#family = hostFamily(options.host);
    const port = options.port ?? 0;
    const portMax = options.portMax ?? port;
    this.#config = {
      iceServers: [],
      bindAddress: options.host,
      enableIceTcp: false,
      disableAutoNegotiation: true,
      ...(port > 0 ? { portRangeBegin: port, portRangeEnd: portMax } : {}),
      // One port for all calls: libjuice routes datagrams by ICE username.
      ...(port > 0 && portMax === port ? { enableIceUdpMux: true } : {}),
    };
    openEngines++;
  }

  get legs(): number {
    return this.#legs.size;
  }

  async answer(offerSdp: string, options: AnswerOptions = {}): Promise<WebRtcLeg> {
    if (this.#closed) throw WebRtcErrors.create('WEBRTC_ENGINE_CLOSED');
    const offer = readBrowserOffer(offerSdp, this.#family);
    const leg = new DataChannelLeg(offer, this.#config, options.label ?? 'switchboard');
    this.#legs.add(leg);
    leg.onState((s) => {
      if (s === 'closed') this.#legs.delete(leg);
    });
    try {
      await leg.gather(this.options.answerTimeoutMs ?? 5000, this.options.host, this.options.announcedAddress);
    } catch (err) {
      leg.close();
      throw err;
    }
    return leg;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const leg of [...this.#legs]) leg.close();
    if (--openEngines === 0) {
      // Let libdatachannel deliver the close callbacks before it stops.
      await new Promise((r) => setTimeout(r, 20));
      if (openEngines === 0) cleanup();
    }
  }
}
