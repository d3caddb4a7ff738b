import type { RemoteInfo } from 'node:dgram';
import { hostname } from 'node:os';
import { MediaErrors } from '../errors.js';
import { systemMediaTimer, type MediaTimer, type TimerHandle } from '../media-timer.js';
import { PortAllocator, type SocketPair } from './port-allocator.js';
import { looksLikeRtp, parseRtp, serializeRtp, type RtpPacket } from './rtp-packet.js';
import { parseRtcp, serializeRtcpCompound, toNtp, type ReportBlock, type RtcpPacket } from './rtcp-packet.js';
import { RtpOutboundStream } from './rtp-stream.js';
import { InboundStats, type InboundStatsSnapshot } from './sequence-tracker.js';

/**
 * One RTP session (RFC 3550): a socket pair from the port allocator, one
 * outbound stream, inbound statistics and minimal RTCP.
 *
 * Symmetric RTP (RFC 4961 practice): we send to where the peer really sends
 * from. The first valid RTP packet (version 2, a negotiated payload type)
 * from the expected peer latches the send address; after that, packets from
 * any other source are dropped, so a stranger cannot inject audio or steal
 * the stream ("RTP bleed"). `latch`:
 *   - 'sdp-address': the expected peer is the IP from SDP c= (port may differ, NAT);
 *   - 'first-packet': any source (endpoints behind NAT whose SDP shows a private IP);
 *   - 'off': never latch, always send to the SDP address.
 *
 * The session reports upward only through its delegate (STYLE §1).
 *
 *   listening ─first valid packet─► latched
 *       ▲                              │ setRemote (re-INVITE)
 *       └──────────────────────────────┘
 *   listening / latched ─dispose─► disposed
 */
export type RtpSessionState = 'listening' | 'latched' | 'disposed';

const TRANSITIONS: Readonly<Record<RtpSessionState, readonly RtpSessionState[]>> = {
  listening: ['latched', 'disposed'],
  latched: ['listening', 'disposed'],
  disposed: [],
};

/** Remote sources whose statistics are kept at once; a call rarely has more than two. */
const MAX_SOURCES = 8;

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type LatchMode = 'sdp-address' | 'first-packet' | 'off';

export interface RtpSessionDelegate {
  onRtp?(packet: RtpPacket, raw: Buffer, arrivalMs: number): void;
  onRtcp?(packets: RtcpPacket[]): void;
  onLatched?(endpoint: Endpoint): void;
}

/**
 * What media code (bridge, prompt player, mixer) needs from a leg's RTP:
 * received packets through the delegate, one outbound stream, and sends.
 * `RtpSession` (plain RTP over UDP) provides it, and so does a WebRTC leg
 * (SRTP inside ICE/DTLS, src/webrtc/), so either plugs in unchanged.
 */
export interface RtpEndpoint {
  delegate: RtpSessionDelegate;
  readonly stream: RtpOutboundStream;
  readonly disposed: boolean;
  sendFrame(payloadType: number, payload: Uint8Array, samples?: number, resync?: boolean): void;
  sendRaw(buf: Buffer): void;
}

export interface RtpSessionOptions {
  /** Where SDP says the peer receives (c= address, m= port); may be set later. */
  readonly remote?: Endpoint;
  readonly latch?: LatchMode;
  /** Payload types negotiated in SDP; other PTs are dropped and never latch. */
  readonly payloadTypes?: readonly number[];
  readonly clockRate?: number;
  /** RTCP report interval (RFC 3550 §6.2: 5 s minimum); 0 disables RTCP sending. */
  readonly rtcpIntervalMs?: number;
  readonly cname?: string;
  readonly timer?: MediaTimer;
}

export interface RtpSessionStats {
  /** Sequence, loss and jitter of the current remote source (RFC 3550 A.1/A.8 are per SSRC). */
  readonly inbound: InboundStatsSnapshot;
  /**
   * Every RTP packet accepted and passed up in this session, and its payload
   * octets, whichever SSRC sent it: a new source (a DTMF generator, a
   * re-INVITE, a restarted phone) does not reset these.
   */
  readonly packetsReceived: number;
  readonly octetsReceived: number;
  /** Remote SSRCs heard so far (one forgotten after MAX_SOURCES others and heard again counts again). */
  readonly remoteSources: number;
  readonly packetsSent: number;
  readonly octetsSent: number;
  /** Packets dropped: wrong source after latching, unknown PT, malformed. */
  readonly dropped: number;
  readonly sendErrors: number;
  readonly remoteReports: readonly ReportBlock[];
}

