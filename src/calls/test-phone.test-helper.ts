import { createSocket, type Socket } from 'node:dgram';
import { decodeG711, encodeG711, type G711Law } from '../media/codec/g711.js';
import { encodeTelephoneEvent } from '../media/dtmf/rfc4733.js';
import { parseRtp, serializeRtp, type RtpPacket } from '../media/rtp/rtp-packet.js';
import { TransportLayer } from '../sip/transport/transport-layer.js';
import { listenUdp } from '../sip/transport/udp-transport.js';
import { SdpSession } from '../media/sdp/sdp-session.js';
import type { AudioCodecName } from '../media/sdp/offer-answer.js';
import { createUserAgent, type UserAgent } from '../sip/ua/user-agent.js';
import type { AckAnswerer, OutgoingSession } from '../sip/ua/outgoing-session.js';

/** A minimal phone for tests: our own UA as the caller plus a bare RTP socket. */
export class TestPhone {
  readonly received: RtpPacket[] = [];
  #seq = 0;
  #ts = 0;
  #remote: { address: string; port: number } | undefined;

  private constructor(readonly ua: UserAgent, readonly transport: TransportLayer, readonly rtp: Socket) {
    rtp.on('message', (m: Buffer) => this.received.push(parseRtp(m)));
  }

  static async start(): Promise<TestPhone> {
    const transport = new TransportLayer();
    transport.add(await listenUdp({ address: '127.0.0.1', port: 0, sink: transport }));
    const ua = createUserAgent({ transport, host: '127.0.0.1', delegate: {}, contactUser: 'phone' });
    const rtp = createSocket('udp4');
    await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', r));
    return new TestPhone(ua, transport, rtp);
  }

  offer(codecs = '0 8 101'): Buffer {
    const port = this.rtp.address().port;
    return Buffer.from(`v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP ${codecs}\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n`);
  }

  /**
   * An ACK answerer for a late offer (INVITE without SDP): answers the
   * 200's offer from this phone's RTP port, with `codecs` in that order.
   */
  answerer(codecs: readonly AudioCodecName[] = ['PCMU', 'PCMA']): AckAnswerer {
    return (offer) => ({ body: Buffer.from(new SdpSession('phone').answer(offer.body.toString(), { address: '127.0.0.1', port: this.rtp.address().port, codecs }).sdp) });
  }

  /**
   * Calls `uri`; resolves once answered (with the answer SDP, or the offer
   * of a late-offer 200) or failed (with the status).
   */
  async call(uri: string, body = this.offer(), answerInAck?: AckAnswerer): Promise<{ session: OutgoingSession; status: number; answer: string }> {
    const session = this.ua.invite(uri, { body, answerInAck });
    const result = await new Promise<{ status: number; answer: string }>((resolve) => {
      session.on('answered', (a) => resolve({ status: 200, answer: a.body.toString() }));
      session.on('failed', (f) => resolve({ status: f.status, answer: '' }));
    });
    const m = /m=audio (\d+)/.exec(result.answer);
    if (m) this.#remote = { address: '127.0.0.1', port: Number(m[1]) };
    return { session, ...result };
  }

  sendAudio(law: G711Law, pt: number, samples: Int16Array): void {
    for (let k = 0; k + 160 <= samples.length; k += 160) this.#send(pt, encodeG711(law, samples.subarray(k, k + 160)), 160);
  }

  /** One RFC 4733 event: a start packet and three end packets (§2.5.1.4). */
  sendDigit(event: number, pt = 101): void {
    const ts = this.#ts;
    this.#send(pt, encodeTelephoneEvent({ event, end: false, volume: 10, duration: 400 }), 0, ts);
    for (let i = 0; i < 3; i++) this.#send(pt, encodeTelephoneEvent({ event, end: true, volume: 10, duration: 800 }), 0, ts);
    this.#ts += 800;
  }

  #send(pt: number, payload: Uint8Array, samples: number, ts = this.#ts): void {
    if (this.#remote === undefined) throw new Error('no call answered yet');
    this.rtp.send(serializeRtp({ payloadType: pt, sequence: this.#seq++ & 0xffff, timestamp: ts >>> 0, ssrc: 4242, payload }), this.#remote.port, this.#remote.address);
    this.#ts += samples;
  }

  /** The audio received so far with payload type `pt`, decoded, in arrival order. */
  heard(law: G711Law, pt: number): Int16Array {
    const frames = this.received.filter((p) => p.payloadType === pt);
    const out = new Int16Array(frames.reduce((n, p) => n + p.payload.length, 0));
    let at = 0;
    for (const p of frames) {
      out.set(decodeG711(law, p.payload), at);
      at += p.payload.length;
    }
    return out;
  }

  async close(): Promise<void> {
    this.ua.dispose();
    await this.transport.close();
    this.rtp.close();
  }
}

export async function until(cond: () => boolean, maxMs = 5000): Promise<boolean> {
  for (let waited = 0; waited < maxMs && !cond(); waited += 20) await new Promise((r) => setTimeout(r, 20));
  return cond();
}
