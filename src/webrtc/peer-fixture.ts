import { createSocket } from 'node:dgram';
import { Audio, PeerConnection, type Track } from 'node-datachannel';
import { parseRtp, serializeRtp, type RtpPacket } from '../media/rtp/rtp-packet.js';

/**
 * For engine tests without a browser: a libdatachannel peer connection that
 * offers what the softphone page offers (one sendrecv audio, PCMU and
 * telephone-event/8000, DTLS-SRTP, host candidates on 127.0.0.1).
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
    return new OfferingPeer(pc, track, pc.localDescription()!.sdp);
  }

  /**
   * Takes the engine's answer. Under heavy load libdatachannel may not have
   * set up this peer's ICE transport yet ("Got a remote candidate without
   * ICE transport", seen in CI on a busy machine): try again shortly.
   */
  async accept(answer: string): Promise<void> {
    let described = false;
    for (let attempt = 0; ; attempt++) {
      try {
        if (!described) this.pc.setRemoteDescription(answer, 'answer');
        else for (const c of answer.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'))) this.pc.addRemoteCandidate(c.slice(2), '0');
        return;
      } catch (err) {
        const message = (err as Error).message;
        // The description itself was taken before its candidates failed (seen in CI: a retry then
        // finds the signalling state stable): only the candidates are added again.
        if (attempt > 0 && /signaling state stable/.test(message)) {
          described = true;
          continue;
        }
        // Up to ~3 s: on a starved machine libdatachannel's own thread sets the transport up late.
        if (attempt >= 60 || !/without ICE transport/.test(message)) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
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
