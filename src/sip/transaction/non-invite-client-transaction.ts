import type { SipRequest, SipResponse } from '../message/message.js';
import type { ClientTransactionUser } from './client-transaction-user.js';
import { Transaction, type TxEnv } from './transaction.js';

/**
 * Non-INVITE client transaction, RFC 3261 §17.1.2.2.
 *
 *          request sent, Timer E (UDP), F
 *                  V
 *  Timer E   +-----------+  Timer F / transport error
 *  resend +--|  trying   |----------------------------+
 *         +->+-----------+                            |
 *          1xx → TU |   | 200-699 → TU                |
 *                   V   +----------------+            |
 *  Timer E   +------------+              |            |
 *  resend +--| proceeding |--------------+------------+
 *         +->+------------+ 200-699 → TU |            |
 *                                        V            |
 *                                  +-----------+      |
 *                                  | completed |      |
 *                                  +-----------+      |
 *                                        | Timer K    |
 *                                        V            V
 *                                      terminated <---+
 */
export type NictState = 'trying' | 'proceeding' | 'completed' | 'terminated';

const ALLOWED: Record<NictState, readonly NictState[]> = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  terminated: [],
};

export class NonInviteClientTransaction extends Transaction<NictState> {
  #interval: number;

  constructor(id: string, readonly request: SipRequest, env: TxEnv, private readonly user: ClientTransactionUser) {
    super(id, 'trying', env, ALLOWED);
    this.#interval = env.config.T1;
  }

  start(): void {
    this.send(this.request);
    if (!this.env.channel.reliable) this.startTimer('E', this.#interval, () => this.#timerE());
    this.startTimer('F', 64 * this.env.config.T1, () => this.#timeout());
  }

  receiveResponse(res: SipResponse): void {
    const s = this.state;
    if (s !== 'trying' && s !== 'proceeding') return;
    if (res.status < 200) {
      if (s === 'trying') this.transition('proceeding');
      this.user.onResponse(res);
      return;
    }
    this.transition('completed');
    this.stopTimer('E');
    this.stopTimer('F');
    this.startTimer('K', this.env.channel.reliable ? 0 : this.env.config.T4, () => this.transition('terminated'));
    this.user.onResponse(res);
  }

  #timerE(): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.send(this.request);
    // §17.1.2.2: doubling up to T2 while trying; T2 once a provisional arrived.
    this.#interval = this.state === 'trying' ? Math.min(2 * this.#interval, this.env.config.T2) : this.env.config.T2;
    this.startTimer('E', this.#interval, () => this.#timerE());
  }

  #timeout(): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.transition('terminated');
    this.user.onTimeout();
  }

  protected onTransportError(): void {
    if (this.state === 'trying' || this.state === 'proceeding') {
      this.transition('terminated');
      this.user.onTransportError();
    }
  }
}
