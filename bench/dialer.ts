// Outbound dialer benchmark: prints JSON. A seeded discrete-event simulation
// of each scenario (../shared/fixtures/dialer/README.md), running every
// pacing policy through the same interface on the same seeds; progressive,
// the fixed ratios and VICIdial's ADAPT_HARD_LIMIT are the baselines
// measured in the same run. See bench/dialer/README.md.
//
//   npx tsx bench/dialer.ts [--scenario FILE] [--seeds N] [--policies a,b,...]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarios } from '../src/dialer/simulation/scenario.js';
import { checkTarget, DEFAULT_POLICIES, runScenario, type ScenarioReport } from '../src/dialer/simulation/run-benchmark.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = opt('--scenario') ?? fileURLToPath(new URL('../../shared/fixtures/dialer/scenarios.json', import.meta.url));
const seedsArg = opt('--seeds');
const seeds = seedsArg === undefined ? undefined : Number(seedsArg);
if (seeds !== undefined && !(Number.isInteger(seeds) && seeds >= 1)) {
  console.error(`--seeds must be a whole number >= 1, got ${seedsArg}`);
  process.exit(2);
}
const policies = opt('--policies')?.split(',') ?? DEFAULT_POLICIES;

const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
const scenarios = parseScenarios(json);
const started = performance.now();
const reports: ScenarioReport[] = [];
for (const s of scenarios) {
  const t0 = performance.now();
  const report = runScenario(s, policies, seeds ?? s.seeds);
  reports.push(report);
  // The verdict goes to stderr so stdout stays exactly the documented report.
  const c = checkTarget(report);
  const pct = (x: number | undefined) => (x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
  console.error(`${s.name}: target ${c.met ? 'MET' : 'NOT MET'}; switchboard occ ${pct(c.switchboard?.occupancy)} `
    + `abandon max ${pct(c.switchboard?.abandonment_max)}; best compliant fixed ${c.bestCompliantFixed?.policy ?? '-'} `
    + `${pct(c.bestCompliantFixed?.occupancy)}; vicidial ${pct(c.vicidial?.occupancy)} `
    + `(abandon max ${pct(c.vicidial?.abandonment_max)}); ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.error(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(JSON.stringify(Array.isArray(json) ? reports : reports[0], null, 2));
