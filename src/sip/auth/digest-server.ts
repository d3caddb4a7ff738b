import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { SipRequest } from '../message/message.js';
import { type DigestAlgorithm, digestResponse, formatAuthHeader, isDigestAlgorithm, parseAuthHeader } from './digest.js';
import { checkNonce, makeNonce } from './nonce.js';

/** What the host knows about a user: a password or a precomputed HA1 per algorithm. */
export type CredentialsLookup = (
  username: string,
  realm: string,
) => Promise<{ readonly password: string } | { readonly ha1: Readonly<Partial<Record<DigestAlgorithm, string>>> } | null>;

export interface DigestServerOptions {
  readonly realm: string;
  readonly clock: Clock;
  readonly lookup: CredentialsLookup;
  /** HMAC key for nonces; random per process by default (restarts make old nonces stale-invalid). */
  readonly secret?: Buffer;
  readonly nonceTtlMs?: number;
  /** Offered in this order (RFC 8760 §2.4: strongest first). */
  readonly algorithms?: readonly DigestAlgorithm[];
}

export type DigestVerdict =
  | { readonly ok: true; readonly username: string }
  | {
      readonly ok: false;
      readonly reason: 'no-credentials' | 'malformed' | 'wrong-realm' | 'bad-nonce' | 'stale' | 'unknown-user' | 'bad-response' | 'uri-mismatch';
      /** Headers for the 401/407 to send (one challenge per algorithm). */
      readonly challenge: ReadonlyArray<readonly [string, string]>;
    };

const BARE = new Set(['algorithm', 'stale']);

/**
 * Server side of SIP digest authentication (RFC 3261 §22.4, RFC 8760):
 * challenges with 401 (registrar/UAS) or 407 (proxy mode) and verifies
 * credentials against the host's lookup. Nonces are stateless HMACs.
 */
export function createDigestServer(opts: DigestServerOptions) {
  const secret = opts.secret ?? randomBytes(32);
  const ttl = opts.nonceTtlMs ?? 5 * 60_000;
  const algorithms = opts.algorithms ?? ['SHA-256', 'MD5'];

  function challenge(proxy: boolean, stale = false): Array<[string, string]> {
    const name = proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    const nonce = makeNonce(secret, opts.realm, opts.clock.now());
    return algorithms.map((algorithm) => {
      const params: Array<[string, string]> = [['realm', opts.realm], ['nonce', nonce], ['algorithm', algorithm], ['qop', 'auth']];
      if (stale) params.push(['stale', 'true']);
      return [name, formatAuthHeader('Digest', params, BARE)];
    });
  }

  async function verify(req: SipRequest, proxy = false): Promise<DigestVerdict> {
    const deny = (reason: Exclude<DigestVerdict, { ok: true }>['reason'], stale = false): DigestVerdict =>
      ({ ok: false, reason, challenge: challenge(proxy, stale) });
    // Pick the credentials for our realm (a request may carry several, §22.4).
    const values = req.headers.getAll(proxy ? 'proxy-authorization' : 'authorization');
    const creds = values.map(parseAuthHeader).find((c) => c !== null && c.scheme.toLowerCase() === 'digest' && c.params.get('realm') === opts.realm);
    if (creds === undefined || creds === null) {
      return deny(values.length === 0 ? 'no-credentials' : values.some((v) => /^\s*digest\s/i.test(v)) ? 'wrong-realm' : 'no-credentials');
    }
    const p = creds.params;
    const username = p.get('username');
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    const algorithm = p.get('algorithm') ?? 'MD5';
    if (username === undefined || nonce === undefined || uri === undefined || response === undefined || !isDigestAlgorithm(algorithm)) {
      return deny('malformed');
    }
    const qop = p.get('qop');
    const nc = p.get('nc');
    const cnonce = p.get('cnonce');
    if (qop !== undefined && (qop !== 'auth' || nc === undefined || cnonce === undefined)) return deny('malformed');
    const nonceState = checkNonce(secret, opts.realm, nonce, opts.clock.now(), ttl);
    if (nonceState === 'invalid') return deny('bad-nonce');
    const known = await opts.lookup(username, opts.realm);
    if (known === null) return deny('unknown-user');
    const secretFor = 'password' in known ? { password: known.password } : known.ha1[algorithm] !== undefined ? { ha1: known.ha1[algorithm] } : null;
    if (secretFor === null) return deny('unknown-user');
    const expected = digestResponse({
      algorithm, username, realm: opts.realm, secret: secretFor, method: req.method, uri, nonce,
      qop: qop === undefined || nc === undefined || cnonce === undefined ? undefined : { nc, cnonce },
    });
    if (expected !== response.toLowerCase()) return deny('bad-response');
    // A right answer to an expired nonce: ask again without bothering the user (RFC 2617 §3.2.1).
    if (nonceState === 'stale') return deny('stale', true);
    return { ok: true, username };
  }

  return { challenge, verify };
}

export type DigestServer = ReturnType<typeof createDigestServer>;
