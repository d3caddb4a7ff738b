import { SipErrors } from '../errors.js';
import type { Dialog } from '../dialog/dialog.js';
import { type SipRequest, type SipResponse, cseqOf } from '../message/message.js';
import { createResponse } from '../message/response.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { ServerTransaction } from '../transaction/transaction-layer.js';
import type { TimerHandle } from '../transaction/timers.js';
import { type CoreContext, finalResponse } from './core-context.js';
import { Emitter } from './emitter.js';

/** An incoming re-INVITE (hold / resume): the body is passed up; answer it once. */
export interface ReinviteRequest {
  readonly body: Buffer;
  readonly contentType: string | undefined;
  accept(opts?: { body?: Buffer; contentType?: string }): void;
  reject(status?: number): void;
}

export type EndedBy = 'local' | 'remote' | 'timeout';

export interface SessionEvents extends Record<string, unknown> {
  progress: { status: number; body: Buffer };
  answered: { body: Buffer; contentType: string | undefined };
  /**
   * The ACK for our 2xx arrived (UAS), with its body: after a late offer
   * (INVITE without SDP, our offer in the 200) the caller's answer is here
   * (RFC 3261 §13.2.1, RFC 3264 §4). Empty otherwise.
   */
  confirmed: { body: Buffer; contentType: string | undefined };
  failed: { status: number; reason: string };
  /** The session is over (BYE, reject, CANCEL, no ACK, or dispose(): reason 'shutdown'); at most once, never after `failed`. */
  ended: { by: EndedBy; reason: string };
  reinvite: ReinviteRequest;
  info: { body: Buffer; contentType: string | undefined };
  refer: { referTo: string; request: SipRequest };
  notify: { event: string | undefined; body: Buffer };
}

/**
 * A call leg's signalling (INVITE usage of a dialog).
 *
 *   initial ──1xx──► early ──2xx──► answering ──ACK──► established ──BYE──► terminated
 *      │               │    (UAC: 2xx+ACK goes straight to established)       ▲
 *      └───────────────┴── reject / CANCEL / failure / timeout ───────────────┘
 */
export type SessionState = 'initial' | 'early' | 'answering' | 'established' | 'terminated';

const ALLOWED: Record<SessionState, readonly SessionState[]> = {
  initial: ['early', 'answering', 'established', 'terminated'],
  early: ['answering', 'established', 'terminated'],
  answering: ['established', 'terminated'],
  established: ['terminated'],
  terminated: [],
};

export abstract class Session extends Emitter<SessionEvents> {
  #state: SessionState = 'initial';
  dialog: Dialog | undefined;
  protected localBody: Buffer = Buffer.alloc(0);
  protected localContentType = 'application/sdp';
  /** 2xx we retransmit until their ACK (§13.3.1.4), by CSeq number. */
  readonly #unacked = new Map<number, TimerHandle>();

  protected constructor(protected readonly core: CoreContext) {
    super();
  }

  get state(): SessionState {
    return this.#state;
  }

