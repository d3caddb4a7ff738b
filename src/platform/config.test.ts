import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from './config.js';

test('defaults give a working embedded setup on port 8080', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 8080);
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.LOG_LEVEL, 'info');
  assert.ok(c.dataDir.endsWith('/data'));
  assert.equal(c.TRUNK_OPTIONS_INTERVAL_S, 30, 'trunks are pinged every 30 s unless told otherwise');
});

test('a wrong value names the setting and what was given', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message) && /eighty/.test(e.message));
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ RTP_PORT_MIN: '20000', RTP_PORT_MAX: '10000' }), /RTP_PORT_MAX/);
  assert.throws(() => loadConfig({ TRUNK_OPTIONS_INTERVAL_S: '-1' }), /TRUNK_OPTIONS_INTERVAL_S/);
  assert.equal(loadConfig({ TRUNK_OPTIONS_INTERVAL_S: '0' }).TRUNK_OPTIONS_INTERVAL_S, 0, '0 turns trunk checks off');
});

test('secrets are never echoed in config errors', () => {
  assert.throws(() => loadConfig({ SWITCHBOARD_ADMIN_PASSWORD: 'short' }), (e: unknown) => {
    const m = (e as Error).message;
    return /SWITCHBOARD_ADMIN_PASSWORD/.test(m) && !m.includes('short"');
  });
});

test('SIP_REALM defaults to switchboard; a wrong SECRET_KEY is named and never echoed', () => {
  assert.equal(loadConfig({}).SIP_REALM, 'switchboard');
  assert.throws(() => loadConfig({ SIP_REALM: 'two words' }), /SIP_REALM/);
  assert.throws(() => loadConfig({ SECRET_KEY: 'not-base64-of-32-bytes' }), (e: unknown) => {
    const m = (e as Error).message;
    return /SECRET_KEY: must be base64 of 32 random bytes/.test(m) && !m.includes('not-base64');
  });
  const key = Buffer.alloc(32, 7).toString('base64');
  assert.equal(loadConfig({ SECRET_KEY: key }).SECRET_KEY, key);
});

test('agent state history is kept 400 days unless set; a retention that is not a whole number of days ≥ 1 is refused', () => {
  assert.equal(loadConfig({}).AGENT_STATE_LOG_RETENTION_DAYS, 400);
  assert.equal(loadConfig({ AGENT_STATE_LOG_RETENTION_DAYS: '90' }).AGENT_STATE_LOG_RETENTION_DAYS, 90);
  for (const bad of ['0', '-5', '1.5', 'forever']) assert.throws(() => loadConfig({ AGENT_STATE_LOG_RETENTION_DAYS: bad }), /AGENT_STATE_LOG_RETENTION_DAYS/);
});
