import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, durations, ivrTrace, resultLabel, resultTone, timeline, uriUser, type CallRow } from './call-model.js';

const row: CallRow = {
  id: 'i1', client_id: 'c1', channel: 'voice', state: 'done', queue_id: 'q1', agent_id: 'a1', priority: 5, subject: null,
  created_at: '2026-03-02T15:00:00.000Z', queued_at: '2026-03-02T15:00:12.000Z', offered_at: '2026-03-02T15:00:40.000Z',
  answered_at: '2026-03-02T15:00:45.000Z', ended_at: '2026-03-02T15:04:00.000Z', wrap_up_ended_at: null, outcome: 'answered', simulated: false,
};

void test('the timeline lists the timestamps that are set, with the time since arrival', () => {
  assert.deepEqual(timeline(row).map((t) => [t.label, clock(t.offsetMs)]), [
    ['Arrived', '0:00'], ['Queued', '0:12'], ['Offered to an agent', '0:40'], ['Answered', '0:45'], ['Ended', '4:00'],
  ]);
});

void test('wait and talk come from the stored durations, else from the timestamps', () => {
  assert.deepEqual(durations(row), { waitMs: 33_000, talkMs: 195_000 });
  assert.deepEqual(durations({ ...row, wait_ms: 1000, talk_ms: 2000 }), { waitMs: 1000, talkMs: 2000 });
  const abandoned = { ...row, answered_at: null, offered_at: null, outcome: 'abandoned', ended_at: '2026-03-02T15:01:12.000Z' };
  assert.deepEqual(durations(abandoned), { waitMs: 60_000, talkMs: null });
  assert.equal(resultLabel(abandoned), 'Abandoned');
  assert.equal(resultTone(abandoned), 'bad');
  assert.equal(resultLabel({ ...row, outcome: null, state: 'queued' }), 'Waiting');
  assert.equal(clock(3_725_000), '1:02:05');
  assert.equal(clock(null), '—');
});

void test('the IVR trace reads the structured shape', () => {
  const t = ivrTrace({
    flow: 'Main line',
    path: [{ step: 0, id: 'start', verb: 'answer' }, { step: 3, id: 'main-menu', verb: 'menu', outcome: '2' }, { step: 5, id: 'returns', verb: 'enqueue', outcome: 'answered' }],
    digits: [{ step: 3, verb: 'menu', digits: '2' }],
  });
  assert.equal(t.flow, 'Main line');
  assert.deepEqual(t.path[1], { step: 3, id: 'main-menu', verb: 'menu', outcome: '2' });
  assert.deepEqual(t.digits, [{ step: 3, verb: 'menu', digits: '2' }]);
});

void test('the IVR trace reads the flow runner\'s flat shape too, and nothing when attributes are empty', () => {
  const t = ivrTrace({ flow: 'Bank', flow_path: ['start:answer', 'main-menu:menu (1)', '4:gather (ok)'], digits: '1 12345678#' });
  assert.deepEqual(t.path, [
    { step: null, id: 'start', verb: 'answer', outcome: null },
    { step: null, id: 'main-menu', verb: 'menu', outcome: '1' },
    { step: 4, id: null, verb: 'gather', outcome: 'ok' },
  ]);
  assert.deepEqual(t.digits.map((d) => d.digits), ['1', '12345678#']);
  assert.deepEqual(ivrTrace(undefined), { flow: null, path: [], digits: [] });
  assert.deepEqual(ivrTrace({ digits: '' }).digits, []);
});

void test('the user part of a SIP URI is what a person reads', () => {
  assert.equal(uriUser('sip:+15125550100@10.0.0.1;user=phone'), '+15125550100');
  assert.equal(uriUser('"Ana" <sip:1001@pbx.local>'), '1001');
  assert.equal(uriUser('tel:+442079460100'), '+442079460100');
});
