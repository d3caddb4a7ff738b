import { SipErrors } from '../errors.js';
import type { SipRequest, SipResponse } from '../message/message.js';
import { Transaction, type TxEnv } from './transaction.js';

/**
 * Non-INVITE server transaction, RFC 3261 §17.2.2.
 *
 *            request received → TU
 *                  V
 *            +-----------+ 1xx from TU: send
 *  request:  |  trying   |-------------------+
 *  absorbed  +-----------+                   V
 *                  | 200-699 from TU  +------------+  request again:
 *                  |  send            | proceeding |  resend last 1xx
 *                  |                  +------------+
 *                  V                         | 200-699 from TU: send
 *            +-----------+<------------------+
 *  request:  | completed |
 *  resend    +-----------+
 *  final           | Timer J (64·T1 on UDP, 0 on TCP)
 *                  V
 *             terminated
 */
export type NistState = 'trying' | 'proceeding' | 'completed' | 'terminated';

const ALLOWED: Record<NistState, readonly NistState[]> = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  terminated: [],
};

export class NonInviteServerTransaction extends Transaction<NistState> {
  #last: SipResponse | undefined;

  constructor(id: string, readonly request: SipRequest, env: TxEnv) {
    super(id, 'trying', env, ALLOWED);
  }

  get lastResponse(): SipResponse | undefined {
    return this.#last;
  }

  respond(res: SipResponse): void {
    const s = this.state;
    if (s !== 'trying' && s !== 'proceeding') throw SipErrors.create('SIP_MISUSE', { status: res.status, state: s }, `cannot send ${res.status} in state ${s}`);
    this.#last = res;
    this.send(res);
    if (res.status < 200) {
      if (s === 'trying') this.transition('proceeding');
      return;
    }
    this.transition('completed');
    this.startTimer('J', this.env.channel.reliable ? 0 : 64 * this.env.config.T1, () => this.transition('terminated'));
  }

  receiveRetransmission(): void {
    if (this.#last !== undefined && (this.state === 'proceeding' || this.state === 'completed')) this.send(this.#last);
  }

  protected onTransportError(): void {
    if (this.state !== 'terminated') this.transition('terminated');
  }
}
