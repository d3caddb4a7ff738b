import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextLeads, whyNotDialable, type SelectorCampaign, type SelectorLead } from './lead-selector.js';
import fc from 'fast-check';
import { candidateZones } from './lead-zones.js';

const campaign: SelectorCampaign = { status: 'running', mode: 'progressive', complianceProfile: 'US', windowStart: '08:00', windowEnd: '21:00', maxAttempts: 3, holidays: [] };
let n = 0;
const lead = (over: Partial<SelectorLead> = {}): SelectorLead => ({
  id: `L${++n}`, phone: '+12125550100', timeZone: 'America/New_York', country: 'US', status: 'new', attempts: 0, priority: 5,
  nextAttemptAt: null, lastAttemptAt: null, lastDisposition: null, ...over,
});
const noDnc = () => false;
// Tuesday 2026-03-10 17:00 UTC: 13:00 in New York (EDT), 10:00 in Los Angeles, 07:00 in Honolulu, 17:00 in London.
const NOON_NY = Date.UTC(2026, 2, 10, 17, 0);

test('a number on a DNC list is never selected, whatever else makes it attractive', () => {
  const onDnc = lead({ phone: '+12125550199', priority: 10 });
  const other = lead();
  const dnc = new Set(['+12125550199']);
  assert.deepEqual(nextLeads(campaign, [onDnc, other], (p) => dnc.has(p), NOON_NY, 10), [other]);
  assert.equal(whyNotDialable(campaign, onDnc, (p) => dnc.has(p), NOON_NY), 'dnc');
});

test('calling hours are the lead\'s local time', () => {
  const ny = lead({ timeZone: 'America/New_York' }), hawaii = lead({ phone: '+18085550100', timeZone: 'Pacific/Honolulu' });
  assert.deepEqual(nextLeads(campaign, [ny, hawaii], noDnc, NOON_NY, 10), [ny]);
  assert.equal(whyNotDialable(campaign, hawaii, noDnc, NOON_NY), 'outside_window');
  // 21:00 in New York is the end of the window (exclusive); 20:59 is inside.
  assert.equal(whyNotDialable(campaign, ny, noDnc, Date.UTC(2026, 2, 11, 1, 0)), 'outside_window');
  assert.equal(whyNotDialable(campaign, ny, noDnc, Date.UTC(2026, 2, 11, 0, 59)), null);
});

test('a lead with no zone is called only when the window is open in every zone its number may be in', () => {
  // A US mobile with an area code not in the table: every US zone, Hawaii included.
  const unknown = lead({ phone: '+12125550100', timeZone: null, country: 'US' });
  assert.ok(candidateZones({ ...unknown, phone: '+12995550100' }).includes('Pacific/Honolulu'));
  const unknownArea = { ...unknown, phone: '+12995550100' };
  assert.equal(whyNotDialable(campaign, unknownArea, noDnc, NOON_NY), 'outside_window', '07:00 in Honolulu');
  // 19:00 UTC: 15:00 New York, 09:00 Honolulu, every zone open.
  assert.equal(whyNotDialable(campaign, unknownArea, noDnc, Date.UTC(2026, 2, 10, 19, 0)), null);
  // An area code that is known resolves to its zone: 212 is New York.
  assert.equal(whyNotDialable(campaign, unknown, noDnc, NOON_NY), null);
});

test('an area code straddling two zones needs both open', () => {
  // 850 (Florida panhandle): Eastern and Central. 12:30 UTC = 08:30 EDT but 07:30 CDT.
  const panhandle = lead({ phone: '+18505550100', timeZone: null, country: 'US' });
  assert.deepEqual([...candidateZones(panhandle)].sort(), ['America/Chicago', 'America/New_York']);
  assert.equal(whyNotDialable(campaign, panhandle, noDnc, Date.UTC(2026, 2, 10, 12, 30)), 'outside_window');
  assert.equal(whyNotDialable(campaign, panhandle, noDnc, Date.UTC(2026, 2, 10, 13, 30)), null);
});

test('attempts, retry time, finished leads, holidays and campaign status', () => {
  assert.equal(whyNotDialable(campaign, lead({ attempts: 3 }), noDnc, NOON_NY), 'max_attempts');
  assert.equal(whyNotDialable(campaign, lead({ status: 'retry', attempts: 1, nextAttemptAt: NOON_NY + 1 }), noDnc, NOON_NY), 'not_due');
  assert.equal(whyNotDialable(campaign, lead({ status: 'retry', attempts: 1, nextAttemptAt: NOON_NY }), noDnc, NOON_NY), null);
  assert.equal(whyNotDialable(campaign, lead({ status: 'done' }), noDnc, NOON_NY), 'finished');
  assert.equal(whyNotDialable({ ...campaign, holidays: ['2026-03-10'] }, lead(), noDnc, NOON_NY), 'holiday');
  // The holiday is the lead's local date: at 02:00 UTC on the 11th it is still the 10th in New York, but outside the window anyway;
  // in Tokyo it is the 11th.
  assert.equal(whyNotDialable({ ...campaign, holidays: ['2026-03-10'] }, lead({ timeZone: 'Asia/Tokyo', phone: '+81312345678', country: 'JP' }), noDnc, Date.UTC(2026, 2, 11, 2, 0)), null);
  for (const status of ['draft', 'paused', 'stopped'] as const) assert.deepEqual(nextLeads({ ...campaign, status }, [lead()], noDnc, NOON_NY, 5), []);
});

