import { SipErrors } from '../errors.js';
import { randomToken } from '../../platform/ids.js';
import type { ClientCredentials } from '../auth/digest-client.js';
import { dialogId } from '../dialog/dialog.js';
import { Headers, type SipRequest, type SipResponse, callIdOf, fromOf, toOf } from '../message/message.js';
import { paramOf } from '../message/name-addr.js';
import { type ResponseOptions, createResponse } from '../message/response.js';
import { parseUri, formatUri, hostForUri, type Uri } from '../message/uri.js';
import { newBranch } from '../transaction/requests.js';
import { DEFAULT_TIMERS, type TimerConfig, type TimerFacility, systemTimers } from '../transaction/timers.js';
import { TransactionLayer, type ServerTransaction, type TransactionUser } from '../transaction/transaction-layer.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { Inbound, TransportLayer } from '../transport/transport-layer.js';
import type { Endpoint, TransportProtocol } from '../transport/transport.js';
import type { CoreContext } from './core-context.js';
import { finalResponse } from './core-context.js';
import { IncomingSession } from './incoming-session.js';
import { type Resolver, dnsResolver, nextHop } from './next-hop.js';
import { type AckAnswerer, OutgoingSession } from './outgoing-session.js';
import { checkRequest } from './request-checks.js';
import type { Session } from './session.js';

export type Reply = (status: number, opts?: ResponseOptions) => void;

/** What the layer above (calls/, registrar) handles. Anything it leaves out is refused safely. */
export interface UserAgentDelegate {
  /** A new call. Without this handler every INVITE gets 480 (never left ringing). */
  onInvite?(session: IncomingSession): void;
  /** REGISTER; without it REGISTER is not in Allow and gets 405. */
  onRegister?(req: SipRequest, reply: Reply, from: Inbound): void;
  /** Overrides the core's OPTIONS answer (200 with Allow/Accept/Supported). */
  onOptions?(req: SipRequest, reply: Reply, from: Inbound): void;
}

/** A rate-limit decision per request, asked before any other work (see rate-limiter.ts). */
export type AdmitRequest = (req: SipRequest, from: Inbound) => { readonly verdict: 'accept' } | { readonly verdict: 'reject'; readonly retryAfterS: number } | { readonly verdict: 'drop' };

export interface UserAgentOptions {
  readonly transport: TransportLayer;
  /** Address written in Via and Contact (the advertised SIP_HOST). */
  readonly host: string;
  readonly delegate: UserAgentDelegate;
  readonly timers?: TimerFacility;
  readonly timerConfig?: Partial<TimerConfig>;
  readonly resolve?: Resolver;
  readonly admit?: AdmitRequest;
  /** User part of our Contact. */
  readonly contactUser?: string;
  readonly userAgentHeader?: string;
  /** An INVITE the TU has not answered by then gets 480 (never left ringing). Default 180 s. */
  readonly unansweredTimeoutMs?: number;
}

export interface InviteOptions {
  readonly body?: Buffer;
  readonly contentType?: string;
  readonly from?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  /** Credentials to answer a 401/407 from a carrier (§22.2). */
  readonly auth?: ClientCredentials;
  /** Outbound proxy / trunk route (a loose-routing URI). */
  readonly route?: string;
  /**
   * A late offer: send the INVITE without `body` and answer the 2xx's offer
   * here; the answer goes in the ACK (RFC 3261 §13.2.1).
   */
  readonly answerInAck?: AckAnswerer;
}

const BASE_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS', 'INFO', 'REFER', 'NOTIFY'];
const SUPPORTED = ['replaces'];

/**
 * The UA core (RFC 3261 §8, §12–§16): the transaction user that turns
 * requests into sessions, answers what the RFC says to, and refuses the rest.
 */
