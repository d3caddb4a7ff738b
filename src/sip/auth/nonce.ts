import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Stateless nonces (RFC 7616 §3.3 suggests time-stamp + H(time-stamp ":" secret)):
 * `<ms timestamp base36>.<random>.<hmac>`. The server verifies them with its
 * secret alone, so nonces need no storage; an old but genuine nonce is
 * "stale" (the client retries with stale=true, no password prompt).
 */
export type NonceCheck = 'valid' | 'stale' | 'invalid';

export function makeNonce(secret: Buffer, realm: string, nowMs: number, random: Buffer = randomBytes(9)): string {
  const body = `${nowMs.toString(36)}.${random.toString('base64url')}`;
  return `${body}.${mac(secret, realm, body)}`;
}

export function checkNonce(secret: Buffer, realm: string, nonce: string, nowMs: number, ttlMs: number): NonceCheck {
  const last = nonce.lastIndexOf('.');
  if (last <= 0 || nonce.length > 200) return 'invalid';
  const body = nonce.slice(0, last);
  const given = Buffer.from(nonce.slice(last + 1));
  const want = Buffer.from(mac(secret, realm, body));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return 'invalid';
  const issued = parseInt(body.slice(0, body.indexOf('.')), 36);
  if (!Number.isFinite(issued) || issued > nowMs + 5000) return 'invalid';
  return nowMs - issued > ttlMs ? 'stale' : 'valid';
}

function mac(secret: Buffer, realm: string, body: string): string {
  return createHmac('sha256', secret).update(realm).update('\n').update(body).digest('base64url').slice(0, 22);
}
