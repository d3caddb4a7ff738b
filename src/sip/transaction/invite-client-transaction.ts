import { type SipRequest, type SipResponse } from '../message/message.js';
import type { ClientTransactionUser } from './client-transaction-user.js';
import { buildNon2xxAck } from './requests.js';
import { Transaction, type TxEnv } from './transaction.js';

/**
 * INVITE client transaction, RFC 3261 §17.1.1 with the RFC 6026 Accepted state.
 *
 *                     |INVITE sent, Timer A (UDP) and B
 *                     V
 *    Timer A: resend  +-----------+  Timer B / transport error
 *          +----------|  calling  |-----------------------------+
 *          +--------->+-----------+                             |
 *                  1xx |     |  2xx → TU                        |
 *                      V     +--------------------+             |
 *  1xx → TU    +------------+  2xx → TU           |             |
 *     +--------| proceeding |---------------------+             |
 *     +------->+------------+                     V             |
 *   300-699: ACK, → TU |     |              +----------+        |
 *   (also from calling)|     |  2xx → TU    | accepted |<-- 2xx → TU (retransmissions)
 *                      V                    +----------+        |
 *               +-----------+                 | Timer M         |
 *  300-699: ACK |completed  |                 |                 |
 *   again  +----+-----------+                 |                 |
 *               | Timer D                     V                 V
 *               +-----------------------> terminated <----------+
 */
export type IctState = 'calling' | 'proceeding' | 'accepted' | 'completed' | 'terminated';

const ALLOWED: Record<IctState, readonly IctState[]> = {
  calling: ['proceeding', 'accepted', 'completed', 'terminated'],
  proceeding: ['accepted', 'completed', 'terminated'],
  accepted: ['terminated'],
  completed: ['terminated'],
  terminated: [],
};

export class InviteClientTransaction extends Transaction<IctState> {
  #interval: number;
  #ack: SipRequest | undefined;

  constructor(id: string, readonly request: SipRequest, env: TxEnv, private readonly user: ClientTransactionUser) {
    super(id, 'calling', env, ALLOWED);
    this.#interval = env.config.T1;
  }

  start(): void {
    this.send(this.request);
    if (!this.env.channel.reliable) this.startTimer('A', this.#interval, () => this.#timerA());
    this.startTimer('B', 64 * this.env.config.T1, () => this.#timeout());
  }

  receiveResponse(res: SipResponse): void {
    const s = this.state;
    const code = res.status;
    if (s === 'calling' || s === 'proceeding') {
      if (code < 200) {
        if (s === 'calling') {
          this.transition('proceeding');
          // §17.1.1.2: provisional response stops retransmissions; the TU's Timer C / CANCEL ends ringing.
          this.stopTimer('A');
          this.stopTimer('B');
        }
        this.user.onResponse(res);
      } else if (code < 300) {
        this.transition('accepted');
        this.stopTimer('A');
        this.stopTimer('B');
        this.startTimer('M', 64 * this.env.config.T1, () => this.transition('terminated'));
        this.user.onResponse(res);
      } else {
        this.transition('completed');
        this.stopTimer('A');
        this.stopTimer('B');
        this.#ack = buildNon2xxAck(this.request, res);
        this.send(this.#ack);
        this.startTimer('D', this.env.channel.reliable ? 0 : this.env.config.D, () => this.transition('terminated'));
        this.user.onResponse(res);
      }
    } else if (s === 'accepted') {
      // RFC 6026 §8.4: retransmitted 2xx go to the TU, which re-sends its ACK.
      if (code >= 200 && code < 300) this.user.onResponse(res);
    } else if (s === 'completed') {
      if (code >= 300 && this.#ack !== undefined) this.send(this.#ack);
    }
  }

  #timerA(): void {
    if (this.state !== 'calling') return;
    this.send(this.request);
    this.#interval *= 2;
    this.startTimer('A', this.#interval, () => this.#timerA());
  }

  #timeout(): void {
    if (this.state !== 'calling') return;
    this.transition('terminated');
    this.user.onTimeout();
  }

  protected onTransportError(): void {
    if (this.state === 'calling' || this.state === 'proceeding') {
      this.transition('terminated');
      this.user.onTransportError();
    }
  }
}