export class UserAgent implements TransactionUser {
  readonly transactions: TransactionLayer;
  readonly #dialogs = new Map<string, Session>();
  readonly #incoming = new Map<InviteServerTransaction, IncomingSession>();
  /** Pending INVITEs by Call-ID, From tag and CSeq, to spot merged requests (§8.2.2.2). */
  readonly #pendingInvites = new Map<string, InviteServerTransaction>();
  readonly #sessions = new Set<Session>();
  readonly #allow: string[];
  readonly #core: CoreContext;
  readonly #resolve: Resolver;

  constructor(private readonly opts: UserAgentOptions) {
    const timers = opts.timers ?? systemTimers;
    const config: TimerConfig = { ...DEFAULT_TIMERS, ...opts.timerConfig };
    this.transactions = new TransactionLayer({ transport: opts.transport, timers, config });
    this.transactions.setUser(this);
    this.#allow = opts.delegate.onRegister !== undefined ? [...BASE_METHODS, 'REGISTER'] : BASE_METHODS;
    this.#resolve = opts.resolve ?? dnsResolver;
    this.#core = {
      timers, config, allow: this.#allow, supported: SUPPORTED,
      send: (req, user, dest) => this.#send(req, user, dest),
      sendAck: async (ack) => {
        const dest = await nextHop(ack, this.#resolve);
        this.#stampVia(ack, dest.protocol);
        await this.transactions.sendAck(ack, dest);
      },
      contact: (p) => this.contact(p),
      newTag: () => randomToken(8),
      bindDialog: (id, s) => {
        if (s === undefined) this.#dialogs.delete(id);
        else this.#dialogs.set(id, s as Session);
      },
    };
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Our Contact for `protocol`; `user` is the UA's contact user unless given (a trunk registers its account). */
  contact(protocol: TransportProtocol, user = this.opts.contactUser ?? 'switchboard'): string {
    const t = this.opts.transport.get(protocol) ?? this.opts.transport.get('UDP');
    const port = t?.local.port ?? 5060;
    return `<sip:${user}@${hostForUri(this.opts.host)}:${port}${protocol === 'TCP' ? ';transport=tcp' : ''}>`;
  }

  // ---- TransactionUser -------------------------------------------------------------

  onRequest(req: SipRequest, tx: ServerTransaction, from: Inbound): void {
    const reply = (status: number, o: ResponseOptions = {}): void => {
      if (tx.state === 'trying' || tx.state === 'proceeding') tx.respond(createResponse(req, status, { toTag: randomToken(8), ...o }));
    };
    const admit = this.opts.admit?.(req, from) ?? { verdict: 'accept' };
    if (admit.verdict === 'drop') return;
    if (admit.verdict === 'reject') return reply(503, { headers: [['Retry-After', String(admit.retryAfterS)]] });
    const rejection = checkRequest(req, { allow: this.#allow, supported: SUPPORTED, accept: ['application/sdp'] });
    if (rejection !== null) return reply(rejection.status, { reason: rejection.reason, headers: rejection.headers });

    if (paramOf(toOf(req), 'tag') !== undefined) {
      const session = this.#dialogs.get(dialogId(callIdOf(req), paramOf(toOf(req), 'tag') ?? '', paramOf(fromOf(req), 'tag') ?? ''));
      if (session === undefined) return reply(481);
      return session.handleRequest(req, tx);
    }
    switch (req.method) {
      case 'INVITE':
        return this.#onInvite(req, tx as InviteServerTransaction, from);
      case 'OPTIONS':
        if (this.opts.delegate.onOptions !== undefined) return this.opts.delegate.onOptions(req, reply, from);
        return reply(200, { headers: [['Allow', this.#allow.join(', ')], ['Accept', 'application/sdp'], ['Supported', SUPPORTED.join(', ')]] });
      case 'REGISTER':
        return this.opts.delegate.onRegister?.(req, reply, from);
      default:
        // BYE / INFO / REFER / NOTIFY outside a dialog (§12.2.2).
        return reply(481);
    }
  }

  onAck(ack: SipRequest): void {
    const session = this.#dialogs.get(dialogId(callIdOf(ack), paramOf(toOf(ack), 'tag') ?? '', paramOf(fromOf(ack), 'tag') ?? ''));
    session?.handleAck(ack);
  }

  onCancel(_cancel: SipRequest, invite: InviteServerTransaction | undefined): void {
    if (invite === undefined) return;
    this.#incoming.get(invite)?.cancelled();
  }

  // ---- outgoing ----------------------------------------------------------------------

  /** Places a call to `target` (a SIP URI); returns the session at once, events follow. */
  invite(target: string, opts: InviteOptions = {}): OutgoingSession {
    const uri = parseUri(target);
    if (uri === null) throw SipErrors.create('SIP_BAD_TARGET', { target });
    const req = this.#newRequest('INVITE', uri, opts);
    const s = new OutgoingSession(this.#core, req, { auth: opts.auth, answerInAck: opts.answerInAck });
    this.#track(s);
    s.start();
    return s;
  }

  /** Out-of-dialog OPTIONS (trunk keep-alive); resolves with the final response. */
  options(target: string): Promise<SipResponse> {
    const uri = parseUri(target);
    if (uri === null) throw SipErrors.create('SIP_BAD_TARGET', { target });
    return finalResponse(this.#core, this.#newRequest('OPTIONS', uri, {}));
  }

  /**
   * One REGISTER to a carrier's registrar (RFC 3261 §10.2) binding `aor` to
   * our address under `contactUser`; resolves with the final response. The
   * caller keeps one Call-ID and raises the CSeq for every request to the
   * same registrar (§10.2.4), and answers a 401/407 itself (`authorization`).
   */
  register(o: { registrar: string; aor: string; contactUser: string; expires: number; callId: string; fromTag: string; cseq: number;
    authorization?: { readonly header: string; readonly value: string } }): Promise<SipResponse> {
    const uri = parseUri(o.registrar);
    const aor = parseUri(o.aor);
    if (uri === null) throw SipErrors.create('SIP_BAD_TARGET', { target: o.registrar });
    if (aor === null) throw SipErrors.create('SIP_BAD_TARGET', { target: o.aor });
    const headers = new Headers([
      { key: 'from', value: `<${formatUri(aor)}>;tag=${o.fromTag}` },
      { key: 'to', value: `<${formatUri(aor)}>` },
      { key: 'call-id', value: o.callId },
      { key: 'cseq', value: `${o.cseq} REGISTER` },
      { key: 'max-forwards', value: '70' },
      { key: 'contact', value: this.contact(routeProtocol(undefined, uri), o.contactUser) },
      { key: 'expires', value: String(o.expires) },
      { key: 'allow', value: this.#allow.join(', ') },
    ]);
    if (this.opts.userAgentHeader !== undefined) headers.append('user-agent', this.opts.userAgentHeader);
    if (o.authorization !== undefined) headers.append(o.authorization.header.toLowerCase(), o.authorization.value);
    return finalResponse(this.#core, { kind: 'request', method: 'REGISTER', uri, headers, body: Buffer.alloc(0) });
  }

  /** Ends every session and transaction without signalling (shutdown); each live session emits `ended` once. */
  dispose(): void {
    for (const s of [...this.#sessions]) s.dispose();
    this.#sessions.clear();
    this.#dialogs.clear();
    this.#incoming.clear();
    this.#pendingInvites.clear();
    this.transactions.dispose();
  }

  #onInvite(req: SipRequest, tx: InviteServerTransaction, from: Inbound): void {
    // §8.2.2.2: the same request arriving by another path (a fork looping back) → 482.
    const mergeKey = `${callIdOf(req)}|${paramOf(fromOf(req), 'tag') ?? ''}|${req.headers.get('cseq') ?? ''}`;
    const other = this.#pendingInvites.get(mergeKey);
    if (other !== undefined && other !== tx && other.state !== 'terminated') {
      tx.respond(createResponse(req, 482, { toTag: randomToken(8) }));
      return;
    }
    this.#pendingInvites.set(mergeKey, tx);
    // §8.2.6.1 / §17.2.1: a 100 at once stops the caller's retransmissions.
    tx.respond(createResponse(req, 100));
    const delegate = this.opts.delegate;
    const session = new IncomingSession(this.#core, req, tx, from);
    if (delegate.onInvite === undefined) {
      this.#pendingInvites.delete(mergeKey);
      return session.reject(480, 'Temporarily Unavailable');
    }
    this.#incoming.set(tx, session);
    this.#track(session, () => {
      this.#incoming.delete(tx);
      this.#pendingInvites.delete(mergeKey);
    });
    session.on('confirmed', () => this.#pendingInvites.delete(mergeKey));
    try {
      delegate.onInvite(session);
    } catch {
      session.reject(500);
      return;
    }
    if (session.answered) return;
    const timer = this.#core.timers.set(this.opts.unansweredTimeoutMs ?? 180_000, () => session.reject(480, 'No Answer'));
    const clear = (): void => this.#core.timers.clear(timer);
    session.on('ended', clear).on('confirmed', clear).on('failed', clear);
  }

  #track(s: Session, onEnd?: () => void): void {
    this.#sessions.add(s);
    const done = (): void => {
      this.#sessions.delete(s);
      onEnd?.();
    };
    s.on('ended', done).on('failed', done);
  }

  #newRequest(method: string, uri: Uri, opts: InviteOptions): SipRequest {
    const tag = randomToken(8);
    const from = opts.from ?? `<sip:${this.opts.contactUser ?? 'switchboard'}@${hostForUri(this.opts.host)}>`;
    const headers = new Headers([
      { key: 'from', value: `${from};tag=${tag}` },
      { key: 'to', value: `<${formatUri(uri)}>` },
      { key: 'call-id', value: `${randomToken(12)}@${this.opts.host}` },
      { key: 'cseq', value: `1 ${method}` },
      { key: 'max-forwards', value: '70' },
    ]);
    if (opts.route !== undefined) headers.append('route', `<${opts.route}>`);
    headers.append('contact', this.contact(routeProtocol(opts.route, uri)));
    headers.append('allow', this.#allow.join(', '));
    headers.append('supported', SUPPORTED.join(', '));
    if (this.opts.userAgentHeader !== undefined) headers.append('user-agent', this.opts.userAgentHeader);
    for (const [k, v] of opts.headers ?? []) headers.append(k, v);
    const body = opts.body ?? Buffer.alloc(0);
    if (body.length > 0) headers.append('content-type', opts.contentType ?? 'application/sdp');
    return { kind: 'request', method, uri, headers, body };
  }

  async #send(req: SipRequest, user: Parameters<TransactionLayer['sendRequest']>[2], given?: Endpoint) {
    const dest = given ?? (await nextHop(req, this.#resolve));
    if (req.method !== 'CANCEL') this.#stampVia(req, dest.protocol);
    return { tx: this.transactions.sendRequest(req, dest, user), dest };
  }

  /** §8.1.1.7 / §18.1.1: our Via on top, fresh branch, rport requested (RFC 3581). */
  #stampVia(req: SipRequest, protocol: TransportProtocol): void {
    const port = this.opts.transport.get(protocol)?.local.port ?? 5060;
    req.headers.remove('via');
    req.headers.entries.unshift({ key: 'via', value: `SIP/2.0/${protocol} ${hostForUri(this.opts.host)}:${port};branch=${newBranch()};rport` });
  }
}

function routeProtocol(route: string | undefined, uri: Uri): TransportProtocol {
  const u = route === undefined ? uri : parseUri(route) ?? uri;
  return 'params' in u && (u.params.get('transport') ?? '').toLowerCase() === 'tcp' ? 'TCP' : 'UDP';
}

export function createUserAgent(opts: UserAgentOptions): UserAgent {
  return new UserAgent(opts);
}
