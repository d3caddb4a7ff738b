import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CAMPAIGN_ACTIONS, transition, type CampaignStatus } from './campaign-state.js';
import { CampaignErrors } from './campaign-errors.js';

test('draft → running ⇄ paused → stopped', () => {
  let s: CampaignStatus = 'draft';
  s = transition(s, 'start'); assert.equal(s, 'running');
  s = transition(s, 'pause'); assert.equal(s, 'paused');
  s = transition(s, 'resume'); assert.equal(s, 'running');
  s = transition(s, 'stop'); assert.equal(s, 'stopped');
  assert.equal(transition('paused', 'stop'), 'stopped');
});

test('every other move is refused with a stable code, and stopped is final', () => {
  const legal = new Set(['draft:start', 'running:pause', 'paused:resume', 'running:stop', 'paused:stop']);
  for (const from of ['draft', 'running', 'paused', 'stopped'] as const) {
    for (const action of CAMPAIGN_ACTIONS) {
      if (legal.has(`${from}:${action}`)) continue;
      assert.throws(() => transition(from, action), (e) => CampaignErrors.is(e, 'CAMPAIGN_ILLEGAL_TRANSITION'), `${from} ${action}`);
    }
  }
});
