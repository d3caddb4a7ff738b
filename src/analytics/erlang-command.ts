import { AppError } from '../platform/errors.js';
import { erlangA } from './erlang-a.js';
import { erlangB, InverseErlangBWalk } from './erlang-b.js';
import { erlangC } from './erlang-c.js';
import { ErlangErrors } from './erlang-errors.js';
import { staffErlangA, staffErlangC, type StaffingTarget } from './staffing.js';
import { resolveLoad } from './traffic.js';

export interface CommandResult {
  output: Record<string, unknown>;
  /** 0 ok, 1 computed but no answer (target unreachable, too large), 2 bad arguments. */
  exitCode: number;
}

export const ERLANG_USAGE =
  'switchboard erlang --model b|c|a (--calls N --period-s S --aht-s S | --traffic-erlangs E [--aht-s S])\n' +
  '  (--agents N | --target-sl X | --target-asa-s S | --target-p-abandon X | --max-p-wait X | --max-blocking X)\n' +
  '  [--threshold-s T (default 20)] [--patience-s P (model a)] [--json]';

const NUMERIC_FLAGS = ['calls', 'period-s', 'aht-s', 'traffic-erlangs', 'agents', 'threshold-s', 'patience-s',
  'target-sl', 'target-asa-s', 'target-p-abandon', 'max-p-wait', 'max-blocking'] as const;
type NumericFlag = (typeof NUMERIC_FLAGS)[number];
const TARGET_FLAGS = ['target-sl', 'target-asa-s', 'target-p-abandon', 'max-p-wait', 'max-blocking'] as const;

// Error fields use the snake_case names of the math; map them back to flags.
const FIELD_TO_FLAG: Record<string, string> = {
  agents: '--agents', traffic_erlangs: '--traffic-erlangs', calls: '--calls', period_s: '--period-s', aht_s: '--aht-s',
  threshold_s: '--threshold-s', patience_s: '--patience-s', target_sl: '--target-sl', target_asa_s: '--target-asa-s',
  target_p_abandon: '--target-p-abandon', max_p_wait: '--max-p-wait', max_blocking: '--max-blocking',
};

function usageError(flag: string, message: string): AppError {
  return ErlangErrors.create('ERLANG_INVALID_INPUT', { flag }, `${flag}: ${message}`);
}

interface ParsedArgs { model: 'b' | 'c' | 'a'; nums: Partial<Record<NumericFlag, number>> }

function parseArgs(args: string[]): ParsedArgs {
  let model: string | undefined;
  const nums: Partial<Record<NumericFlag, number>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') continue; // output is always a JSON-ready object
    if (!arg.startsWith('--')) throw usageError(arg, 'unexpected argument');
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw usageError(`--${name}`, 'needs a value');
    if (name === 'model') { model = value; continue; }
    if (!(NUMERIC_FLAGS as readonly string[]).includes(name)) throw usageError(`--${name}`, 'unknown flag');
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw usageError(`--${name}`, `must be a number, got '${value}'`);
    nums[name as NumericFlag] = n;
  }
  if (model === undefined) throw usageError('--model', 'is required (b, c or a)');
  if (model !== 'b' && model !== 'c' && model !== 'a') throw usageError('--model', `must be b, c or a, got '${model}'`);
  return { model, nums };
}

function targetOf(nums: ParsedArgs['nums']): StaffingTarget | undefined {
  if (nums['target-sl'] !== undefined) return { kind: 'service_level', minServiceLevel: nums['target-sl'] };
  if (nums['target-asa-s'] !== undefined) return { kind: 'asa', maxAsaS: nums['target-asa-s'] };
  if (nums['target-p-abandon'] !== undefined) return { kind: 'p_abandon', maxPAbandon: nums['target-p-abandon'] };
  if (nums['max-p-wait'] !== undefined) return { kind: 'p_wait', maxPWait: nums['max-p-wait'] };
  return undefined;
}

