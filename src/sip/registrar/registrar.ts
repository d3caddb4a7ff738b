import type { Clock } from '../../platform/clock.js';
import type { AuthThrottle } from '../auth/auth-throttle.js';
import type { DigestServer } from '../auth/digest-server.js';
import { type SipRequest, callIdOf, contactsOf, cseqOf, toOf } from '../message/message.js';
import { formatUri, isSipUri, type SipUri } from '../message/uri.js';
import type { ResponseOptions } from '../message/response.js';
import { unescapeUri } from '../message/chars.js';
import type { Endpoint } from '../transport/transport.js';
import type { LocationService } from './location-service.js';

export interface RegistrarOptions {
  readonly clock: Clock;
  readonly location: LocationService;
  /** Digest verification; without it every REGISTER is accepted (lab use only). */
  readonly auth?: DigestServer;
  readonly throttle?: AuthThrottle;
  readonly minExpires?: number;
  readonly maxExpires?: number;
  readonly defaultExpires?: number;
}

type Reply = (status: number, opts?: ResponseOptions) => void;

/** The canonical AOR of a To URI (§10.3 step 5): sip:user@host, host lower-cased. */
export function aorOf(uri: SipUri): string {
  return `${uri.scheme}:${uri.user === undefined ? '' : unescapeUri(uri.user) + '@'}${uri.host.toLowerCase()}`;
}

/**
 * A registrar (RFC 3261 §10.3): digest authentication, the authenticated
 * user may only register their own AOR, Expires / contact ;expires with
 * 423 Interval Too Brief, wildcard un-register, Call-ID/CSeq ordering.
 */
export function createRegistrar(opts: RegistrarOptions) {
  const minExpires = opts.minExpires ?? 60;
  const maxExpires = opts.maxExpires ?? 3600;
  const defaultExpires = opts.defaultExpires ?? 3600;

  async function handle(req: SipRequest, reply: Reply, from: { readonly source: Endpoint }): Promise<void> {
    const source = from.source.address;
    const to = toOf(req).uri;
    // RFC 4475 §3.3.4: the To of a REGISTER must be a SIP or SIPS URI.
    if (!isSipUri(to)) return reply(400, { reason: 'Bad AOR' });
    const aor = aorOf(to);
    if (opts.auth !== undefined) {
      if (opts.throttle?.isBlocked(source)) return reply(403, { reason: 'Too Many Failed Attempts' });
      const verdict = await opts.auth.verify(req);
      if (!verdict.ok) {
        if (verdict.reason !== 'no-credentials' && verdict.reason !== 'stale') opts.throttle?.recordFailure(source);
        return reply(401, { headers: verdict.challenge });
      }
      opts.throttle?.recordSuccess(source);
      // §10.3 step 4: a user registers only their own address-of-record.
      if (to.user === undefined || unescapeUri(to.user) !== verdict.username) return reply(403, { reason: 'AOR Mismatch' });
    }
    const callId = callIdOf(req);
    const seq = cseqOf(req).seq;
    const headerExpires = req.headers.get('expires');
    const now = opts.clock.now();

    const wildcard = req.headers.getAll('contact').some((c) => c === '*');
    if (wildcard) {
      // §10.3 step 6: "*" only alone and only with Expires: 0.
      if (req.headers.getAll('contact').length !== 1 || headerExpires !== '0') return reply(400, { reason: 'Bad Wildcard Contact' });
      for (const b of opts.location.lookup(aor)) {
        if (b.callId === callId && b.cseq >= seq) return reply(500, { reason: 'Out of Order', headers: [['Retry-After', '1']] });
      }
      opts.location.removeAll(aor);
      return reply(200);
    }

    const changes: Array<{ uri: string; expires: number; q: number | undefined }> = [];
    for (const c of contactsOf(req)) {
      const raw = c.params.get('expires') ?? headerExpires ?? String(defaultExpires);
      const expires = /^\d{1,10}$/.test(raw) ? Math.min(Number(raw), maxExpires) : defaultExpires;
      if (expires !== 0 && expires < minExpires) return reply(423, { headers: [['Min-Expires', String(minExpires)]] });
      const qRaw = c.params.get('q');
      changes.push({ uri: formatUri(c.uri), expires, q: typeof qRaw === 'string' && /^[01](\.\d{0,3})?$/.test(qRaw) ? Number(qRaw) : undefined });
    }
    for (const ch of changes) {
      const existing = opts.location.get(aor, ch.uri);
      // §10.3 step 7: same Call-ID with a CSeq not above the stored one is stale.
      if (existing !== undefined && existing.callId === callId && existing.cseq >= seq) {
        return reply(500, { reason: 'Out of Order', headers: [['Retry-After', '1']] });
      }
    }
    for (const ch of changes) {
      if (ch.expires === 0) opts.location.remove(aor, ch.uri);
      else opts.location.put({ aor, uri: ch.uri, expiresAt: now + ch.expires * 1000, callId, cseq: seq, q: ch.q, source: from.source });
    }
    // §10.3 step 8: the 200 lists every current binding with its remaining time.
    const headers: Array<[string, string]> = opts.location.lookup(aor).map((b) => [
      'Contact', `<${b.uri}>;expires=${Math.max(0, Math.ceil((b.expiresAt - now) / 1000))}`,
    ]);
    headers.push(['Date', new Date(now).toUTCString()]);
    reply(200, { headers });
  }

  return { handle };
}

export type Registrar = ReturnType<typeof createRegistrar>;

/** Adapts the registrar to `UserAgentDelegate.onRegister` (a failure answers 500, never floats). */
export function registerHandler(r: Registrar) {
  return (req: SipRequest, reply: Reply, from: { readonly source: Endpoint }): void => {
    r.handle(req, reply, from).catch(() => reply(500));
  };
}
