import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDisposition } from './lead-disposition.js';
import type { SelectorLead } from './lead-selector.js';

const campaign = { maxAttempts: 3, windowStart: '09:00', windowEnd: '20:00', retryRules: { busy: 30, no_answer: 240, machine: 'next_day' as const } };
const lead: SelectorLead = { id: 'L1', phone: '+12125550100', timeZone: 'America/New_York', country: 'US', status: 'new', attempts: 0, priority: 5,
  nextAttemptAt: null, lastAttemptAt: null, lastDisposition: null };
const T = Date.UTC(2026, 2, 10, 17, 0); // 13:00 in New York

test('busy retries in 30 min, no answer in 4 h', () => {
  assert.deepEqual(applyDisposition(campaign, lead, 'busy', T), { status: 'retry', attempts: 1, nextAttemptAt: T + 30 * 60_000, lastAttemptAt: T, lastDisposition: 'busy' });
  assert.equal(applyDisposition(campaign, lead, 'no_answer', T).nextAttemptAt, T + 4 * 3_600_000);
});

test('a machine retries when tomorrow\'s window opens in the lead\'s zone', () => {
  // 09:00 EDT on the 11th is 13:00 UTC.
  assert.equal(applyDisposition(campaign, lead, 'machine', T).nextAttemptAt, Date.UTC(2026, 2, 11, 13, 0));
  // Late at night (23:30 local): still "the next day", i.e. the window of the 11th, not a minute after midnight.
  assert.equal(applyDisposition(campaign, lead, 'machine', Date.UTC(2026, 2, 11, 3, 30)).nextAttemptAt, Date.UTC(2026, 2, 11, 13, 0));
});

test('the last allowed attempt exhausts the lead; a disposition without a rule finishes it', () => {
  assert.equal(applyDisposition(campaign, { ...lead, attempts: 2 }, 'busy', T).status, 'exhausted');
  const sale = applyDisposition(campaign, lead, 'sale', T);
  assert.equal(sale.status, 'done');
  assert.equal(sale.nextAttemptAt, null);
  // Object keys are not rules.
  assert.equal(applyDisposition(campaign, lead, 'constructor', T).status, 'done');
});
