import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignBody, campaignDraft, delayLabel, draftsToRules, rulesToDrafts, validateCampaign } from './campaign-model.js';

const filled = () => ({ ...campaignDraft(null), client_id: 'c1', name: 'Winter offers', type: 'telemarketing' as const, caller_id: '+12125550100' });

void test('a new campaign starts with the server defaults and passes once the required fields are filled', () => {
  const d = campaignDraft(null);
  assert.deepEqual(Object.keys(validateCampaign(d)).sort(), ['caller_id', 'client_id', 'name', 'type']);
  assert.deepEqual(validateCampaign(filled()), {});
  assert.deepEqual(draftsToRules(d.retry_rules), { busy: 30, no_answer: 240, machine: 'next_day' });
});

void test('window, caller ID and retry rules are checked the way the API checks them', () => {
  const errors = validateCampaign({
    ...filled(), caller_id: '212 555 0100', window_start: '21:00', window_end: '08:00',
    retry_rules: [{ disposition: 'No Answer', kind: 'minutes', minutes: '10' }, { disposition: 'busy', kind: 'minutes', minutes: '-5' },
      { disposition: 'busy', kind: 'next_day', minutes: '' }],
  });
  assert.match(errors['caller_id'] ?? '', /E\.164/);
  assert.equal(errors['window_end'], 'Must be after the start');
  assert.match(errors['retry_rules.0.disposition'] ?? '', /lower_snake_case/);
  assert.equal(errors['retry_rules.1.minutes'], 'Must be between 0 and 43200');
  assert.equal(errors['retry_rules.2.disposition'], 'Already has a rule');
  assert.ok(errors['retry_rules'], 'the editor as a whole is flagged');
});

void test('the body sends rules as minutes or next_day, and no client on edit', () => {
  const d = { ...filled(), retry_rules: [{ disposition: 'busy', kind: 'minutes' as const, minutes: '15' }, { disposition: 'machine', kind: 'next_day' as const, minutes: '' }] };
  const created = campaignBody(d, true);
  assert.equal(created['client_id'], 'c1');
  assert.deepEqual(created['retry_rules'], { busy: 15, machine: 'next_day' });
  assert.equal(created['queue_id'], null);
  assert.ok(!('client_id' in campaignBody(d, false)));
  assert.deepEqual(rulesToDrafts({ busy: 15, machine: 'next_day' }), d.retry_rules);
  assert.equal(delayLabel(240), '4 h');
  assert.equal(delayLabel('next_day'), 'next day');
});
