import { SipErrors } from '../errors.js';
import type { SipRequest, SipResponse } from '../message/message.js';
import { Transaction, type TxEnv } from './transaction.js';

/** What an INVITE server transaction reports to its TU. */
export interface ServerTransactionEvents {
  /** Timer H fired: no ACK for our final response (§17.2.1). */
  onAckTimeout?(): void;
  onTransportError?(): void;
}

/**
 * INVITE server transaction, RFC 3261 §17.2.1 with the RFC 6026 Accepted state.
 *
 *                      INVITE received (TU answers 100 at once)
 *                           V
 *  INVITE again:    +------------+  1xx from TU: send
 *  resend last 1xx  | proceeding |<--------+
 *          +--------+------------+---------+
 *                 300-699 |     | 2xx from TU: send
 *                  send,  |     +-----------------+
 *                  G, H   V                       V
 *  INVITE again / +-----------+             +----------+  2xx from TU (the TU's
 *  Timer G: resend| completed |             | accepted |  §13.3.1.4 retransmits): send
 *                 +-----------+             +----------+
 *       ACK |           | Timer H / error         | Timer L
 *           V           |                         |
 *    +-----------+      |                         |
 *    | confirmed |      |                         |
 *    +-----------+      |                         |
 *      Timer I |        V                         V
 *              +----> terminated <----------------+
 */
export type IstState = 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

const ALLOWED: Record<IstState, readonly IstState[]> = {
  proceeding: ['completed', 'accepted', 'terminated'],
  completed: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  accepted: ['terminated'],
  terminated: [],
};

export class InviteServerTransaction extends Transaction<IstState> {
  #last: SipResponse | undefined;
  #interval: number;
  events: ServerTransactionEvents = {};

  constructor(id: string, readonly request: SipRequest, env: TxEnv) {
    super(id, 'proceeding', env, ALLOWED);
    this.#interval = env.config.T1;
  }

  get lastResponse(): SipResponse | undefined {
    return this.#last;
  }

  /** Sends a response from the TU through the transaction. */
  respond(res: SipResponse): void {
    const s = this.state;
    const code = res.status;
    if (s === 'accepted' && code >= 200 && code < 300) {
      this.send(res);
      return;
    }
    if (s !== 'proceeding') throw SipErrors.create('SIP_MISUSE', { status: code, state: s }, `cannot send ${code} in state ${s}`);
    this.#last = res;
    this.send(res);
    if (code < 200) return;
    if (code < 300) {
      this.transition('accepted');
      this.startTimer('L', 64 * this.env.config.T1, () => this.transition('terminated'));
      return;
    }
    this.transition('completed');
    if (!this.env.channel.reliable) this.startTimer('G', this.#interval, () => this.#timerG());
    this.startTimer('H', 64 * this.env.config.T1, () => {
      this.transition('terminated');
      this.events.onAckTimeout?.();
    });
  }

  /** A retransmission of the INVITE arrived (§17.2.1): repeat the last response. */
  receiveRetransmission(): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.#last !== undefined) this.send(this.#last);
  }

  /** The ACK for our non-2xx final response. */
  receiveAck(): void {
    if (this.state !== 'completed') return;
    this.transition('confirmed');
    this.stopTimer('G');
    this.stopTimer('H');
    this.startTimer('I', this.env.channel.reliable ? 0 : this.env.config.T4, () => this.transition('terminated'));
  }

  #timerG(): void {
    if (this.state !== 'completed' || this.#last === undefined) return;
    this.send(this.#last);
    this.#interval = Math.min(2 * this.#interval, this.env.config.T2);
    this.startTimer('G', this.#interval, () => this.#timerG());
  }

  protected onTransportError(): void {
    if (this.state === 'terminated') return;
    this.transition('terminated');
    this.events.onTransportError?.();
  }
}
