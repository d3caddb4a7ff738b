import { dialogFromRequest } from '../dialog/dialog.js';
import { type SipRequest, fromOf, toOf } from '../message/message.js';
import { createResponse } from '../message/response.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { Inbound } from '../transport/transport-layer.js';
import type { CoreContext } from './core-context.js';
import { Session } from './session.js';

/** A call coming in (UAS side of an INVITE, RFC 3261 §13.3). Answer it with accept / reject. */
export class IncomingSession extends Session {
  readonly localTag: string;
  #answered = false;

  constructor(core: CoreContext, readonly request: SipRequest, readonly tx: InviteServerTransaction, readonly from: Inbound) {
    super(core);
    this.localTag = core.newTag();
    tx.events = { onTransportError: () => this.end('remote', 'transport error') };
  }

  /** The caller (From) and the called party (To, Request-URI). */
  get caller() {
    return fromOf(this.request);
  }

  get callee() {
    return toOf(this.request);
  }

  get offer(): Buffer {
    return this.request.body;
  }

  #contact(): string {
    return this.core.contact(this.from.transport.protocol);
  }

  /** §12.1.1: a UAS copies Record-Route into every dialog-creating response. */
  #recordRoute(): Array<[string, string]> {
    return this.request.headers.getAll('record-route').map((v) => ['Record-Route', v]);
  }

  #ensureDialog(state: 'early' | 'confirmed') {
    if (this.dialog === undefined) {
      this.dialog = dialogFromRequest(this.request, this.localTag, this.#contact(), state);
      this.core.bindDialog(this.dialog.id, this);
    } else if (state === 'confirmed') this.dialog.transition('confirmed');
    return this.dialog;
  }

  /** Sends a provisional response (180 Ringing, 183 with early media); creates the early dialog. */
  progress(status = 180, opts: { body?: Buffer; contentType?: string } = {}): void {
    if (this.#answered || this.state === 'terminated') return;
    const body = opts.body ?? Buffer.alloc(0);
    this.#ensureDialog('early');
    const headers: Array<[string, string]> = [...this.#recordRoute(), ['Contact', this.#contact()]];
    if (body.length > 0) headers.push(['Content-Type', opts.contentType ?? 'application/sdp']);
    this.tx.respond(createResponse(this.request, status, { toTag: this.localTag, headers, body }));
    if (this.state === 'initial') this.transition('early');
  }

  /** Answers with 200 and our answer SDP; retransmitted until the ACK (§13.3.1.4). */
  accept(opts: { body?: Buffer; contentType?: string } = {}): void {
    if (this.#answered || this.state === 'terminated') return;
    this.#answered = true;
    this.localBody = opts.body ?? Buffer.alloc(0);
    if (opts.contentType !== undefined) this.localContentType = opts.contentType;
    this.#ensureDialog('confirmed');
    const headers: Array<[string, string]> = [
      ...this.#recordRoute(), ['Contact', this.#contact()], ['Allow', this.core.allow.join(', ')], ['Supported', this.core.supported.join(', ')],
    ];
    if (this.localBody.length > 0) headers.push(['Content-Type', this.localContentType]);
    const ok = createResponse(this.request, 200, { toTag: this.localTag, headers, body: this.localBody });
    this.transition('answering');
    this.send2xxReliably(this.tx, ok, this.from.transport.reliable);
  }

  /** Refuses the call with a final non-2xx (486 Busy Here by default; 401/407 with a challenge). */
  reject(status = 486, reason?: string, headers: ReadonlyArray<readonly [string, string]> = []): void {
    if (this.#answered || this.state === 'terminated') return;
    this.#answered = true;
    this.tx.respond(createResponse(this.request, status, { toTag: this.localTag, reason, headers }));
    this.end('local', `rejected ${status}`);
  }

  /** The caller sent CANCEL (§9.2): 487 to the INVITE. */
  cancelled(): void {
    if (this.#answered || this.state === 'terminated') return;
    this.#answered = true;
    this.tx.respond(createResponse(this.request, 487, { toTag: this.localTag }));
    this.end('remote', 'cancelled');
  }

  get answered(): boolean {
    return this.#answered;
  }
}
