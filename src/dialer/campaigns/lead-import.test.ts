import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLeadImport } from './lead-import.js';
import { CampaignErrors } from './campaign-errors.js';

test('numbers in any format become E.164 in the campaign\'s country; zones come from the column or the number', () => {
  const csv = 'Phone,Name,TZ,Account\n(212) 555-0134,Ann,,A-1\n+44 20 7946 0958,Bob,,B-2\n415-555-0100,Cy,America/Chicago,\n';
  const plan = planLeadImport(csv, undefined, 'US');
  assert.deepEqual(plan.rejected, []);
  assert.deepEqual(plan.leads.map((l) => [l.line, l.phone, l.name, l.timeZone, l.country, l.fields]), [
    [2, '+12125550134', 'Ann', 'America/New_York', 'US', { Account: 'A-1' }],
    [3, '+442079460958', 'Bob', 'Europe/London', 'GB', { Account: 'B-2' }],
    [4, '+14155550100', 'Cy', 'America/Chicago', 'US', {}],
  ]);
});

test('every rejected row is reported with its line and reason; nothing is dropped', () => {
  const csv = [
    'phone,name,time_zone,priority',
    '2125550134,Ok,,',
    ',No Phone,,',
    'call me,Words,,',
    '212555,Short,,',
    '2125550135,Bad Zone,Mars/Olympus,',
    '2125550136,Bad Priority,,11',
    '2125550137,Too,Many,5,columns',
    '"2125550138","Quoted, with comma',
    'and newline",,',
    '2125550139,After Multiline,,',
  ].join('\r\n');
  const plan = planLeadImport(csv, undefined, 'US');
  assert.deepEqual(plan.rejected.map((r) => [r.line, r.code]), [
    [3, 'missing_phone'], [4, 'bad_phone'], [5, 'bad_phone'], [6, 'unknown_time_zone'], [7, 'bad_priority'], [8, 'bad_column_count'],
  ]);
  assert.match(plan.rejected[1].reason, /call me/);
  assert.deepEqual(plan.leads.map((l) => [l.line, l.name]), [[2, 'Ok'], [9, 'Quoted, with comma\r\nand newline'], [11, 'After Multiline']]);
  assert.equal(plan.rows, plan.leads.length + plan.rejected.length + plan.mergedInFile);
});

test('the same number twice, in two formats, is one lead: later rows fill in', () => {
  const plan = planLeadImport('phone,name,balance\n212-555-0134,,100\n+1 (212) 555 0134,Ann,\n', undefined, 'US');
  assert.equal(plan.leads.length, 1);
  assert.equal(plan.mergedInFile, 1);
  assert.deepEqual([plan.leads[0].name, plan.leads[0].fields], ['Ann', { balance: '100' }]);
});

test('explicit mapping by header name; custom fields limited to the listed columns', () => {
  const csv = 'Mobile,Customer,Zone,Notes,Secret\n07700 900 000,Ann,Europe/London,hi,x\n020 7946 0958,Bob,,,y\n';
  const plan = planLeadImport(csv, { phone: 'mobile', name: 'Customer', time_zone: 'zone', fields: ['Notes'] }, 'GB');
  // 07700 900 000 is Ofcom's drama range: not a real number.
  assert.deepEqual(plan.rejected.map((r) => [r.line, r.code]), [[2, 'bad_phone']]);
  assert.deepEqual(plan.leads.map((l) => [l.phone, l.name, l.fields]), [['+442079460958', 'Bob', {}]]);
});

test('a multi-zone country without a known area code keeps no zone (the selector uses all of them)', () => {
  const plan = planLeadImport('phone\n+61 2 9374 4000\n+1 867 555 0100\n', undefined, 'US');
  assert.deepEqual(plan.leads.map((l) => [l.phone, l.country, l.timeZone]), [['+61293744000', 'AU', null], ['+18675550100', 'CA', null]]);
});

test('a mapping naming a missing column, a header with no phone column, or an empty file are refused as a whole', () => {
  assert.throws(() => planLeadImport('a,b\n1,2\n', { phone: 'tel' }, 'US'), (e) => CampaignErrors.is(e, 'CSV_MAPPING_INVALID'));
  assert.throws(() => planLeadImport('a,b\n1,2\n', undefined, 'US'), (e) => CampaignErrors.is(e, 'CSV_MAPPING_INVALID'));
  assert.throws(() => planLeadImport('', undefined, 'US'), (e) => CampaignErrors.is(e, 'CSV_MALFORMED'));
});
