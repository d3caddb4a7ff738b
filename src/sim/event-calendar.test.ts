import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventCalendar } from './event-calendar.js';
import { SimErrors } from './sim-errors.js';

function drain<E>(cal: EventCalendar<E>): E[] {
  const out: E[] = [];
  for (let e = cal.pop(); e !== undefined; e = cal.pop()) out.push(e.event);
  return out;
}

void test('events come out in time order, ties in the order they were scheduled', () => {
  const cal = new EventCalendar<string>();
  cal.schedule(5, 'c'); cal.schedule(1, 'a'); cal.schedule(5, 'd'); cal.schedule(1, 'b'); cal.schedule(0, 'start');
  assert.deepEqual(drain(cal), ['start', 'a', 'b', 'c', 'd']);
  assert.equal(cal.pop(), undefined);
});

void test('a cancelled event never comes out; cancel twice or after it ran returns false', () => {
  const cal = new EventCalendar<string>();
  const h1 = cal.schedule(1, 'answer');
  const h2 = cal.schedule(2, 'abandon');
  assert.equal(cal.size, 2);
  assert.equal(cal.cancel(h2), true);
  assert.equal(cal.cancel(h2), false);
  assert.equal(cal.size, 1);
  assert.equal(cal.peek()?.event, 'answer');
  assert.equal(cal.pop()?.event, 'answer');
  assert.equal(cal.cancel(h1), false);
  assert.equal(cal.pop(), undefined);
  assert.equal(cal.size, 0);
});

void test('property: the calendar matches a stable sort by time, with random cancellations', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 200 }), (items) => {
    const cal = new EventCalendar<number>();
    const handles = items.map(([t], i) => cal.schedule(t, i));
    items.forEach(([, cancel], i) => { if (cancel) cal.cancel(handles[i]); });
    const expected = items.map(([t, cancel], i) => ({ t, cancel, i })).filter((x) => !x.cancel)
      .sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
    assert.equal(cal.size, expected.length);
    assert.deepEqual(drain(cal), expected);
  }));
});

void test('a NaN time is refused with SIM_INVALID_INPUT', () => {
  assert.throws(() => new EventCalendar<string>().schedule(Number.NaN, 'x'), (e: unknown) => SimErrors.is(e, 'SIM_INVALID_INPUT'));
});