test('order: never-tried and earliest due first, then higher priority, then list order; limit respected', () => {
  const a = lead({ priority: 1 }), b = lead({ priority: 9 }), c = lead({ status: 'retry', attempts: 1, nextAttemptAt: NOON_NY - 60_000, priority: 10 });
  const d = lead({ status: 'retry', attempts: 1, nextAttemptAt: NOON_NY - 120_000 }), e = lead({ priority: 9 });
  assert.deepEqual(nextLeads(campaign, [a, b, c, d, e], noDnc, NOON_NY, 10).map((l) => l.id), [b.id, e.id, a.id, d.id, c.id]);
  assert.deepEqual(nextLeads(campaign, [a, b, c, d, e], noDnc, NOON_NY, 2).map((l) => l.id), [b.id, e.id]);
});

test('UK: no repeat call within 72 h of an abandoned one, unless an agent is guaranteed (preview)', () => {
  const uk: SelectorCampaign = { ...campaign, complianceProfile: 'UK', mode: 'predictive' };
  const l = lead({ phone: '+442079460958', timeZone: 'Europe/London', country: 'GB', status: 'retry', attempts: 1, lastDisposition: 'abandoned',
    lastAttemptAt: NOON_NY - 71 * 3_600_000, nextAttemptAt: NOON_NY - 3_600_000 });
  assert.equal(whyNotDialable(uk, l, noDnc, NOON_NY), 'abandon_cooldown');
  assert.equal(whyNotDialable({ ...uk, mode: 'preview' }, l, noDnc, NOON_NY), null);
  assert.equal(whyNotDialable(uk, { ...l, lastAttemptAt: NOON_NY - 73 * 3_600_000 }, noDnc, NOON_NY), null);
});

test('a malformed window allows nothing, and a lead whose zone cannot be known is never called', () => {
  assert.equal(whyNotDialable({ ...campaign, windowStart: '8am' }, lead(), noDnc, NOON_NY), 'outside_window');
  assert.equal(whyNotDialable(campaign, lead({ timeZone: null, country: null }), noDnc, NOON_NY), 'unknown_zone');
});

test('property: whatever the leads, lists and time, nothing selected is on a DNC list or outside its window', () => {
  const zones = ['America/New_York', 'America/Chicago', 'Pacific/Honolulu', 'Europe/London', null] as const;
  const phones = ['+12125550100', '+13125550100', '+18085550100', '+442079460958', '+12995550100', '+18505550100'];
  const leadArb = fc.record({
    phone: fc.constantFrom(...phones), timeZone: fc.constantFrom(...zones), priority: fc.integer({ min: 1, max: 10 }),
    attempts: fc.integer({ min: 0, max: 4 }), nextAttemptAt: fc.option(fc.integer({ min: 0, max: 2 * 86_400_000 }), { nil: null }),
  });
  fc.assert(fc.property(fc.array(leadArb, { maxLength: 30 }), fc.subarray(phones), fc.integer({ min: 0, max: 2 * 86_400_000 }), fc.integer({ min: 0, max: 40 }),
    (specs, dncList, offset, limit) => {
      const now = Date.UTC(2026, 5, 1) + offset;
      const dnc = new Set(dncList);
      const leads = specs.map((s) => lead({ ...s, country: s.phone.startsWith('+44') ? 'GB' : 'US', nextAttemptAt: s.nextAttemptAt === null ? null : Date.UTC(2026, 5, 1) + s.nextAttemptAt }));
      const picked = nextLeads(campaign, leads, (p) => dnc.has(p), now, limit);
      assert.ok(picked.length <= limit);
      for (const l of picked) {
        assert.ok(!dnc.has(l.phone), 'a DNC number was selected');
        assert.ok(l.attempts < campaign.maxAttempts && (l.nextAttemptAt === null || l.nextAttemptAt <= now));
        for (const z of candidateZones(l)) {
          const local = Number(new Intl.DateTimeFormat('en-GB', { timeZone: z, hour: '2-digit', hourCycle: 'h23' }).format(now));
          assert.ok(local >= 8 && local < 21, `${l.phone} called at ${local}h in ${z}`);
        }
      }
    }), { numRuns: 300, seed: 7 });
});
