import { createSocket } from 'node:dgram';
import { Audio, PeerConnection, type Track } from 'node-datachannel';
import { parseRtp, serializeRtp, type RtpPacket } from '../media/rtp/rtp-packet.js';

/**
 * For engine tests without a browser: a libdatachannel peer connection that
 * offers what the softphone page offers (one sendrecv audio, PCMU and
 * telephone-event/8000, DTLS-SRTP, host candidates on 127.0.0.1, found by its checks).
 */
export class OfferingPeer {
  readonly received: RtpPacket[] = [];
  #seq = 0;
  #open = false;

  private constructor(readonly pc: PeerConnection, readonly track: Track, readonly offer: string) {
    track.onOpen(() => (this.#open = true));
    track.onMessage((m) => {
      if ((m[1] & 0x7f) < 64 || (m[1] & 0x7f) > 95) this.received.push(parseRtp(m));
    });
  }

  static async open(): Promise<OfferingPeer> {
    const pc = new PeerConnection('browser', { iceServers: [], bindAddress: '127.0.0.1', disableAutoNegotiation: true });
    const audio = new Audio('0', 'SendRecv');
    audio.addAudioCodec(0, 'PCMU/8000');
    audio.addAudioCodec(126, 'telephone-event/8000');
    audio.addSSRC(0xb10b, 'browser');
    const track = pc.addTrack(audio);
    await new Promise<void>((resolve) => {
      pc.onGatheringStateChange((g) => g === 'complete' && resolve());
      pc.setLocalDescription('offer');
    });
    // Its candidates are held back from the offer, as a browser's mDNS host
    // candidates are (the engine drops those): the engine finds it by its
    // checks once it has the answer. Offered, the engine's checks connect ICE
    // before the answer arrives, and libdatachannel (unlike a browser) then
    // starts DTLS in the wrong role and fails (seen on a loaded machine).
    const offer = pc.localDescription()!.sdp.split('\r\n').filter((l) => !l.startsWith('a=candidate:') && l !== 'a=end-of-candidates').join('\r\n');
    return new OfferingPeer(pc, track, offer);
  }

  /** Takes the engine's answer. */
  accept(answer: string): void {
    this.pc.setRemoteDescription(answer, 'answer');
  }

  async connected(timeoutMs = 5000): Promise<void> {
    for (let waited = 0; !this.#open; waited += 10) {
      if (waited > timeoutMs) throw new Error(`peer still ${this.pc.state()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  sendPcmu(payload = new Uint8Array(160).fill(0x7f)): void {
    this.#seq++;
    this.track.sendMessageBinary(serializeRtp({ payloadType: 0, sequence: this.#seq, timestamp: this.#seq * 160, ssrc: 0xb10b, payload }));
  }

  close(): void {
    this.pc.close();
  }
}

/** A UDP port free on loopback right now (the engine's one shared port in tests and the bench). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(r));
  return port;
}

/** Whether `port` can be bound on loopback (a closed engine must have released it). */
export async function udpPortFree(port: number): Promise<boolean> {
  const s = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.bind(port, '127.0.0.1', resolve);
    });
    return true;
  } catch {
    return false;
  } finally {
    s.close();
  }
}
