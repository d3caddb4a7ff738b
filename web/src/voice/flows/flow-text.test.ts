import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateIssues, offsetOfLine, readFlowText, stepOfPath } from './flow-text.js';
import { nodeAt, parseJsonWithPositions, splitIssuePath } from './json-source-map.js';

const FLOW = `{
  "name": "Main line",
  "steps": [
    { "id": "start", "answer": {} },
    {
      "id": "account",
      "gather": { "say": "Your account number", "timeout_s": 0 }
    },
    { "comment": "bye", "hangup": {} }
  ]
}`;

void test('the parser gives the same value as JSON.parse, with positions', () => {
  const r = parseJsonWithPositions(FLOW);
  assert.ok(r.ok);
  assert.deepEqual(r.value, JSON.parse(FLOW));
  const timeout = nodeAt(r.node, splitIssuePath('steps[1].gather.timeout_s'));
  assert.equal(FLOW.slice(timeout.start, timeout.end), '0');
  const escaped = parseJsonWithPositions('{"a": "x\\"y\\u00e9", "b": [1.5e2, -0, true, null]}');
  assert.ok(escaped.ok);
  assert.deepEqual(escaped.value, { a: 'x"yé', b: [150, -0, true, null] });
});

void test('syntax errors name the line and column where reading stopped', () => {
  const broken = '{\n  "name": "x",\n  "steps": [\n    { "answer": {} }\n    { "hangup": {} }\n  ]\n}';
  const f = readFlowText(broken);
  assert.equal(f.value, undefined);
  assert.deepEqual(f.syntaxError, { message: 'expected "," or "]" in a list, found "{"', line: 5, column: 5 });
  assert.equal(readFlowText('{"a": 1,}').syntaxError?.message, 'expected a property name in double quotes, found "}"');
  assert.equal(readFlowText('{"a": 1} x').syntaxError?.message, 'unexpected "x" after the end of the document');
  assert.equal(readFlowText('{"a": "open').syntaxError?.message, 'unterminated string');
  assert.equal(readFlowText('').syntaxError?.message, 'expected a value, found the end of the text');
});

void test('the outline lists each step with its verb, id and line range', () => {
  const f = readFlowText(FLOW);
  assert.deepEqual(f.steps, [
    { index: 0, id: 'start', verb: 'answer', startLine: 4, endLine: 4 },
    { index: 1, id: 'account', verb: 'gather', startLine: 5, endLine: 8 },
    { index: 2, id: null, verb: 'hangup', startLine: 9, endLine: 9 },
  ]);
  assert.deepEqual(readFlowText('{"steps": 3}').steps, []);
});

void test('issues land on the line of the field they name, or the nearest enclosing value', () => {
  const f = readFlowText(FLOW);
  const located = locateIssues(FLOW, f, {
    errors: [
      { path: 'steps[1].gather.timeout_s', message: 'must be > 0' },
      { path: 'steps[1].gather.invalid', message: 'no step "x"' },
      { path: 'steps.2', message: 'zod-style path' },
      { path: 'name', message: 'flow-wide' },
    ],
    warnings: [{ path: 'steps[0]', message: 'unreachable' }],
  });
  assert.deepEqual(located.map((i) => [i.severity, i.step, i.line]), [
    ['error', 1, 7], ['error', 1, 7], ['error', 2, 9], ['error', null, 2], ['warning', 0, 4],
  ]);
  assert.equal(stepOfPath('(flow)'), null);
  assert.equal(stepOfPath('steps[12].menu.options.1'), 12);
});

void test('a line number maps back to an offset for the caret', () => {
  assert.equal(offsetOfLine('a\nbc\nd', 1), 0);
  assert.equal(offsetOfLine('a\nbc\nd', 3), 5);
  assert.equal(offsetOfLine('a\nbc\nd', 99), 5);
});
