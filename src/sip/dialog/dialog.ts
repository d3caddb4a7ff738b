import { SipErrors } from '../errors.js';
import { Headers, type HeaderEntry, type SipRequest, type SipResponse, callIdOf, contactsOf, cseqOf, fromOf, recordRoutesOf, toOf } from '../message/message.js';
import { type NameAddr, formatNameAddr, paramOf } from '../message/name-addr.js';
import { type Uri, isSipUri } from '../message/uri.js';

/**
 * Dialog state (RFC 3261 §12): identified by Call-ID and both tags.
 *
 *   (1xx with To tag) ─► early ──2xx──► confirmed ──BYE──► terminated
 *        (2xx) ──────────────────────────┘   early ──non-2xx / CANCEL──► terminated
 */
export type DialogState = 'early' | 'confirmed' | 'terminated';

const ALLOWED: Record<DialogState, readonly DialogState[]> = {
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

export interface DialogInit {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localUri: string;
  readonly remoteUri: string;
  readonly remoteTarget: Uri;
  /** Route set in the order requests will carry it. */
  readonly routeSet: readonly NameAddr[];
  readonly localSeq: number;
  readonly remoteSeq: number | undefined;
  readonly localContact: string;
}

export class Dialog {
  #state: DialogState;
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localUri: string;
  readonly remoteUri: string;
  remoteTarget: Uri;
  readonly routeSet: readonly NameAddr[];
  localSeq: number;
  remoteSeq: number | undefined;
  readonly localContact: string;

  constructor(init: DialogInit, state: DialogState) {
    this.callId = init.callId;
    this.localTag = init.localTag;
    this.remoteTag = init.remoteTag;
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.remoteTarget = init.remoteTarget;
    this.routeSet = init.routeSet;
    this.localSeq = init.localSeq;
    this.remoteSeq = init.remoteSeq;
    this.localContact = init.localContact;
    this.#state = state;
  }

  get state(): DialogState {
    return this.#state;
  }

  get id(): string {
    return dialogId(this.callId, this.localTag, this.remoteTag);
  }

  transition(to: DialogState): void {
    if (this.#state === to) return;
    if (!ALLOWED[this.#state].includes(to)) throw SipErrors.create('SIP_ILLEGAL_TRANSITION', { what: 'dialog', id: this.id, from: this.#state, to }, `dialog ${this.id}: illegal transition ${this.#state} -> ${to}`);
    this.#state = to;
  }

  /**
   * §12.2.2: a request with a lower CSeq than the last one is out of order
   * (answer 500); otherwise the remote sequence number advances.
   */
  acceptRemoteSeq(req: SipRequest): boolean {
    const seq = cseqOf(req).seq;
    if (req.method === 'ACK' || req.method === 'CANCEL') return true;
    if (this.remoteSeq !== undefined && seq <= this.remoteSeq) return false;
    this.remoteSeq = seq;
    return true;
  }

  /** A target refresh (re-INVITE, UPDATE, their 2xx) replaces the remote target (§12.2). */
  refreshTarget(msg: SipRequest | SipResponse): void {
    const c = contactsOf(msg)[0];
    if (c !== undefined) this.remoteTarget = c.uri;
  }

  /**
   * Builds an in-dialog request (§12.2.1.1). With a loose-routing first hop
   * (;lr) the Request-URI is the remote target and the route set goes in
   * Route; with a strict router the first route becomes the Request-URI and
   * the remote target is appended last.
   */
  createRequest(method: string, opts: { seq?: number; headers?: ReadonlyArray<readonly [string, string]>; body?: Buffer; contentType?: string } = {}): SipRequest {
    const seq = opts.seq ?? (method === 'ACK' || method === 'CANCEL' ? this.localSeq : ++this.localSeq);
    let uri = this.remoteTarget;
    let routes = this.routeSet.map(formatNameAddr);
    const first = this.routeSet[0];
    if (first !== undefined && !(isSipUri(first.uri) && first.uri.params.has('lr'))) {
      uri = first.uri;
      routes = [...routes.slice(1), `<${formatNameAddrUri(this.remoteTarget)}>`];
    }
    const entries: HeaderEntry[] = [
      { key: 'from', value: `${this.localUri};tag=${this.localTag}` },
      { key: 'to', value: `${this.remoteUri};tag=${this.remoteTag}` },
      { key: 'call-id', value: this.callId },
      { key: 'cseq', value: `${seq} ${method}` },
      { key: 'max-forwards', value: '70' },
    ];
    for (const r of routes) entries.push({ key: 'route', value: r });
    if (method !== 'ACK' && method !== 'CANCEL' && method !== 'BYE') entries.push({ key: 'contact', value: this.localContact });
    for (const [k, v] of opts.headers ?? []) entries.push({ key: k.toLowerCase(), value: v });
    const body = opts.body ?? Buffer.alloc(0);
    if (body.length > 0) entries.push({ key: 'content-type', value: opts.contentType ?? 'application/sdp' });
    return { kind: 'request', method, uri, headers: new Headers(entries), body };
  }
}

function formatNameAddrUri(u: Uri): string {
  return formatNameAddr({ uri: u, params: new Map() }).slice(1, -1);
}

export function dialogId(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** The From/To value without its tag, as stored in dialog state. */
function withoutTag(na: NameAddr): string {
  const params = new Map(na.params);
  params.delete('tag');
  return formatNameAddr({ ...na, params });
}

/** UAS side (§12.1.1): route set = Record-Route in order, remote target = Contact. */
export function dialogFromRequest(req: SipRequest, localTag: string, localContact: string, state: DialogState): Dialog {
  const from = fromOf(req);
  const contact = contactsOf(req)[0];
  return new Dialog({
    callId: callIdOf(req), localTag, remoteTag: paramOf(from, 'tag') ?? '',
    localUri: withoutTag(toOf(req)), remoteUri: withoutTag(from),
    remoteTarget: contact?.uri ?? req.uri, routeSet: recordRoutesOf(req),
    localSeq: 0, remoteSeq: cseqOf(req).seq, localContact,
  }, state);
}

/** UAC side (§12.1.2): route set = Record-Route reversed, remote target = Contact of the response. */
export function dialogFromResponse(req: SipRequest, res: SipResponse, localContact: string, state: DialogState): Dialog {
  const contact = contactsOf(res)[0];
  return new Dialog({
    callId: callIdOf(req), localTag: paramOf(fromOf(req), 'tag') ?? '', remoteTag: paramOf(toOf(res), 'tag') ?? '',
    localUri: withoutTag(fromOf(req)), remoteUri: withoutTag(toOf(req)),
    remoteTarget: contact?.uri ?? req.uri, routeSet: [...recordRoutesOf(res)].reverse(),
    localSeq: cseqOf(req).seq, remoteSeq: undefined, localContact,
  }, state);
}
