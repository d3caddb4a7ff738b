import { createHash } from 'node:crypto';
import { Scanner, quote, unquote } from '../message/scanner.js';

/** RFC 8760 / RFC 7616 algorithms we speak. */
export type DigestAlgorithm = 'MD5' | 'SHA-256';

export function isDigestAlgorithm(a: string): a is DigestAlgorithm {
  return a === 'MD5' || a === 'SHA-256';
}

export function hash(algorithm: DigestAlgorithm, data: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(data, 'utf8').digest('hex');
}

export interface DigestInput {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly realm: string;
  /** The password, or a stored HA1 = H(username:realm:password). */
  readonly secret: { readonly password: string } | { readonly ha1: string };
  readonly method: string;
  readonly uri: string;
  readonly nonce: string;
  /** With qop=auth (RFC 2617 §3.2.2.1); absent for the RFC 2069 form. */
  readonly qop?: { readonly nc: string; readonly cnonce: string };
}

/** request-digest of RFC 2617 §3.2.2.1 / RFC 7616 §3.4.1 (qop=auth or none). */
export function digestResponse(i: DigestInput): string {
  const ha1 = 'ha1' in i.secret ? i.secret.ha1 : hash(i.algorithm, `${i.username}:${i.realm}:${i.secret.password}`);
  const ha2 = hash(i.algorithm, `${i.method}:${i.uri}`);
  if (i.qop === undefined) return hash(i.algorithm, `${ha1}:${i.nonce}:${ha2}`);
  return hash(i.algorithm, `${ha1}:${i.nonce}:${i.qop.nc}:${i.qop.cnonce}:auth:${ha2}`);
}

/** An auth scheme with its parameters: `Digest realm="x", nonce="y"` (RFC 3261 §25.1 challenge/credentials). */
export interface AuthHeader {
  readonly scheme: string;
  /** Parameter names lower-cased; values unquoted. */
  readonly params: ReadonlyMap<string, string>;
}

/** Parses a WWW-Authenticate / Authorization (and Proxy- variants) value; null if malformed. */
export function parseAuthHeader(value: string): AuthHeader | null {
  const sc = new Scanner(value);
  sc.skipWs();
  const scheme = sc.token();
  if (scheme === '') return null;
  const params = new Map<string, string>();
  sc.skipWs();
  while (!sc.eof()) {
    const name = sc.token();
    if (name === '' || !sc.accept('=')) return params.size === 0 && scheme !== 'Digest' ? { scheme, params } : null;
    let v: string;
    if (sc.peek() === '"') {
      const raw = sc.quotedRaw();
      if (raw === null) return null;
      v = unquote(raw);
    } else {
      const start = sc.pos;
      while (!sc.eof() && sc.peek() !== ',' && sc.peek() !== ' ' && sc.peek() !== '\t') sc.pos++;
      v = value.slice(start, sc.pos);
    }
    params.set(name.toLowerCase(), v);
    if (!sc.accept(',')) {
      sc.skipWs();
      if (!sc.eof()) return null;
    }
  }
  return { scheme, params };
}

/** Writes `Digest k="v", ...`; `bare` names are written without quotes (algorithm, qop in credentials, nc, stale). */
export function formatAuthHeader(scheme: string, params: ReadonlyArray<readonly [string, string]>, bare: ReadonlySet<string>): string {
  return `${scheme} ` + params.map(([k, v]) => `${k}=${bare.has(k) ? v : quote(v)}`).join(', ');
}
