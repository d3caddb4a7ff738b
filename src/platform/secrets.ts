import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineErrors } from './errors.js';

/**
 * Secrets that must be usable again, not just checked (a trunk's password is
 * sent to the carrier), are kept encrypted at rest with AES-256-GCM: a
 * stolen database alone does not reveal them. The key comes from the
 * SECRET_KEY setting (base64 of 32 bytes) or, by default, from
 * DATA_DIR/secret.key, created with mode 0600 on first use. Losing the key
 * means re-entering the secrets; it is not in the database on purpose.
 *
 * Stored form: `v1:` + base64(iv[12] | tag[16] | ciphertext).
 */
export const SecretErrors = defineErrors({
  SECRET_KEY_INVALID: { status: 500, message: 'the secret key is not 32 bytes of base64' },
  SECRET_UNREADABLE: { status: 500, message: 'a stored secret cannot be decrypted with this key' },
});

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_FILE = 'secret.key';

function decodeKey(b64: string, where: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== 32) throw SecretErrors.create('SECRET_KEY_INVALID', { where }, `${where}: the secret key must be base64 of 32 bytes`);
  return key;
}

/**
 * The key: `secretKey` (the SECRET_KEY setting) when given, else
 * DATA_DIR/secret.key, created 0600 if missing. Two processes starting at
 * once agree: the file is created exclusively and the loser reads it.
 */
export function loadSecretKey(opts: { dataDir: string; secretKey?: string }): Buffer {
  if (opts.secretKey) return decodeKey(opts.secretKey, 'SECRET_KEY');
  const file = join(opts.dataDir, SECRET_KEY_FILE);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // A key file others can read defeats the point; tighten it rather than refuse to start.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return decodeKey(readFileSync(file, 'utf8'), file);
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Throws SECRET_UNREADABLE for a value encrypted under another key or altered. */
export function decryptSecret(stored: string, key: Buffer): string {
  if (!stored.startsWith(VERSION)) throw SecretErrors.create('SECRET_UNREADABLE', { reason: 'unknown format' });
  const raw = Buffer.from(stored.slice(VERSION.length), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw SecretErrors.create('SECRET_UNREADABLE', { reason: 'too short' });
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw SecretErrors.create('SECRET_UNREADABLE', { reason: 'authentication failed (wrong key or altered value)' });
  }
}
