import { runSimulation } from './contact-center-sim.js';
import { formatReport, snakeKeys } from './format-report.js';
import { parseScenario } from './scenario.js';
import { SimErrors } from './sim-errors.js';

export const SIMULATE_USAGE = 'switchboard simulate <scenario.json> [--json] [--seed N] [--no-intervals]';

export interface SimulateResult {
  /** Text to print as is, or (with --json) an object to print as JSON. */
  output: string | Record<string, unknown>;
  /** 0 ok, 2 bad arguments or scenario. */
  exitCode: number;
}

interface Parsed { path: string; json: boolean; seed: string | number | undefined; intervals: boolean }

function usage(message: string): Error {
  return SimErrors.create('SIM_USAGE', {}, message);
}

function parseArgs(args: string[]): Parsed {
  let path: string | undefined;
  let seed: string | number | undefined;
  let json = false, intervals = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--no-intervals') intervals = false;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.startsWith('--seed=') ? a.slice(7) : args[++i];
      if (v === undefined || v.trim() === '') throw usage('--seed: needs a value');
      // A numeric seed is the same seed as in the file's "seed": 7; anything else is a string seed.
      seed = /^-?\d+$/.test(v) ? Number(v) : v;
    } else if (a.startsWith('--')) throw usage(`${a}: unknown flag`);
    else if (path === undefined) path = a;
    else throw usage(`${a}: unexpected argument (one scenario file at a time)`);
  }
  if (path === undefined) throw usage('give the scenario file');
  return { path, json, seed, intervals };
}

/**
 * `switchboard simulate scenario.json [--json] [--seed N]` without I/O of its
 * own: reads the file through `readFile`, runs the scenario through the
 * routing engine, and returns the report (a table, or an object for JSON).
 * A bad file gives exit code 2 and every problem with the field it is in.
 */
export function runSimulateCommand(args: string[], readFile: (path: string) => string): SimulateResult {
  const json = args.includes('--json');
  try {
    const p = parseArgs(args);
    let text: string;
    try {
      text = readFile(p.path);
    } catch (err) {
      throw usage(`${p.path}: cannot read the file (${err instanceof Error ? err.message : String(err)})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw SimErrors.create('SIM_INVALID_SCENARIO', {}, `${p.path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const report = runSimulation(parseScenario(data), { seed: p.seed });
    return { output: p.json ? (snakeKeys(report) as Record<string, unknown>) : formatReport(report, { intervals: p.intervals }), exitCode: 0 };
  } catch (err) {
    if (!SimErrors.is(err)) throw err;
    const issues = Array.isArray(err.details?.issues) ? (err.details.issues as string[]) : undefined;
    if (json) return { output: { error: { code: err.code, message: err.message, ...(issues ? { issues } : {}) }, usage: SIMULATE_USAGE }, exitCode: 2 };
    const body = issues ? `invalid scenario:\n${issues.map((i) => `  ${i}`).join('\n')}` : err.message;
    return { output: `${body}\nusage: ${SIMULATE_USAGE}`, exitCode: 2 };
  }
}
