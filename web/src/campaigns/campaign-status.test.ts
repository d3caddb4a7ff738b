import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legalActions, transition } from './campaign-status.js';

void test('only the legal status buttons are offered from each status', () => {
  assert.deepEqual(legalActions('draft'), ['start']);
  assert.deepEqual(legalActions('running'), ['pause', 'stop']);
  assert.deepEqual(legalActions('paused'), ['resume', 'stop']);
  assert.deepEqual(legalActions('stopped'), []);
});

void test('transition follows the server diagram and refuses illegal moves', () => {
  assert.equal(transition('draft', 'start'), 'running');
  assert.equal(transition('paused', 'resume'), 'running');
  assert.equal(transition('paused', 'stop'), 'stopped');
  assert.throws(() => transition('stopped', 'start'), /cannot start a stopped campaign/);
  assert.throws(() => transition('draft', 'pause'), /cannot pause/);
});
