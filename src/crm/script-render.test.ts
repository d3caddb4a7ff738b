import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderScript } from './script-render.js';

test('a script renders as headings, paragraphs, lists and emphasis with the variables filled in', () => {
  const html = renderScript('### Albion Bank: cards\n\nHello **{{customer.name}}**, you called {{queue.name}}.\n\n1. Confirm identity\n2. Summarise\n\n- one\n- *two*', {
    'customer.name': 'Ada Lovelace', 'queue.name': 'Cards',
  });
  assert.equal(html, [
    '<h3>Albion Bank: cards</h3>',
    '<p>Hello <strong>Ada Lovelace</strong>, you called Cards.</p>',
    '<ol><li>Confirm identity</li><li>Summarise</li></ol>',
    '<ul><li>one</li><li><em>two</em></li></ul>',
  ].join('\n'));
});

test('markup in the script or in a value is shown as text, never run', () => {
  const html = renderScript('<script>alert(1)</script>\n\nHi {{customer.name}} <img src=x onerror=alert(2)>', {
    'customer.name': '"><svg onload=alert(3)>',
  });
  assert.ok(!/<(script|img|svg)/i.test(html), html);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('&quot;&gt;&lt;svg onload=alert(3)&gt;'));
});

test('a value is not read as markdown and unknown variables render empty', () => {
  const html = renderScript('Name: {{customer.name}}. Digits: {{attributes.digits}}.', { 'customer.name': '**bold** [x](https://evil.example)' });
  assert.equal(html, '<p>Name: **bold** [x](https://evil.example). Digits: .</p>');
});

test('only http, https, mailto and tel links become links; quotes cannot break out of the href', () => {
  assert.equal(renderScript('[help](https://help.example/cards)', {}),
    '<p><a href="https://help.example/cards" target="_blank" rel="noopener noreferrer">help</a></p>');
  assert.equal(renderScript('[x](javascript:alert(1))', {}), '<p>[x](javascript:alert(1))</p>');
  const html = renderScript('[x](https://a.example/"onmouseover="alert(1))', {});
  assert.ok(!html.includes('"onmouseover'), html);
});
