#!/usr/bin/env node
// Runs every test suite with Node's own test runner (through tsx for TypeScript)
// and ends with one line "N passed, N failed" covering all suites.
//
//   node scripts/test.mjs                 all suites
//   node scripts/test.mjs --suite unit    one suite (unit | integration | interop | browser)
//   node scripts/test.mjs path/to/x.test.ts ...   just those files
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;

function findTests(dir) {
  const out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out.sort();
}

// Unit tests are pure and fast: run files two at a time. The other suites
// open ports and start servers and peers: one file at a time.
const suites = [
  { name: 'unit', files: () => [...findTests(join(root, 'src')), ...findTests(join(root, 'web/src'))], concurrency: 2 },
  { name: 'integration', files: () => findTests(join(root, 'test/integration')), concurrency: 1 },
  { name: 'interop', files: () => findTests(join(root, 'test/interop')), concurrency: 1 },
  { name: 'browser', files: () => findTests(join(root, 'test/browser')), concurrency: 1 },
];

const args = process.argv.slice(2);
let selected = suites;
let explicitFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--suite') {
    const name = args[++i];
    selected = suites.filter((s) => s.name === name);
    if (selected.length === 0) { console.error(`unknown suite: ${name}`); process.exit(2); }
  } else explicitFiles.push(args[i]);
}
if (explicitFiles.length > 0) selected = [{ name: 'selected', files: () => explicitFiles, concurrency: 1 }];

const total = { pass: 0, fail: 0, skip: 0 };
const tapDir = join(tmpdir(), `switchboard-tests-${process.pid}`);
mkdirSync(tapDir, { recursive: true });

for (const suite of selected) {
  const files = suite.files();
  if (files.length === 0) continue;
  console.log(`\n=== suite: ${suite.name} (${files.length} files) ===`);
  const tap = join(tapDir, `${suite.name}.tap`);
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', '--test',
    `--test-concurrency=${suite.concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files.map((f) => relative(root, f)),
  ], { cwd: root, stdio: 'inherit', env: { ...process.env, SWITCHBOARD_TEST: '1' } });
  let text = '';
  try { text = readFileSync(tap, 'utf8'); } catch { /* runner died before writing */ }
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  const pass = num('pass'), fail = num('fail'), skip = num('skipped') + num('todo');
  // A runner that crashed without a summary counts as one failure, never as green.
  const crashed = r.status !== 0 && fail === 0;
  total.pass += pass; total.fail += fail + (crashed ? 1 : 0); total.skip += skip;
  console.log(`--- ${suite.name}: ${pass} passed, ${fail + (crashed ? 1 : 0)} failed, ${skip} skipped`);
}
console.log(`\n${total.pass} passed, ${total.fail} failed` + (total.skip ? `, ${total.skip} skipped` : ''));
process.exit(total.fail > 0 ? 1 : 0);
