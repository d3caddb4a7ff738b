import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callerE164, normaliseCustomerPhones } from './caller-number.js';

test('a caller\'s number in any usual form becomes the E.164 the customer record holds', () => {
  assert.equal(callerE164('+15125550134', 'US'), '+15125550134');
  assert.equal(callerE164('5125550134', 'US'), '+15125550134');
  assert.equal(callerE164('(512) 555-0134', 'US'), '+15125550134');
  assert.equal(callerE164('sip:+15125550134@carrier.example;user=phone', 'US'), '+15125550134');
  assert.equal(callerE164('020 7946 0958', 'GB'), '+442079460958');
  assert.equal(callerE164('+44 20 7946 0958', 'US'), '+442079460958', 'an international number is read whatever the client\'s country');
  assert.equal(callerE164('442079460958', 'US'), null, 'no + and not a US number: not guessed');
  assert.equal(callerE164('15551234567', null), '+15551234567', 'no client country: the digits are read as international');
});

test('withheld numbers, extensions and names match nobody', () => {
  for (const raw of ['anonymous', '1001', 'alice', '', null, undefined, 'sip:bob@example.com', '12']) {
    assert.equal(callerE164(raw, 'US'), null, String(raw));
  }
});

test('numbers typed into a customer record are normalised, deduplicated, and a bad one is named', () => {
  assert.deepEqual(normaliseCustomerPhones(['512-555-0134', '+1 512 555 0134', '+442079460958'], 'US'), { ok: true, phones: ['+15125550134', '+442079460958'] });
  assert.deepEqual(normaliseCustomerPhones(['+15125550134', 'call me'], 'US'), { ok: false, index: 1 });
});
