import { RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import { hostFamily, mirror, ownCandidatesOnly } from './answer-sdp.js';
import { readBrowserOffer, type BrowserOffer } from './browser-offer.js';
import type { AnswerOptions, WebRtcEngine, WebRtcEngineOptions, WebRtcLeg, WebRtcLegState } from './webrtc-engine.js';
import { WebRtcErrors } from './webrtc-errors.js';
import { EngineLeg } from './webrtc-leg.js';

/**
 * The measured alternative: werift, WebRTC in pure TypeScript. Not the
 * server's engine (see `DataChannelEngine` for the figures and why); kept
 * behind the same interface for bench/webrtc.ts and as the fallback where
 * node-datachannel has no prebuilt binary.
 *
 * Pitfalls handled here: `iceLite: true` (otherwise werift asks a public
 * STUN server for a reflexive address and stalls without internet);
 * loopback is not gathered unless added (`iceAdditionalHostAddresses`),
 * and other interfaces are gathered anyway, so the answer keeps only the
 * candidate on `host`. werift needs one UDP port per call.
 *
 * Known limit: werift's sender rewrites every packet's payload type to the
 * audio codec's, so RFC 4733 events towards the browser would arrive as
 * PCMU; events from the browser arrive correctly.
 */
const WERIFT_STATE: Readonly<Record<string, WebRtcLegState | undefined>> = {
  connected: 'connected', disconnected: 'disconnected', failed: 'failed', closed: 'closed',
};

class WeriftLeg extends EngineLeg {
  answerSdp = '';
  readonly #pc: RTCPeerConnection;
  #transceiver: RTCRtpTransceiver | undefined;
  #mediaOpen = false;

  constructor(readonly offer: BrowserOffer, options: WebRtcEngineOptions, family: 4 | 6) {
    super(offer);
    const codecs = [new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: offer.audioPayloadType })];
    if (offer.telephoneEventPayloadType !== undefined) {
      codecs.push(new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: offer.telephoneEventPayloadType }));
    }
    const port = options.port ?? 0;
    this.#pc = new RTCPeerConnection({
      iceLite: true,
      iceServers: [],
      iceUseIpv4: family === 4,
      iceUseIpv6: family === 6,
      iceInterfaceAddresses: family === 4 ? { udp4: options.host } : { udp6: options.host },
      iceAdditionalHostAddresses: [options.host],
      // werift refuses a range of one port: it cannot share a port between calls.
      ...(port > 0 ? { icePortRange: [port, Math.max(options.portMax ?? port + 1, port + 1)] as [number, number] } : {}),
      codecs: { audio: codecs },
      headerExtensions: { audio: [] },
    });
    // Subscribed before the offer is applied: werift announces the remote track while applying it.
    this.#pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.session.receive(rtp.serialize()));
    });
    this.#pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') this.#mediaOpen = true;
      const to = WERIFT_STATE[s];
      if (to) this.engineState(to);
    });
  }

  async negotiate(host: string, announced: string | undefined): Promise<void> {
    try {
      await this.#pc.setRemoteDescription({ type: 'offer', sdp: this.offer.sdp });
    } catch (err) {
      throw WebRtcErrors.create('WEBRTC_BAD_OFFER', { field: 'sdp', reason: String(err) }, `WebRTC offer: sdp: ${String(err)}`);
    }
    const transceiver = this.#pc.getTransceivers()[0];
    if (!transceiver) throw WebRtcErrors.create('WEBRTC_ENGINE_FAILED', { reason: 'no transceiver for the offered audio' });
    this.#transceiver = transceiver;
    transceiver.setDirection(mirror(this.offer.direction));
    await this.#pc.setLocalDescription(await this.#pc.createAnswer());
    const local = this.#pc.localDescription;
    if (!local) throw WebRtcErrors.create('WEBRTC_ENGINE_FAILED', { reason: 'no local description' });
    this.answerSdp = ownCandidatesOnly(local.sdp, host, announced);
  }

  protected sendPacket(packet: Buffer): boolean {
    const sender = this.#transceiver?.sender;
    if (!this.#mediaOpen || !sender) return false;
    sender.sendRtp(packet).catch(() => {});
    return true;
  }

  protected release(): void {
    this.#mediaOpen = false;
    this.#pc.close().catch(() => {});
  }
}

export class WeriftEngine implements WebRtcEngine {
  readonly name = 'werift' as const;
  readonly #legs = new Set<WebRtcLeg>();
  readonly #family: 4 | 6;
  #closed = false;

  constructor(private readonly options: WebRtcEngineOptions) {
    this.#family = hostFamily(options.host);
  }

  get legs(): number {
    return this.#legs.size;
  }

  async answer(offerSdp: string, _options: AnswerOptions = {}): Promise<WebRtcLeg> {
    if (this.#closed) throw WebRtcErrors.create('WEBRTC_ENGINE_CLOSED');
    const offer = readBrowserOffer(offerSdp, this.#family);
    const leg = new WeriftLeg(offer, this.options, this.#family);
    this.#legs.add(leg);
    leg.onState((s) => {
      if (s === 'closed') this.#legs.delete(leg);
    });
    const timeoutMs = this.options.answerTimeoutMs ?? 5000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        leg.negotiate(this.options.host, this.options.announcedAddress),
        new Promise((_, reject) => (timer = setTimeout(() => reject(WebRtcErrors.create('WEBRTC_ANSWER_TIMEOUT', { timeoutMs })), timeoutMs))),
      ]);
    } catch (err) {
      leg.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return leg;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const leg of [...this.#legs]) leg.close();
    await Promise.resolve();
  }
}
