import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canHear, mixFrames, type MixParty } from './mix-frames.js';

const f = (v: number): Int16Array => new Int16Array(4).fill(v);
const heard = (out: Map<string, Int16Array>, id: string): number => out.get(id)![0];

test('three parties: each hears the sum of the other two, never itself', () => {
  const parties: MixParty[] = ['a', 'b', 'c'].map((id) => ({ id, mode: 'normal' }));
  const out = mixFrames(parties, new Map([['a', f(1)], ['b', f(10)], ['c', f(100)]]), 4);
  assert.deepEqual(['a', 'b', 'c'].map((id) => heard(out, id)), [110, 101, 11]);
});

test('sums clip to 16 bits instead of wrapping', () => {
  const parties: MixParty[] = ['a', 'b', 'c'].map((id) => ({ id, mode: 'normal' }));
  const out = mixFrames(parties, new Map([['a', f(30000)], ['b', f(30000)], ['c', f(-30000)]]), 4);
  assert.equal(heard(out, 'c'), 32767);
  const neg = mixFrames(parties, new Map([['a', f(-30000)], ['b', f(-30000)], ['c', f(0)]]), 4);
  assert.equal(heard(neg, 'c'), -32768);
});

test('supervisor modes: listen is heard by none, whisper only by the agent, barge by all', () => {
  const customer: MixParty = { id: 'customer', mode: 'normal' };
  const agent: MixParty = { id: 'agent', mode: 'normal' };
  const frames = new Map([['customer', f(1)], ['agent', f(10)], ['sup', f(100)]]);
  const run = (sup: MixParty) => mixFrames([customer, agent, sup], frames, 4);

  let out = run({ id: 'sup', mode: 'listen' });
  assert.deepEqual([heard(out, 'customer'), heard(out, 'agent'), heard(out, 'sup')], [10, 1, 11]);
  out = run({ id: 'sup', mode: 'whisper', whisperTo: 'agent' });
  assert.deepEqual([heard(out, 'customer'), heard(out, 'agent'), heard(out, 'sup')], [10, 101, 11]);
  out = run({ id: 'sup', mode: 'barge' });
  assert.deepEqual([heard(out, 'customer'), heard(out, 'agent'), heard(out, 'sup')], [110, 101, 11]);
  assert.equal(canHear(customer, { id: 'sup', mode: 'whisper', whisperTo: 'agent' }), false);
});

test('a party with no frame this tick contributes silence', () => {
  const parties: MixParty[] = ['a', 'b', 'c'].map((id) => ({ id, mode: 'normal' }));
  const out = mixFrames(parties, new Map([['a', f(5)], ['b', undefined]]), 4);
  assert.deepEqual(['a', 'b', 'c'].map((id) => heard(out, id)), [0, 5, 5]);
});