/** JSON has no Infinity: an unbounded ASA prints as null beside "stable": false. */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function compute(p: ParsedArgs): Record<string, unknown> {
  const { model, nums } = p;
  const targets = TARGET_FLAGS.filter((f) => nums[f] !== undefined);
  if (targets.length > 1) throw usageError(`--${targets[1]}`, `give only one target (also got --${targets[0]})`);
  if (targets.length === 1 && nums.agents !== undefined) throw usageError('--agents', `give either --agents or --${targets[0]}, not both`);
  if (targets.length === 0 && nums.agents === undefined) throw usageError('--agents', 'give --agents N, or a target such as --target-sl 0.8');
  if (model !== 'a' && nums['target-p-abandon'] !== undefined) throw usageError('--target-p-abandon', 'needs --model a');
  if (model !== 'b' && nums['max-blocking'] !== undefined) throw usageError('--max-blocking', 'needs --model b');
  if (model === 'b' && targets.length === 1 && targets[0] !== 'max-blocking') throw usageError(`--${targets[0]}`, 'model b takes --max-blocking as its target');
  if (model !== 'a' && nums['patience-s'] !== undefined) throw usageError('--patience-s', 'only applies to --model a');
  const load = resolveLoad({ trafficErlangs: nums['traffic-erlangs'], calls: nums.calls, periodS: nums['period-s'], ahtS: nums['aht-s'] });
  const base = { model, traffic_erlangs: load.trafficErlangs };
  if (model === 'b') return erlangBOutput(base, nums);
  if (load.ahtS === undefined) throw usageError('--aht-s', `is required for --model ${model}`);
  const thresholdS = nums['threshold-s'] ?? 20;
  const q = { trafficErlangs: load.trafficErlangs, ahtS: load.ahtS, thresholdS };
  const target = targetOf(nums);
  if (model === 'c') {
    const { agents, result: r } = target ? staffErlangC(q, target) : { agents: nums.agents!, result: erlangC({ ...q, agents: nums.agents! }) };
    return { ...base, agents, threshold_s: thresholdS, p_wait: r.pWait, service_level: r.serviceLevel, asa_s: finiteOrNull(r.asaS),
      p_abandon: 0, occupancy: r.occupancy, stable: r.stable };
  }
  if (nums['patience-s'] === undefined) throw usageError('--patience-s', 'is required for --model a');
  const qa = { ...q, patienceS: nums['patience-s'] };
  const { agents, result: r } = target ? staffErlangA(qa, target) : { agents: nums.agents!, result: erlangA({ ...qa, agents: nums.agents! }) };
  return { ...base, agents, threshold_s: thresholdS, patience_s: qa.patienceS, p_wait: r.pWait, service_level: r.serviceLevel,
    asa_s: r.asaS, p_abandon: r.pAbandon, mean_wait_s: r.meanWaitS, occupancy: r.occupancy };
}

// Erlang B is a loss system: nobody waits, a blocked call is lost, so
// p_wait = asa_s = p_abandon = 0 and service_level = 1 - blocking.
function erlangBOutput(base: Record<string, unknown>, nums: ParsedArgs['nums']): Record<string, unknown> {
  const a = base.traffic_erlangs as number;
  let agents = nums.agents;
  let blocking: number;
  if (agents === undefined) {
    const max = nums['max-blocking']!;
    if (!(max > 0 && max < 1)) throw usageError('--max-blocking', `must be strictly between 0 and 1, got ${max}`);
    const walk = new InverseErlangBWalk(a);
    while (Math.exp(-walk.step()) > max) {
      if (walk.agents >= 1_000_000) throw ErlangErrors.create('ERLANG_TARGET_UNREACHABLE', { max });
    }
    agents = walk.agents;
    blocking = Math.exp(-walk.logInverse);
  } else blocking = erlangB(agents, a);
  return { ...base, agents, blocking, p_wait: 0, service_level: 1 - blocking, asa_s: 0, p_abandon: 0, occupancy: (a * (1 - blocking)) / agents };
}

/**
 * The `switchboard erlang` command without I/O: parses flags, computes, and
 * returns the object to print. Bad arguments give exit code 2 and an error
 * naming the flag; the CLI prints `output` as JSON either way.
 */
export function runErlangCommand(args: string[]): CommandResult {
  try {
    return { output: compute(parseArgs(args)), exitCode: 0 };
  } catch (err) {
    if (!ErlangErrors.is(err)) throw err;
    const details = err.details ?? {};
    const flag = typeof details.flag === 'string' ? details.flag
      : typeof details.field === 'string' ? FIELD_TO_FLAG[details.field] : undefined;
    // The math names fields (aht_s); on the command line they are flags (--aht-s).
    const message = err.message.replace(/\b[a-z]+(?:_[a-z]+)+\b|\bcalls\b|\bagents\b/g, (f) =>
      f === flag || !FIELD_TO_FLAG[f] || err.message.includes(FIELD_TO_FLAG[f]) ? f : FIELD_TO_FLAG[f]);
    const exitCode = err.code === 'ERLANG_INVALID_INPUT' ? 2 : 1;
    return { output: { error: { code: err.code, message, ...(flag ? { flag } : {}) }, ...(exitCode === 2 ? { usage: ERLANG_USAGE } : {}) }, exitCode };
  }
}
