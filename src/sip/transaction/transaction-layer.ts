import { SipErrors } from '../errors.js';
import type { SipRequest, SipResponse } from '../message/message.js';
import { createResponse } from '../message/response.js';
import type { Endpoint } from '../transport/transport.js';
import type { Inbound, TransportLayer, TransportLayerDelegate } from '../transport/transport-layer.js';
import type { ClientTransactionUser } from './client-transaction-user.js';
import { InviteClientTransaction } from './invite-client-transaction.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { NonInviteClientTransaction } from './non-invite-client-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import { DEFAULT_TIMERS, type TimerConfig, type TimerFacility, systemTimers } from './timers.js';
import { type TxChannel, type Transaction } from './transaction.js';
import { clientKey, serverKey } from './transaction-keys.js';

export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;
export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;

/** The transaction user (UA core) as seen from below: a small delegate, never imported. */
export interface TransactionUser {
  /** A new request with its new server transaction (never ACK). */
  onRequest(req: SipRequest, tx: ServerTransaction, from: Inbound): void;
  /** An ACK no transaction absorbed: the ACK for a 2xx, which belongs to the dialog (§17.2.3, §13.3.1.4). */
  onAck(ack: SipRequest, from: Inbound): void;
  /** A CANCEL (answered 200 here, §9.2) with the INVITE transaction it cancels, if any. */
  onCancel(cancel: SipRequest, invite: InviteServerTransaction | undefined): void;
  /** A response no client transaction matched (a 2xx retransmitted after ours ended). */
  onStrayResponse?(res: SipResponse, from: Inbound): void;
}

export interface TransactionLayerOptions {
  readonly transport: TransportLayer;
  readonly timers?: TimerFacility;
  readonly config?: Partial<TimerConfig>;
}

/**
 * RFC 3261 §17: creates and matches transactions, routes messages between
 * the transport layer below and the transaction user above.
 */
export class TransactionLayer implements TransportLayerDelegate {
  readonly #server = new Map<string, ServerTransaction>();
  readonly #client = new Map<string, ClientTransaction>();
  readonly #timers: TimerFacility;
  readonly #config: TimerConfig;
  #user: TransactionUser | undefined;

  constructor(private readonly opts: TransactionLayerOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#config = { ...DEFAULT_TIMERS, ...opts.config };
    opts.transport.setDelegate(this);
  }

  setUser(user: TransactionUser): void {
    this.#user = user;
  }

  get counts(): { server: number; client: number } {
    return { server: this.#server.size, client: this.#client.size };
  }

  onRequest(req: SipRequest, from: Inbound): void {
    const user = this.#user;
    if (user === undefined) return;
    const key = serverKey(req);
    const existing = this.#server.get(key);
    if (req.method === 'ACK') {
      if (existing instanceof InviteServerTransaction && existing.state === 'completed') existing.receiveAck();
      else if (!(existing instanceof InviteServerTransaction && existing.state === 'confirmed')) user.onAck(req, from);
      return;
    }
    if (existing !== undefined) {
      existing.receiveRetransmission();
      return;
    }
    const env = this.#env(key, this.#serverChannel(from), this.#server);
    const tx = req.method === 'INVITE' ? new InviteServerTransaction(key, req, env) : new NonInviteServerTransaction(key, req, env);
    this.#server.set(key, tx);
    if (req.method === 'CANCEL') {
      // §9.2: CANCEL is answered by its own transaction; the TU ends the INVITE with 487.
      const invite = this.#server.get(serverKey(req, 'INVITE'));
      const inviteTx = invite instanceof InviteServerTransaction ? invite : undefined;
      tx.respond(createResponse(req, inviteTx === undefined ? 481 : 200, { toTag: toTagOf(inviteTx) }));
      user.onCancel(req, inviteTx);
      return;
    }
    user.onRequest(req, tx, from);
  }

  onResponse(res: SipResponse, from: Inbound): void {
    const tx = this.#client.get(clientKey(res));
    if (tx !== undefined) tx.receiveResponse(res);
    else this.#user?.onStrayResponse?.(res, from);
  }

  /** Starts a client transaction for `req` (its top Via carries a fresh branch). */
  sendRequest(req: SipRequest, dest: Endpoint, user: ClientTransactionUser): ClientTransaction {
    if (req.method === 'ACK') throw SipErrors.create('SIP_MISUSE', { method: 'ACK' }, 'ACK is sent without a transaction (sendAck)');
    const key = clientKey(req);
    const env = this.#env(key, this.#clientChannel(dest), this.#client);
    const tx = req.method === 'INVITE' ? new InviteClientTransaction(key, req, env, user) : new NonInviteClientTransaction(key, req, env, user);
    this.#client.set(key, tx);
    tx.start();
    return tx;
  }

  /** The ACK for a 2xx is the TU's, sent outside any transaction (§13.2.2.4). */
  sendAck(ack: SipRequest, dest: Endpoint): Promise<void> {
    return this.opts.transport.sendRequest(ack, dest);
  }

  dispose(): void {
    for (const tx of [...this.#server.values(), ...this.#client.values()]) tx.dispose();
  }

  #env<T extends Transaction<string>>(key: string, channel: TxChannel, table: Map<string, T>) {
    return {
      timers: this.#timers,
      config: this.#config,
      channel,
      onTerminated: (tx: Transaction<string>) => {
        if (table.get(key) === tx) table.delete(key);
      },
    };
  }

  #serverChannel(from: Inbound): TxChannel {
    const transport = this.opts.transport;
    return {
      reliable: from.transport.reliable,
      send: (msg, onError) => {
        if (msg.kind === 'response') transport.sendResponse(msg, from).catch(onError);
      },
    };
  }

  #clientChannel(dest: Endpoint): TxChannel {
    const transport = this.opts.transport;
    return {
      reliable: transport.get(dest.protocol)?.reliable ?? false,
      send: (msg, onError) => {
        if (msg.kind === 'request') transport.sendRequest(msg, dest).catch(onError);
      },
    };
  }
}

function toTagOf(tx: InviteServerTransaction | undefined): string | undefined {
  const to = tx?.lastResponse?.headers.get('to');
  const m = to === undefined ? null : /;\s*tag\s*=\s*([^;\s]+)/i.exec(to);
  return m === null ? undefined : m[1];
}