  protected transition(to: SessionState): void {
    if (this.#state === to) return;
    if (!ALLOWED[this.#state].includes(to)) throw SipErrors.create('SIP_ILLEGAL_TRANSITION', { what: 'session', from: this.#state, to }, `session: illegal transition ${this.#state} -> ${to}`);
    this.#state = to;
    if (to === 'terminated') this.#cleanup();
  }

  /** Ends the call with BYE (§15.1.1). */
  async bye(): Promise<void> {
    const d = this.dialog;
    if (d === undefined || (this.state !== 'established' && this.state !== 'answering')) return;
    const req = d.createRequest('BYE');
    this.#end('local', 'BYE sent');
    await finalResponse(this.core, req);
  }

  /** Sends a re-INVITE with a new offer (hold / resume); resolves with the final response. */
  async reinvite(body: Buffer, contentType = 'application/sdp'): Promise<SipResponse> {
    const d = this.#requireDialog();
    const req = d.createRequest('INVITE', { body, contentType });
    const res = await finalResponse(this.core, req);
    if (res.status >= 200 && res.status < 300) {
      d.refreshTarget(res);
      this.localBody = body;
      await this.core.sendAck(d.createRequest('ACK', { seq: cseqOf(req).seq }));
    }
    return res;
  }

  /** INFO (RFC 6086), e.g. DTMF as application/dtmf-relay when RTP events are not negotiated. */
  sendInfo(body: Buffer, contentType: string): Promise<SipResponse> {
    return finalResponse(this.core, this.#requireDialog().createRequest('INFO', { body, contentType }));
  }

  /** REFER for a blind transfer (RFC 3515). */
  refer(target: string): Promise<SipResponse> {
    return finalResponse(this.core, this.#requireDialog().createRequest('REFER', { headers: [['Refer-To', `<${target}>`]] }));
  }

  /** NOTIFY the transferor of progress with a message/sipfrag body (RFC 3515 §2.4.5). */
  notifyReferStatus(statusLine: string, final: boolean): Promise<SipResponse> {
    return finalResponse(this.core, this.#requireDialog().createRequest('NOTIFY', {
      headers: [['Event', 'refer'], ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60']],
      body: Buffer.from(statusLine + '\r\n'), contentType: 'message/sipfrag;version=2.0',
    }));
  }

  /** An in-dialog request from the peer (already past the core's checks). */
  handleRequest(req: SipRequest, tx: ServerTransaction): void {
    const d = this.dialog;
    if (d === undefined) return;
    if (!d.acceptRemoteSeq(req)) {
      tx.respond(createResponse(req, 500, { reason: 'CSeq Out of Order' }));
      return;
    }
    const ok = (status = 200, headers: ReadonlyArray<readonly [string, string]> = []) => tx.respond(createResponse(req, status, { headers }));
    const ctype = req.headers.get('content-type');
    switch (req.method) {
      case 'BYE':
        ok();
        this.#end('remote', 'BYE received');
        return;
      case 'INVITE':
        this.#handleReinvite(req, tx as InviteServerTransaction);
        return;
      case 'INFO':
        ok();
        this.emit('info', { body: req.body, contentType: ctype });
        return;
      case 'REFER': {
        const referTo = req.headers.get('refer-to');
        if (referTo === undefined) return ok(400);
        ok(202);
        this.emit('refer', { referTo, request: req });
        return;
      }
      case 'NOTIFY':
        ok();
        this.emit('notify', { event: req.headers.get('event'), body: req.body });
        return;
      case 'OPTIONS':
        ok(200, [['Allow', this.core.allow.join(', ')], ['Accept', 'application/sdp']]);
        return;
      default:
        ok(405, [['Allow', this.core.allow.join(', ')]]);
    }
  }

  /** The ACK for one of our 2xx (§13.3.1.4 ends its retransmission). */
  handleAck(ack: SipRequest): void {
    const seq = cseqOf(ack).seq;
    const t = this.#unacked.get(seq);
    if (t !== undefined) this.core.timers.clear(t);
    this.#unacked.delete(seq);
    if (this.state === 'answering') {
      this.transition('established');
      this.emit('confirmed', { body: ack.body, contentType: ack.headers.get('content-type') });
    }
  }

  /**
   * Sends a 2xx through its transaction and retransmits it at T1, 2·T1 ...
   * T2 until the ACK; no ACK within 64·T1 ends the call with BYE (§13.3.1.4).
   */
  protected send2xxReliably(tx: InviteServerTransaction, ok: SipResponse, reliable: boolean): void {
    tx.respond(ok);
    const seq = cseqOf(ok).seq;
    const { T1, T2 } = this.core.config;
    const deadline = 64 * T1;
    let elapsed = 0;
    let interval = T1;
    const tick = (): void => {
      elapsed += interval;
      if (elapsed >= deadline) {
        this.#unacked.delete(seq);
        if (this.state !== 'terminated') {
          const d = this.dialog;
          this.#end('timeout', 'no ACK for 2xx');
          if (d !== undefined) void finalResponse(this.core, d.createRequest('BYE'));
        }
        return;
      }
      if (!reliable && tx.state === 'accepted') tx.respond(ok);
      interval = Math.min(2 * interval, T2);
      this.#unacked.set(seq, this.core.timers.set(interval, tick));
    };
    this.#unacked.set(seq, this.core.timers.set(interval, tick));
  }

  #handleReinvite(req: SipRequest, tx: InviteServerTransaction): void {
    const d = this.dialog!;
    let answered = false;
    const accept = (opts: { body?: Buffer; contentType?: string } = {}): void => {
      if (answered) return;
      answered = true;
      d.refreshTarget(req);
      if (opts.body !== undefined) this.localBody = opts.body;
      if (opts.contentType !== undefined) this.localContentType = opts.contentType;
      const ok = createResponse(req, 200, {
        headers: [['Contact', d.localContact], ['Content-Type', this.localContentType]],
        body: this.localBody,
      });
      this.send2xxReliably(tx, ok, false);
    };
    const reject = (status = 488): void => {
      if (answered) return;
      answered = true;
      tx.respond(createResponse(req, status));
    };
    if (this.listenerCount('reinvite') === 0) return accept();
    this.emit('reinvite', { body: req.body, contentType: req.headers.get('content-type'), accept, reject });
  }

  #requireDialog(): Dialog {
    if (this.dialog === undefined || this.state === 'terminated') throw SipErrors.create('SIP_NO_DIALOG');
    return this.dialog;
  }

  protected end(by: EndedBy, reason: string): void {
    this.#end(by, reason);
  }

  /** The one place `ended` is emitted: the terminated guard makes it at most once. */
  #end(by: EndedBy, reason: string): void {
    if (this.state === 'terminated') return;
    this.transition('terminated');
    try {
      this.emit('ended', { by, reason });
    } finally {
      this.removeAllListeners();
    }
  }

  protected fail(status: number, reason: string): void {
    if (this.state === 'terminated') return;
    this.transition('terminated');
    this.emit('failed', { status, reason });
    this.removeAllListeners();
  }

  #cleanup(): void {
    for (const t of this.#unacked.values()) this.core.timers.clear(t);
    this.#unacked.clear();
    if (this.dialog !== undefined) {
      this.dialog.transition('terminated');
      this.core.bindDialog(this.dialog.id, undefined);
    }
  }

  /**
   * Ends the session without signalling (shutdown). A live session still
   * tells its listeners, with `ended` {by 'local', reason 'shutdown'}, so
   * the layer above releases what it holds; an ended one stays quiet.
   */
  dispose(): void {
    this.#end('local', 'shutdown');
    this.removeAllListeners();
  }
}
