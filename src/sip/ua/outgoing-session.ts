import { type ClientCredentials, answerChallenge } from '../auth/digest-client.js';
import { dialogFromResponse, dialogId } from '../dialog/dialog.js';
import { type SipRequest, type SipResponse, callIdOf, cseqOf, fromOf, toOf } from '../message/message.js';
import { paramOf } from '../message/name-addr.js';
import { formatUri } from '../message/uri.js';
import { buildCancel } from '../transaction/requests.js';
import type { Endpoint } from '../transport/transport.js';
import { type CoreContext, finalResponse } from './core-context.js';
import { Session } from './session.js';

/** Answers the offer a 2xx carries after our INVITE without SDP (a late offer). */
export type AckAnswerer = (offer: { body: Buffer; contentType: string | undefined }) => { body: Buffer; contentType?: string };

export interface OutgoingSessionOptions {
  /** Credentials to answer a 401/407 (§22.2). */
  readonly auth?: ClientCredentials | undefined;
  /** Builds the ACK's answer when the INVITE had no body (§13.2.2.4). */
  readonly answerInAck?: AckAnswerer | undefined;
}

/** A call going out (UAC side of an INVITE, RFC 3261 §13.2). */
export class OutgoingSession extends Session {
  #invite: SipRequest;
  #dest: Endpoint | undefined;
  #provisional = false;
  #cancelWanted = false;
  #authTried = false;
  /** The ACK body per dialog: every ACK for that dialog's 2xx retransmissions carries the same answer. */
  readonly #ackAnswers = new Map<string, { body?: Buffer; contentType?: string }>();
  private readonly auth: ClientCredentials | undefined;
  readonly #answerInAck: AckAnswerer | undefined;

  constructor(core: CoreContext, invite: SipRequest, opts: OutgoingSessionOptions = {}) {
    super(core);
    this.auth = opts.auth;
    this.#answerInAck = opts.answerInAck;
    this.#invite = invite;
    this.localBody = invite.body;
  }

  get request(): SipRequest {
    return this.#invite;
  }

  start(): void {
    this.#send(this.#invite);
  }

  /** Abandons the call before it is answered (§9.1: only once a provisional arrived). */
  cancel(): void {
    if (this.state !== 'initial' && this.state !== 'early') return;
    if (!this.#provisional || this.#dest === undefined) {
      this.#cancelWanted = true;
      return;
    }
    void finalResponse(this.core, buildCancel(this.#invite), undefined).catch(() => undefined);
  }

  #send(invite: SipRequest): void {
    this.core
      .send(invite, {
        onResponse: (r) => this.#onResponse(invite, r),
        onTimeout: () => this.fail(408, 'Request Timeout'),
        onTransportError: () => this.fail(503, 'Transport Error'),
      }, this.#dest)
      .then(({ dest }) => (this.#dest = dest))
      .catch(() => this.fail(503, 'No Route'));
  }

  #onResponse(invite: SipRequest, res: SipResponse): void {
    if (invite !== this.#invite) return;
    const status = res.status;
    if (status < 200) {
      this.#provisional = true;
      if (this.#cancelWanted) {
        this.#cancelWanted = false;
        this.cancel();
      }
      if (status > 100 && paramOf(toOf(res), 'tag') !== undefined && this.dialog === undefined) {
        this.dialog = dialogFromResponse(invite, res, this.core.contact(this.#dest?.protocol ?? 'UDP'), 'early');
        this.core.bindDialog(this.dialog.id, this);
      }
      if (this.state === 'initial' && status > 100) this.transition('early');
      if (status > 100) this.emit('progress', { status, body: res.body });
      return;
    }
    if (status < 300) return this.#onSuccess(invite, res);
    if ((status === 401 || status === 407) && this.auth !== undefined && !this.#authTried) {
      this.#authTried = true;
      const answer = answerChallenge(status, res.headers.getAll(status === 401 ? 'www-authenticate' : 'proxy-authenticate'), this.auth, {
        method: 'INVITE', uri: formatUri(invite.uri),
      });
      if (answer !== null) return this.#retryWithAuth(invite, answer.header, answer.value);
    }
    this.fail(status, res.reason);
  }

  #onSuccess(invite: SipRequest, res: SipResponse): void {
    const tag = paramOf(toOf(res), 'tag') ?? '';
    const id = dialogId(callIdOf(invite), paramOf(fromOf(invite), 'tag') ?? '', tag);
    if (this.dialog !== undefined && this.dialog.id !== id && this.state === 'established') {
      // A second fork answered (§13.2.2.4): ACK it, then hang it up.
      const other = dialogFromResponse(invite, res, this.core.contact(this.#dest?.protocol ?? 'UDP'), 'confirmed');
      void this.core.sendAck(other.createRequest('ACK', { seq: cseqOf(invite).seq, ...this.#ackAnswer(other.id, res) })).catch(() => undefined);
      void finalResponse(this.core, other.createRequest('BYE'));
      return;
    }
    if (this.dialog === undefined || this.dialog.id !== id) {
      if (this.dialog !== undefined) this.core.bindDialog(this.dialog.id, undefined);
      this.dialog = dialogFromResponse(invite, res, this.core.contact(this.#dest?.protocol ?? 'UDP'), 'confirmed');
      this.core.bindDialog(this.dialog.id, this);
    } else {
      this.dialog.transition('confirmed');
      this.dialog.refreshTarget(res);
    }
    // The ACK for a 2xx, also for each retransmitted 2xx (§13.2.2.4).
    void this.core.sendAck(this.dialog.createRequest('ACK', { seq: cseqOf(invite).seq, ...this.#ackAnswer(id, res) })).catch(() => undefined);
    if (this.state === 'established') return;
    this.transition('established');
    this.emit('answered', { body: res.body, contentType: res.headers.get('content-type') });
  }

  /**
   * §13.2.2.4: a 2xx that carries an offer is ACKed with the answer in
   * the ACK's body; the offer is in the 2xx exactly when our INVITE had no
   * body (§13.2.1). An answerer that throws leaves the ACK empty: the UAS
   * then ends the call, as it must without an answer.
   */
  #ackAnswer(dialog: string, res: SipResponse): { body?: Buffer; contentType?: string } {
    if (this.#invite.body.length > 0 || res.body.length === 0 || this.#answerInAck === undefined) return {};
    let answer = this.#ackAnswers.get(dialog);
    if (answer === undefined) {
      try {
        answer = this.#answerInAck({ body: res.body, contentType: res.headers.get('content-type') });
      } catch {
        answer = {};
      }
      this.#ackAnswers.set(dialog, answer);
    }
    return answer;
  }

  #retryWithAuth(invite: SipRequest, header: string, value: string): void {
    const headers = invite.headers.clone();
    headers.remove('via');
    headers.set('cseq', `${cseqOf(invite).seq + 1} INVITE`);
    headers.set(header, value);
    this.#invite = { kind: 'request', method: 'INVITE', uri: invite.uri, headers, body: invite.body };
    this.#provisional = false;
    this.#send(this.#invite);
  }
}
