import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rangeKey } from './business-hours/business-hours-model.js';
import { flowTemplate } from './flows/flow-template.js';
import { readFlowText } from './flows/flow-text.js';
import { numberBody, numberDraft, validateNumber } from './numbers/numbers-model.js';
import { trunkBody, trunkDraft, trunkHealthPill, trunkRegistrationPill, validateTrunk } from './trunks/trunks-model.js';
import { formatDuration, promptNameFromFile } from './voice-api.js';
import type { Trunk } from './voice-types.js';

const trunk: Trunk = {
  id: 't1', client_id: null, name: 'Carrier', host: 'sip.carrier.example', port: 5060, transport: 'udp', username: 'acct',
  has_password: true, allowed_sources: ['203.0.113.0/24'], max_channels: 30, disabled: false, created_at: '', updated_at: '',
  health: { status: 'unknown', checked_at: null, response_code: null, rtt_ms: null, since: null },
  register: false, register_expires_s: 600, registration: { status: 'off', since: null, expires_at: null, response_code: null, reason: null },
};

void test('trunk: the password is sent only when typed; the owner only on create; sources split per line or comma', () => {
  const d = trunkDraft(trunk);
  assert.equal(d.password, '', 'the stored password is never put back in the form');
  const body = trunkBody({ ...d, allowed_sources: '203.0.113.0/24\n198.51.100.7, 2001:db8::/32' }, false);
  assert.deepEqual(body['allowed_sources'], ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32']);
  assert.equal('password' in body, false);
  assert.equal('client_id' in body, false);
  const created = trunkBody({ ...trunkDraft(null), name: 'X', host: 'h.example', password: 's3cret' }, true);
  assert.equal(created['client_id'], null, 'no client: a shared trunk');
  assert.equal(created['password'], 's3cret');
  assert.equal(created['username'], null);
});

void test('trunk: a URL as host, a bad port and a bad source are named', () => {
  const errors = validateTrunk({ ...trunkDraft(trunk), host: 'sip://x', port: '70000', allowed_sources: '10.0.0.1\nsomewhere' });
  assert.deepEqual(Object.keys(errors).sort(), ['allowed_sources', 'host', 'port']);
  assert.match(errors['allowed_sources'] ?? '', /somewhere/);
});

void test('number: kind left to the server unless chosen; no flow or trunk is null', () => {
  const d = { ...numberDraft(null), client_id: 'c1', e164: ' +1 512 555 0100 ' };
  assert.deepEqual(validateNumber(d), {});
  assert.deepEqual(numberBody(d), { client_id: 'c1', e164: '+1 512 555 0100', label: '', flow_id: null, trunk_id: null });
  assert.equal(numberBody({ ...d, kind: 'toll_free' })['kind'], 'toll_free');
  assert.deepEqual(Object.keys(validateNumber(numberDraft(null))).sort(), ['client_id', 'e164']);
  assert.equal(validateNumber({ ...d, e164: 'call me' })['e164'], 'A phone number, e.g. +1 512 555 0100');
  assert.equal(validateNumber({ ...d, e164: '( ) -' })['e164'], 'A phone number, e.g. +1 512 555 0100');
  assert.deepEqual(validateNumber({ ...d, e164: '(512) 555-0199' }), {}, 'national format is for the server to read');
});

void test('a new flow\'s template parses into an outline: answer, menu, the queue, hang up', () => {
  const text = JSON.stringify(flowTemplate('Support', 'Orders'), null, 2);
  const f = readFlowText(text);
  assert.deepEqual(f.steps.map((s) => `${s.verb}:${s.id ?? ''}`), ['answer:start', 'menu:main-menu', 'enqueue:queue', 'hangup:goodbye']);
  assert.match(text, /"queue": "Orders"/);
});

void test('small formatting helpers', () => {
  assert.equal(promptNameFromFile('Retail Welcome (v2).WAV'), 'retail-welcome-v2');
  assert.equal(formatDuration(1250), '1.3 s');
  assert.equal(formatDuration(125_000), '2:05 min');
  assert.equal(rangeKey('weekly.mon.0.1'), 'weekly.mon.0');
  assert.equal(rangeKey('holidays.1.date'), 'holidays.1.date');
});

void test('trunk status pill: Up with the answer and round trip, Down, Not checked when unknown or disabled', () => {
  const up = trunkHealthPill({ status: 'up', checked_at: '2026-01-05T08:00:00Z', response_code: 404, rtt_ms: 12, since: '2026-01-05T07:00:00Z' }, false);
  assert.equal(up.label, 'Up');
  assert.equal(up.tone, 'pill-ok');
  assert.match(up.title, /404 in 12 ms/);
  assert.equal(trunkHealthPill({ status: 'down', checked_at: null, response_code: null, rtt_ms: null, since: '2026-01-05T07:00:00Z' }, false).label, 'Down');
  assert.equal(trunkHealthPill(trunk.health, false).label, 'Not checked');
  assert.equal(trunkHealthPill({ status: 'up', checked_at: null, response_code: 200, rtt_ms: 3, since: null }, true).label, 'Not checked', 'a disabled trunk is not checked');
});

void test('trunk registration: needs an account (a stored password counts), a lifetime in range; sent only when on; its pill', () => {
  const on = { ...trunkDraft(null), name: 'X', host: 'h.example', register: true, register_expires_s: '30' };
  assert.deepEqual(Object.keys(validateTrunk(on)).sort(), ['password', 'register_expires_s', 'username']);
  assert.deepEqual(validateTrunk({ ...trunkDraft(trunk), register: true }, true), {}, 'editing: the stored password will do');
  assert.deepEqual([trunkBody({ ...on, register_expires_s: '900' }, true)['register'], trunkBody({ ...on, register_expires_s: '900' }, true)['register_expires_s']], [true, 900]);
  assert.equal('register_expires_s' in trunkBody(trunkDraft(trunk), false), false);
  assert.equal(trunkBody(trunkDraft(trunk), false)['register'], false, 'turning it off is sent too');
  assert.equal(trunkRegistrationPill(trunk.registration), null, 'no pill for a trunk that does not register');
  const failed = trunkRegistrationPill({ status: 'failed', since: null, expires_at: null, response_code: 401, reason: 'the carrier refused the username or password' })!;
  assert.deepEqual([failed.label, failed.tone], ['Not registered', 'pill-error']);
  assert.match(failed.title, /refused the username or password \(401\)/);
  assert.equal(trunkRegistrationPill({ status: 'registered', since: null, expires_at: '2026-01-05T09:00:00Z', response_code: 200, reason: null })?.label, 'Registered');
});
