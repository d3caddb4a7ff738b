import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, loadSecretKey, SecretErrors } from './secrets.js';

test('a secret round-trips, never appears in the stored form, and differs each time', () => {
  const key = randomBytes(32);
  const a = encryptSecret('carrier-pa55', key);
  const b = encryptSecret('carrier-pa55', key);
  assert.notEqual(a, b, 'a fresh IV each time');
  assert.ok(!a.includes('carrier-pa55'));
  assert.match(a, /^v1:/);
  assert.equal(decryptSecret(a, key), 'carrier-pa55');
});

test('another key or an altered value is refused, not decrypted to garbage', () => {
  const key = randomBytes(32);
  const stored = encryptSecret('s3cret', key);
  assert.throws(() => decryptSecret(stored, randomBytes(32)), (e: unknown) => SecretErrors.is(e, 'SECRET_UNREADABLE'));
  const raw = Buffer.from(stored.slice(3), 'base64');
  raw[raw.length - 1] ^= 1;
  assert.throws(() => decryptSecret(`v1:${raw.toString('base64')}`, key), (e: unknown) => SecretErrors.is(e, 'SECRET_UNREADABLE'));
});

test('without SECRET_KEY the key file is created 0600 once and reused; SECRET_KEY wins when set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-secrets-'));
  try {
    const k1 = loadSecretKey({ dataDir: dir });
    assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
    assert.deepEqual(loadSecretKey({ dataDir: dir }), k1, 'the second start reads the same key');
    const env = randomBytes(32);
    assert.deepEqual(loadSecretKey({ dataDir: dir, secretKey: env.toString('base64') }), env);
    assert.throws(() => loadSecretKey({ dataDir: dir, secretKey: 'c2hvcnQ=' }), (e: unknown) => SecretErrors.is(e, 'SECRET_KEY_INVALID'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
