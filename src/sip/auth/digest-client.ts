import { randomBytes } from 'node:crypto';
import { type DigestAlgorithm, digestResponse, formatAuthHeader, isDigestAlgorithm, parseAuthHeader } from './digest.js';

export interface ClientCredentials {
  readonly username: string;
  readonly password: string;
}

export interface ChallengeAnswer {
  /** `Authorization` for a 401, `Proxy-Authorization` for a 407. */
  readonly header: 'Authorization' | 'Proxy-Authorization';
  readonly value: string;
}

const BARE = new Set(['algorithm', 'qop', 'nc']);

/**
 * Client side: answers a carrier's 401/407 (RFC 3261 §22.2, §22.3). Picks the
 * strongest Digest challenge we support (RFC 8760 §2.4: SHA-256 before MD5).
 */
export function answerChallenge(
  status: 401 | 407,
  challenges: readonly string[],
  creds: ClientCredentials,
  request: { readonly method: string; readonly uri: string },
  opts: { readonly cnonce?: string; readonly nc?: number } = {},
): ChallengeAnswer | null {
  const rank = (a: DigestAlgorithm): number => (a === 'SHA-256' ? 0 : 1);
  const usable = challenges
    .map(parseAuthHeader)
    .filter((c) => c !== null && c.scheme.toLowerCase() === 'digest')
    .map((c) => ({ c: c!, algorithm: c!.params.get('algorithm') ?? 'MD5' }))
    .filter((x): x is { c: NonNullable<typeof x.c>; algorithm: DigestAlgorithm } => isDigestAlgorithm(x.algorithm))
    .sort((a, b) => rank(a.algorithm) - rank(b.algorithm));
  const pick = usable[0];
  if (pick === undefined) return null;
  const realm = pick.c.params.get('realm');
  const nonce = pick.c.params.get('nonce');
  if (realm === undefined || nonce === undefined) return null;
  const qops = (pick.c.params.get('qop') ?? '').split(',').map((q) => q.trim());
  const useQop = qops.includes('auth');
  const cnonce = opts.cnonce ?? randomBytes(12).toString('hex');
  const nc = (opts.nc ?? 1).toString(16).padStart(8, '0');
  const response = digestResponse({
    algorithm: pick.algorithm, username: creds.username, realm, secret: { password: creds.password },
    method: request.method, uri: request.uri, nonce, qop: useQop ? { nc, cnonce } : undefined,
  });
  const params: Array<[string, string]> = [['username', creds.username], ['realm', realm], ['nonce', nonce], ['uri', request.uri], ['response', response], ['algorithm', pick.algorithm]];
  const opaque = pick.c.params.get('opaque');
  if (opaque !== undefined) params.push(['opaque', opaque]);
  if (useQop) params.push(['qop', 'auth'], ['nc', nc], ['cnonce', cnonce]);
  return { header: status === 401 ? 'Authorization' : 'Proxy-Authorization', value: formatAuthHeader('Digest', params, BARE) };
}
