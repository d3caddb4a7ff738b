import { randomBytes, randomUUID } from 'node:crypto';

/** A random UUID v4, used as the primary key of stored rows. */
export function newId(): string {
  return randomUUID();
}

/** A URL-safe random token of `bytes` bytes of entropy (session ids, API keys, SIP tags). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Deterministic ids for pure code and the simulator: `prefix-1`, `prefix-2`, ...
 * Pure modules take an id generator so tests and replays are reproducible.
 */
export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
