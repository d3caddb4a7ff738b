import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Agent, Client, Queue } from '../../api/types.js';
import { agentBody, agentDraft, validateAgent } from './agents-model.js';
import { apiKeyBody, apiKeyDraft, keyHint, validateApiKey } from './api-keys-model.js';
import { clientBody, clientDraft, validateClient } from './clients-model.js';
import { queueBody, queueDraft, validateQueue } from './queues-model.js';
import { userBody, userDraft, validateUser } from './users-model.js';
import { teamBody, teamDraft } from './teams-model.js';

void test('client: required fields, bad zone and country are caught; code and country are upper-cased', () => {
  assert.deepEqual(validateClient(clientDraft(null)), { name: 'Required', code: 'Required', timezone: 'Required' });
  const bad = { name: 'Acme', code: 'AC ME', timezone: 'Mars/Base', country: 'USA' };
  assert.deepEqual(Object.keys(validateClient({ ...clientDraft(null), ...bad })).sort(), ['code', 'country', 'timezone']);
  const ok = { name: ' Acme ', code: 'acme', timezone: 'America/New_York', country: 'us' };
  const okDraft = { ...clientDraft(null), ...ok };
  assert.deepEqual(validateClient(okDraft), {});
  assert.deepEqual(clientBody(okDraft), {
    name: 'Acme', code: 'ACME', timezone: 'America/New_York', country: 'US', record_calls: false, dial_plan: { allowed_prefixes: [], trunk_id: null },
  });
  assert.equal('country' in clientBody({ ...okDraft, country: '' }), false);
});

void test('client: recording and the dial plan round-trip; a prefix without + is refused', () => {
  const row: Client = {
    id: 'c1', name: 'Acme', code: 'ACME', timezone: 'UTC', country: null, record_calls: true,
    dial_plan: { allowed_prefixes: ['+1', '+4420'], trunk_id: 't1' }, disabled: false, created_at: '', updated_at: '',
  };
  const body = clientBody(clientDraft(row));
  assert.equal(body['record_calls'], true);
  assert.deepEqual(body['dial_plan'], { allowed_prefixes: ['+1', '+4420'], trunk_id: 't1' });
  assert.match(validateClient({ ...clientDraft(row), allowed_prefixes: ['44'] })['dial_plan'] ?? '', /“44”/);
});

void test('team: no client means a horizontal team (null), not an empty id', () => {
  assert.deepEqual(teamBody({ ...teamDraft(null), name: 'Blue', site_id: 's1' }), { name: 'Blue', site_id: 's1', client_id: null });
});

void test('user: password required on create, optional on edit, at least 10 characters', () => {
  const d = { ...userDraft(null), email: 'bo@example.com', name: 'Bo', role: 'agent' as const };
  assert.equal(validateUser(d, true)['password'], 'Required');
  assert.deepEqual(validateUser(d, false), {});
  assert.equal(validateUser({ ...d, password: 'short' }, false)['password'], 'At least 10 characters');
  assert.equal('password' in userBody(d), false, 'a blank password is not sent on edit');
  assert.equal(userBody({ ...d, password: 'long-enough-pw' })['password'], 'long-enough-pw');
  assert.equal(validateUser({ ...d, email: 'not-an-email' }, false)['email'], 'Not an email address');
});

void test('user: team confinement round-trips and an admin cannot be confined to teams', () => {
  const d = { ...userDraft(null), email: 'sup@example.com', name: 'Sup', role: 'supervisor' as const, password: 'long-enough-pw', team_ids: ['t1'] };
  assert.deepEqual(validateUser(d, true), {});
  assert.deepEqual(userBody(d)['team_ids'], ['t1']);
  assert.deepEqual(userBody({ ...d, team_ids: [] })['team_ids'], [], 'unticking every team is sent: it lifts the confinement');
  assert.match(validateUser({ ...d, role: 'admin' }, true)['team_ids'] ?? '', /admin sees every team/);
});

const agentRow: Agent = {
  id: 'a1', name: 'Maria', user_id: null, extension: '1001', team_id: 't1', site_id: null,
  client_ids: ['c1'], skills: [{ skill_id: 'k1', level: 7 }], capacity: { voice: 1, chat: 2, callback: 1, work_item: 0 },
  sip_registered_secret: false, disabled: false, created_at: '', updated_at: '',
};

void test('agent: an edited row round-trips to the same body the API sent', () => {
  const body = agentBody(agentDraft(agentRow));
  assert.deepEqual(body, {
    name: 'Maria', extension: '1001', user_id: null, team_id: 't1', site_id: null, client_ids: ['c1'],
    skills: [{ skill_id: 'k1', level: 7 }], capacity: { voice: 1, chat: 2, callback: 1, work_item: 0 },
  });
  assert.deepEqual(validateAgent(agentDraft(agentRow)), {});
});

