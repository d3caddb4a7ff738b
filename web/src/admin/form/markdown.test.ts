import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInline, parseMarkdown } from './markdown.js';

void test('inline marks and {{variables}} are recognised; anything else stays text', () => {
  assert.deepEqual(parseInline('Hello {{ customer_name }}, **thank you** for *calling* `ACME` <b>'), [
    { kind: 'text', text: 'Hello ' }, { kind: 'variable', text: 'customer_name' }, { kind: 'text', text: ', ' },
    { kind: 'strong', text: 'thank you' }, { kind: 'text', text: ' for ' }, { kind: 'em', text: 'calling' },
    { kind: 'text', text: ' ' }, { kind: 'code', text: 'ACME' }, { kind: 'text', text: ' <b>' },
  ]);
});

void test('headings, paragraphs joined across lines, and lists that continue until a different kind', () => {
  const blocks = parseMarkdown('# Greeting\nSay hello\nwarmly.\n\n- verify the account\n- ask the reason\n1. first\n2) second');
  assert.deepEqual(blocks.map((b) => b.kind), ['heading', 'paragraph', 'list', 'list']);
  assert.deepEqual(blocks[1], { kind: 'paragraph', inline: [{ kind: 'text', text: 'Say hello warmly.' }] });
  assert.equal(blocks[2].kind === 'list' && blocks[2].items.length, 2);
  assert.equal(blocks[3].kind === 'list' && blocks[3].ordered, true);
  assert.deepEqual(parseMarkdown(''), []);
});