export class RtpSession implements RtpEndpoint {
  delegate: RtpSessionDelegate = {};
  readonly stream: RtpOutboundStream;
  readonly #pair: SocketPair;
  readonly #allocator: PortAllocator;
  readonly #timer: MediaTimer;
  readonly #latch: LatchMode;
  readonly #cname: string;
  readonly #rtcpIntervalMs: number;
  #payloadTypes: Set<number> | undefined;
  #sdpRemote: Endpoint | undefined;
  #target: Endpoint | undefined;
  #rtcpTarget: Endpoint | undefined;
  #state: RtpSessionState = 'listening';
  // After latching, the RTP socket is connect()ed to the peer: the kernel then
  // drops strangers for us and send() skips per-packet address handling.
  #connected = false;
  #connecting = false;
  #pendingSends: Buffer[] = [];
  #remoteSsrc: number | undefined;
  /** Statistics of the current source; `#sources` keeps each source's own (RFC 3550 §6.4 reports per SSRC). */
  #stats: InboundStats;
  readonly #sources = new Map<number, InboundStats>();
  #sourcesSeen = 0;
  #packetsReceived = 0;
  #octetsReceived = 0;
  #dropped = 0;
  #sendErrors = 0;
  #remoteReports: ReportBlock[] = [];
  #lastSr: { middle: number; atMs: number } | undefined;
  #rtcpTimer: TimerHandle | undefined;
  #sentSinceReport = false;

  /** Binds a socket pair from `allocator` and starts listening. */
  static async open(allocator: PortAllocator, options: RtpSessionOptions = {}): Promise<RtpSession> {
    return new RtpSession(await allocator.allocate(), allocator, options);
  }