void test('agent: skill levels outside 1–10, duplicate skills, non-digit extensions and bad capacity are refused', () => {
  const d = agentDraft(agentRow);
  const errors = validateAgent({
    ...d,
    extension: '10a1',
    skills: [{ skill_id: 'k1', level: '11' }, { skill_id: 'k1', level: '3' }, { skill_id: '', level: '5' }],
    capacity: { ...d.capacity, chat: '-1' },
  });
  assert.equal(errors['extension'], 'Digits only, e.g. 1001');
  assert.match(errors['skills.0.level'] ?? '', /1 to 10/);
  assert.equal(errors['skills.1.skill_id'], 'Listed twice');
  assert.equal(errors['skills.2.skill_id'], 'Choose a skill');
  assert.ok(errors['skills']);
  assert.equal(errors['capacity.chat'], 'Must be between 0 and 50');
});

void test('agent: a SIP password is sent only when typed, and must be long enough', () => {
  const d = agentDraft(agentRow);
  assert.equal('sip_password' in agentBody(d), false);
  assert.equal(validateAgent({ ...d, sip_password: 'short' })['sip_password'], 'At least 8 characters');
  assert.equal(agentBody({ ...d, sip_password: 'phone-secret' })['sip_password'], 'phone-secret');
});

void test('agent: a new agent starts with the default capacity (1 call or 3 chats)', () => {
  assert.deepEqual(agentDraft(null).capacity, { voice: '1', chat: '3', callback: '1', work_item: '1' });
});

void test('queue: contract defaults, SL target shown in percent and sent as a fraction', () => {
  const d = queueDraft(null);
  assert.equal(d.priority, '5');
  assert.equal(d.sl_target, '80');
  assert.equal(d.policy, 'longest_idle');
  const errors = validateQueue(d);
  assert.deepEqual(Object.keys(errors).sort(), ['channel', 'client_id', 'name']);
  const body = queueBody({ ...d, client_id: 'c1', name: 'Sales', channel: 'voice', sl_target: '85',
    required_skills: [{ skill_id: 'k1', level: '4' }] });
  assert.equal(body['sl_target'], 0.85);
  assert.deepEqual(body['required_skills'], [{ skill_id: 'k1', min_level: 4 }]);
  assert.equal(body['max_wait_s'], 600);
});

void test('queue: out-of-range numbers are refused with the field named', () => {
  const row: Queue = {
    id: 'q1', client_id: 'c1', name: 'Sales', channel: 'chat', priority: 5, required_skills: [], policy: 'ring_all',
    sl_threshold_s: 30, sl_target: 0.9, max_wait_s: 600, wrap_up_s: 30, ring_timeout_s: 20,
    recording: 'always', dispositions: ['Sale', 'No sale'], script: '# Hi {{customer_name}}', disabled: false, created_at: '', updated_at: '',
  };
  const roundTrip = queueBody(queueDraft(row));
  assert.deepEqual([roundTrip['recording'], roundTrip['dispositions'], roundTrip['script']], ['always', ['Sale', 'No sale'], '# Hi {{customer_name}}']);
  assert.equal(queueDraft(row).sl_target, '90');
  // A back-office queue's 4-hour SL threshold is valid.
  assert.deepEqual(validateQueue(queueDraft({ ...row, channel: 'work_item', sl_threshold_s: 14400, max_wait_s: 259200 })), {});
  const errors = validateQueue({ ...queueDraft(row), priority: '11', sl_target: '120', wrap_up_s: '' });
  assert.equal(errors['priority'], 'Must be between 1 and 10');
  assert.equal(errors['sl_target'], 'A percentage from 0 to 100');
  assert.equal(errors['wrap_up_s'], 'Required');
});

void test('API key: a name is required and at most 100 characters; the list shows keys by their prefix', () => {
  assert.deepEqual(validateApiKey(apiKeyDraft()), { name: 'Required' });
  assert.deepEqual(validateApiKey({ name: '   ' }), { name: 'Required' });
  assert.equal(validateApiKey({ name: 'x'.repeat(101) })['name'], 'At most 100 characters');
  assert.deepEqual(validateApiKey({ name: 'x'.repeat(100) }), {});
  assert.deepEqual(apiKeyBody({ name: '  CRM sync ' }), { name: 'CRM sync' });
  assert.equal(keyHint({ prefix: 'a1B2c3D4' }), 'sbk_a1B2c3D4_…');
});
