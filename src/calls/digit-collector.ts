import { DtmfReceiver } from '../media/dtmf/dtmf-receiver.js';
import type { RtpEndpoint } from '../media/rtp/rtp-session.js';
import { digitFromInfo } from './dtmf-info.js';

export type DigitSource = 'rfc4733' | 'info';

/**
 * One call's DTMF, whichever way it arrives: RFC 4733 events on the RTP
 * session and SIP INFO bodies. One DtmfReceiver for the whole call, so an
 * event that spans a change of RTP handler (prompt → echo) is reported once.
 */
export class DigitCollector {
  readonly #receiver: DtmfReceiver;
  #disposed = false;

  constructor(private readonly onDigit: (digit: string, source: DigitSource) => void) {
    this.#receiver = new DtmfReceiver((r) => this.#report(r.digit, 'rfc4733'));
  }

  /**
   * Puts the telephone-event payload type in front of whatever handler the
   * session has now (a service replaces the handler, then taps again).
   */
  tap(rtp: RtpEndpoint, telephoneEventPayloadType: number | undefined): void {
    if (telephoneEventPayloadType === undefined) return;
    const inner = rtp.delegate;
    rtp.delegate = {
      ...inner,
      onRtp: (p, raw, now) => {
        if (p.payloadType === telephoneEventPayloadType) this.#receiver.receive(p);
        else inner.onRtp?.(p, raw, now);
      },
    };
  }

  /** An INFO request's body; returns whether it carried a digit. */
  info(body: Buffer, contentType: string | undefined): boolean {
    const digit = digitFromInfo(body, contentType);
    if (digit !== undefined) this.#report(digit, 'info');
    return digit !== undefined;
  }

  #report(digit: string, source: DigitSource): void {
    if (!this.#disposed) this.onDigit(digit, source);
  }

  /** Reports an event whose end packets never came, then goes quiet. */
  dispose(): void {
    if (this.#disposed) return;
    this.#receiver.flush();
    this.#disposed = true;
  }
}