  private constructor(pair: SocketPair, allocator: PortAllocator, o: RtpSessionOptions) {
    this.#pair = pair;
    this.#allocator = allocator;
    this.#timer = o.timer ?? systemMediaTimer;
    this.#latch = o.latch ?? 'sdp-address';
    this.#cname = o.cname ?? `switchboard@${hostname()}`;
    this.#rtcpIntervalMs = o.rtcpIntervalMs ?? 5000;
    this.#payloadTypes = o.payloadTypes ? new Set(o.payloadTypes) : undefined;
    const clockRate = o.clockRate ?? 8000;
    this.stream = new RtpOutboundStream(clockRate);
    this.#stats = new InboundStats(clockRate);
    if (o.remote) this.setRemote(o.remote);
    pair.rtp.on('message', (msg, rinfo) => this.#onRtp(msg, rinfo));
    pair.rtcp.on('message', (msg, rinfo) => this.#onRtcp(msg, rinfo));
    // A send to an unreachable port surfaces as an 'error' event: count it, never crash.
    pair.rtp.on('error', () => {
      this.#sendErrors++;
      if (this.#connecting && !this.#connected) this.#flushPending(); // connect failed: fall back to addressed sends
    });
    pair.rtcp.on('error', () => this.#sendErrors++);
    this.#scheduleRtcp();
  }

  get localPort(): number {
    return this.#pair.port;
  }
  get state(): RtpSessionState {
    return this.#state;
  }
  get disposed(): boolean {
    return this.#state === 'disposed';
  }

  #transition(to: RtpSessionState): void {
    if (!TRANSITIONS[this.#state].includes(to)) throw MediaErrors.create('RTP_ILLEGAL_TRANSITION', { from: this.#state, to });
    this.#state = to;
  }
  /** Where RTP is currently sent (latched source, else the SDP address). */
  get remote(): Endpoint | undefined {
    return this.#target;
  }
  get latched(): boolean {
    return this.#state === 'latched';
  }

  #connect(to: Endpoint): void {
    const sock = this.#pair.rtp;
    this.#connecting = true;
    // libuv refuses an addressed send on a connected socket (EISCONN), so
    // packets sent while connect() is in flight wait here (a few µs).
    sock.connect(to.port, to.address, () => {
      if (this.disposed || this.#target !== to) return; // the latch moved on (setRemote)
      this.#connected = true;
      this.#flushPending();
    });
  }

  #flushPending(): void {
    this.#connecting = false;
    const pending = this.#pendingSends;
    this.#pendingSends = [];
    for (const b of pending) this.sendRaw(b);
  }

  #disconnect(): void {
    if (!this.#connected && !this.#connecting) return;
    this.#connected = false;
    this.#connecting = false;
    try {
      this.#pair.rtp.disconnect();
    } catch {
      // not connected after all
    }
  }

  /** Sets the SDP-signalled peer (initial answer or a re-INVITE); clears the latch. */
  setRemote(remote: Endpoint, payloadTypes?: readonly number[]): void {
    this.#disconnect();
    this.#sdpRemote = remote;
    this.#target = remote;
    this.#rtcpTarget = { address: remote.address, port: remote.port + 1 };
    if (this.#state === 'latched') this.#transition('listening');
    if (payloadTypes) this.#payloadTypes = new Set(payloadTypes);
  }

  #accepts(rinfo: RemoteInfo): boolean {
    const t = this.#target;
    if (this.#state === 'latched') return t !== undefined && rinfo.address === t.address && rinfo.port === t.port;
    if (this.#latch === 'off' || this.#latch === 'first-packet') return true;
    return this.#sdpRemote === undefined || rinfo.address === this.#sdpRemote.address;
  }

  #onRtp(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.disposed || !looksLikeRtp(msg) || !this.#accepts(rinfo)) {
      this.#dropped++;
      return;
    }
    let packet: RtpPacket;
    try {
      packet = parseRtp(msg);
    } catch {
      this.#dropped++;
      return;
    }
    if (this.#payloadTypes && !this.#payloadTypes.has(packet.payloadType)) {
      this.#dropped++;
      return;
    }
    if (this.#state === 'listening' && this.#latch !== 'off') {
      this.#transition('latched');
      this.#target = { address: rinfo.address, port: rinfo.port };
      this.#rtcpTarget = { address: rinfo.address, port: this.#rtcpTarget?.port ?? rinfo.port + 1 };
      this.#connect(this.#target);
      this.delegate.onLatched?.(this.#target);
    }
    if (packet.ssrc !== this.#remoteSsrc) this.#switchSource(packet.ssrc);
    this.#packetsReceived++;
    this.#octetsReceived += packet.payload.length;
    const now = this.#timer.now();
    this.#stats.update(packet.sequence, packet.timestamp, now);
    this.delegate.onRtp?.(packet, msg, now);
  }

  /**
   * Another SSRC is sending (RFC 3550 §8: a source may change SSRC; pcaps
   * and DTMF generators use their own). Sequence numbers and timestamps of
   * different sources are unrelated, so each keeps its own A.1 state; a
   * source that comes back resumes where it was. At most MAX_SOURCES are
   * kept, the least recently heard forgotten first.
   */
  #switchSource(ssrc: number): void {
    this.#remoteSsrc = ssrc;
    let stats = this.#sources.get(ssrc);
    if (stats === undefined) {
      this.#sourcesSeen++;
      stats = new InboundStats(this.stream.clockRate);
      if (this.#sources.size >= MAX_SOURCES) this.#sources.delete(this.#sources.keys().next().value!);
    } else this.#sources.delete(ssrc); // re-inserted below: Map order is recency
    this.#sources.set(ssrc, stats);
    this.#stats = stats;
  }

  #onRtcp(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.disposed) return;
    let packets: RtcpPacket[];
    try {
      packets = parseRtcp(msg);
    } catch {
      this.#dropped++;
      return;
    }
    if (this.#state === 'latched' && this.#target && rinfo.address !== this.#target.address) return;
    if (this.#latch !== 'off') this.#rtcpTarget = { address: rinfo.address, port: rinfo.port };
    for (const p of packets) {
      if (p.type === 'sr') {
        this.#lastSr = { middle: ((p.sender.ntpSeconds & 0xffff) << 16 | (p.sender.ntpFraction >>> 16)) >>> 0, atMs: this.#timer.now() };
      }
      if (p.type === 'sr' || p.type === 'rr') {
        const mine = p.reports.filter((r) => r.ssrc === this.stream.ssrc);
        if (mine.length) this.#remoteReports = mine;
      }
    }
    this.delegate.onRtcp?.(packets);
  }

  /** Sends one audio frame with this session's SSRC/sequence/timestamp (`resync`: first frame of new audio). */
  sendFrame(payloadType: number, payload: Uint8Array, samples = payload.length, resync = false): void {
    const h = this.stream.nextFrame(this.#timer.now(), samples, payload.length, resync);
    this.sendRaw(serializeRtp({ payloadType, marker: h.marker, sequence: h.sequence, timestamp: h.timestamp, ssrc: this.stream.ssrc, payload }));
  }

  /** Sends a fully built RTP packet (the bridge rewrites headers itself). */
  sendRaw(buf: Buffer): void {
    const t = this.#target;
    if (this.disposed || !t || t.port === 0) return;
    this.#sentSinceReport = true;
    if (this.#connected) this.#pair.rtp.send(buf);
    else if (this.#connecting) {
      if (this.#pendingSends.length < 16) this.#pendingSends.push(buf);
    } else this.#pair.rtp.send(buf, t.port, t.address);
  }

  stats(): RtpSessionStats {
    return {
      inbound: this.#stats.snapshot(),
      packetsReceived: this.#packetsReceived,
      octetsReceived: this.#octetsReceived,
      remoteSources: this.#sourcesSeen,
      packetsSent: this.stream.packetsSent,
      octetsSent: this.stream.octetsSent,
      dropped: this.#dropped,
      sendErrors: this.#sendErrors,
      remoteReports: this.#remoteReports,
    };
  }

  // RFC 3550 §6.3.5: randomise the interval over [0.5, 1.5] × T to avoid synchronised reports.
  #scheduleRtcp(): void {
    if (this.#rtcpIntervalMs <= 0 || this.disposed) return;
    const delay = this.#rtcpIntervalMs * (0.5 + Math.random());
    this.#rtcpTimer = this.#timer.setTimeout(() => {
      this.#sendRtcp(false);
      this.#scheduleRtcp();
    }, delay);
  }

  #sendRtcp(bye: boolean, done?: () => void): boolean {
    const target = this.#rtcpTarget;
    if (!target || target.port <= 1) return false;
    const reports: ReportBlock[] = [];
    const s = this.#stats.snapshot();
    if (this.#remoteSsrc !== undefined && s.packets > 0) {
      const now = this.#timer.now();
      reports.push({
        ssrc: this.#remoteSsrc,
        fractionLost: this.#stats.takeFractionLost(),
        cumulativeLost: s.lost,
        highestSequence: s.highestSequence,
        jitter: s.jitter,
        lastSr: this.#lastSr?.middle ?? 0,
        delaySinceLastSr: this.#lastSr ? Math.round(((now - this.#lastSr.atMs) / 1000) * 65536) : 0,
      });
    }
    const sender = this.#sentSinceReport
      ? { ...toNtp(Date.now()), rtpTimestamp: this.stream.lastTimestamp, packetCount: this.stream.packetsSent, octetCount: this.stream.octetsSent }
      : undefined;
    this.#sentSinceReport = false;
    const buf = serializeRtcpCompound({ ssrc: this.stream.ssrc, cname: this.#cname, sender, reports, bye });
    this.#pair.rtcp.send(buf, target.port, target.address, done);
    return true;
  }

  /** Sends RTCP BYE, stops timers, closes both sockets, returns the port. Idempotent. */
  dispose(): void {
    if (this.#state === 'disposed') return;
    this.#transition('disposed');
    this.#pendingSends = [];
    if (this.#rtcpTimer !== undefined) this.#timer.clearTimeout(this.#rtcpTimer);
    this.delegate = {};
    const close = (s: import('node:dgram').Socket): void => {
      s.removeAllListeners('message');
      try {
        s.close();
      } catch {
        // already closed
      }
    };
    close(this.#pair.rtp);
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      close(this.#pair.rtcp);
      this.#allocator.release(this.#pair.port);
    };
    let pending = false;
    try {
      // The BYE is queued asynchronously: close the RTCP socket only once it is out.
      pending = this.#sendRtcp(true, finish);
    } catch {
      // best effort: a BYE that cannot be sent must not keep the socket open
    }
    if (!pending) finish();
  }

  /** Throws if used after dispose (for callers that must not silently drop). */
  assertOpen(): void {
    if (this.disposed) throw MediaErrors.create('RTP_DISPOSED', { port: this.#pair.port });
  }
}
