import { randomInt } from 'node:crypto';
import { MediaErrors } from '../errors.js';
import { answerOffer, createOffer, ipType, readAnswer, type LocalAudio, type NegotiatedAudio } from './offer-answer.js';
import { parseSdp } from './sdp-parser.js';
import { serializeSdp } from './sdp-serializer.js';
import type { SdpOrigin, SessionDescription } from './sdp-types.js';

/**
 * The SDP side of one dialog, the API the SIP layer uses: it hands over the
 * body of an INVITE / re-INVITE / 200 OK as a string and gets our SDP back.
 * Keeps our o= line: the session id is fixed for the dialog and the version
 * is bumped exactly when the description changes (RFC 3264 §8: "the version
 * MUST be incremented" on a modified offer, and stays the same on an
 * unchanged one, e.g. a session refresh).
 */
export class SdpSession {
  readonly #sessionId: string;
  #version: bigint;
  #lastBody: string | undefined;
  #pendingOffer: SessionDescription | undefined;
  #pendingLocal: LocalAudio | undefined;
  #remoteOrigin: SdpOrigin | undefined;

  constructor(private readonly username = 'switchboard') {
    // Random 62-bit-ish id, NTP-style per RFC 4566 §5.2 advice (any unique number is fine).
    this.#sessionId = String(randomInt(1, 2 ** 47));
    this.#version = BigInt(randomInt(1, 2 ** 31));
  }

  get version(): string {
    return this.#version.toString();
  }

  #finish(d: Omit<SessionDescription, 'origin'>, address: string): string {
    const origin = (version: bigint): SdpOrigin => ({
      username: this.username, sessionId: this.#sessionId, sessionVersion: version.toString(), netType: 'IN', addrType: ipType(address), address,
    });
    const body = serializeSdp({ ...d, origin: origin(0n) });
    if (this.#lastBody !== undefined && body !== this.#lastBody) this.#version++;
    this.#lastBody = body;
    return serializeSdp({ ...d, origin: origin(this.#version) });
  }

  /**
   * Answers the peer's offer. `unchanged` is true when the peer re-sent the
   * same o= version (§8: nothing changed; SIP may skip media updates).
   * Throws SDP_PARSE_ERROR (→ 400) or SDP_NO_COMMON_CODEC (→ 488).
   */
  answer(offerBody: string, local: LocalAudio): { sdp: string; audio: NegotiatedAudio; unchanged: boolean } {
    const offer = parseSdp(offerBody);
    const prev = this.#remoteOrigin;
    const unchanged = prev !== undefined && prev.sessionId === offer.origin.sessionId && prev.sessionVersion === offer.origin.sessionVersion;
    const { answer, audio } = answerOffer(offer, local, offer.origin);
    this.#remoteOrigin = offer.origin;
    return { sdp: this.#finish(answer, local.address), audio, unchanged };
  }

  /** Our offer (initial INVITE, or a re-INVITE for hold with direction 'sendonly' / resume with 'sendrecv'). */
  offer(local: LocalAudio): string {
    const placeholder: SdpOrigin = { username: '', sessionId: '0', sessionVersion: '0', netType: 'IN', addrType: 'IP4', address: '' };
    const offer = createOffer(local, placeholder);
    this.#pendingOffer = offer;
    this.#pendingLocal = local;
    return this.#finish(offer, local.address);
  }

  /** Applies the peer's answer to our last offer. */
  acceptAnswer(answerBody: string): NegotiatedAudio {
    const offer = this.#pendingOffer;
    const local = this.#pendingLocal;
    if (!offer || !local) throw MediaErrors.create('SDP_BAD_ANSWER', { reason: 'no offer pending' });
    const answer = parseSdp(answerBody);
    this.#remoteOrigin = answer.origin;
    this.#pendingOffer = undefined;
    return readAnswer(offer, answer, local);
  }
}
