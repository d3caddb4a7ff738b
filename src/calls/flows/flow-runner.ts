import type { Logger } from '../../platform/logger.js';
import type { FlowCall, FlowValue } from './flow-call.js';
import { FlowErrors } from './flow-errors.js';
import type { Flow, FlowStep } from './flow-schema.js';
import { FlowVariables } from './flow-variables.js';
import type { VerbContext, VerbResult } from './verb.js';
import { VerbScope } from './verb-scope.js';
import { VERBS, type VerbTable } from './verbs/verb-table.js';

/**
 * Runs one flow on one call, a step at a time, and records the path taken.
 *
 *   idle ─run─► running ─(a verb ends it | last step done | step limit | error)─► ended
 *    │             │
 *    └───kill──────┴───kill (caller hung up)───► killed
 */
export type FlowRunnerState = 'idle' | 'running' | 'ended' | 'killed';

const NEXT: Readonly<Record<FlowRunnerState, readonly FlowRunnerState[]>> = {
  idle: ['running', 'killed'],
  running: ['ended', 'killed'],
  ended: [],
  killed: [],
};

/** Why the flow stopped. `completed`: the last step fell through (we hang up). */
export type FlowEndReason = 'completed' | 'hangup' | 'transferred' | 'caller_hangup' | 'killed' | 'max_steps' | 'error';

export interface PathEntry {
  readonly step: number;
  readonly id?: string;
  readonly verb: string;
  /** When the step started (host clock, ms). */
  readonly at: number;
  /** `option 1`, `closed`, `timeout`, ...; absent while the step runs or when it was killed. */
  outcome?: string;
}

export interface DigitsEntry {
  readonly step: number;
  readonly id?: string;
  readonly verb: string;
  readonly digits: string;
}

export interface FlowResult {
  readonly reason: FlowEndReason;
  readonly steps: number;
  readonly path: readonly PathEntry[];
  readonly digits: readonly DigitsEntry[];
  readonly variables: Record<string, FlowValue>;
}

export interface FlowRunnerOptions {
  /** Stops a runaway flow (a loop the caller cannot leave); default 200. */
  readonly maxSteps?: number;
  readonly log?: Logger;
  readonly verbs?: VerbTable;
}

const KILLED = Symbol('killed');

export class FlowRunner {
  #state: FlowRunnerState = 'idle';
  readonly #vars: FlowVariables;
  readonly #path: PathEntry[] = [];
  readonly #digits: DigitsEntry[] = [];
  readonly #index: ReadonlyMap<string, number>;
  readonly #ids: ReadonlySet<string>;
  readonly #verbs: VerbTable;
  readonly #maxSteps: number;
  #scope: VerbScope | undefined;
  #onKill: () => void = () => {};
  readonly #killed = new Promise<typeof KILLED>((resolve) => {
    this.#onKill = () => resolve(KILLED);
  });
  #answered = false;

  constructor(readonly flow: Flow, private readonly call: FlowCall, private readonly o: FlowRunnerOptions = {}) {
    this.#vars = new FlowVariables(call.variables);
    this.#verbs = o.verbs ?? VERBS;
    this.#maxSteps = o.maxSteps ?? 200;
    this.#index = new Map(flow.steps.flatMap((s) => (s.id === undefined ? [] : [[s.id, s.index] as const])));
    this.#ids = new Set(this.#index.keys());
  }

  get state(): FlowRunnerState {
    return this.#state;
  }
  get path(): readonly PathEntry[] {
    return this.#path;
  }
  get digits(): readonly DigitsEntry[] {
    return this.#digits;
  }
  get variables(): Record<string, FlowValue> {
    return this.#vars.toJSON();
  }

  /** The path and digits in the shape an interaction stores them (attributes, screen pop). */
  attributes(): Record<string, unknown> {
    return {
      flow: this.flow.name,
      flow_path: this.#path.map((p) => `${p.id ?? p.step}:${p.verb}${p.outcome === undefined ? '' : ` (${p.outcome})`}`),
      digits: this.#digits.map((d) => d.digits).join(' '),
      variables: this.#vars.toJSON(),
    };
  }

  #transition(to: FlowRunnerState): void {
    if (!NEXT[this.#state].includes(to)) throw FlowErrors.create('FLOW_ILLEGAL_TRANSITION', { from: this.#state, to });
    this.#state = to;
  }

  /**
   * Stops the flow wherever it is (the caller hung up): the running verb's
   * scope is disposed (playback, collection, timers, queue wait) and run()
   * resolves with reason 'killed'. Idempotent; no hang-up is sent.
   */
  kill(): void {
    if (this.#state === 'ended' || this.#state === 'killed') return;
    this.#transition('killed');
    this.#scope?.dispose();
    this.#onKill();
  }

  /** Runs the flow to its end; never rejects. */
  async run(): Promise<FlowResult> {
    if (this.#state !== 'idle') throw FlowErrors.create('FLOW_ALREADY_STARTED');
    this.#transition('running');
    let index = 0;
    let count = 0;
    let reason: FlowEndReason;
    for (;;) {
      if (index >= this.flow.steps.length) {
        reason = 'completed';
        break;
      }
      if (count >= this.#maxSteps) {
        this.o.log?.warn({ flow: this.flow.name, maxSteps: this.#maxSteps }, 'flow step limit reached');
        reason = 'max_steps';
        break;
      }
      count++;
      const step = this.flow.steps[index];
      const r = await this.#runStep(step);
      if (r === KILLED) return this.#result('killed', count);
      if (r === 'error') {
        reason = 'error';
        break;
      }
      if (r.end !== undefined) return this.#finish(r.end, count);
      const target = r.next ?? step.next;
      index = target === undefined ? index + 1 : (this.#index.get(target) ?? this.flow.steps.length);
    }
    return this.#finish(reason, count);
  }

  async #runStep(step: FlowStep): Promise<VerbResult | typeof KILLED | 'error'> {
    const def = this.#verbs.get(step.verb);
    const entry: PathEntry = { step: step.index, id: step.id, verb: step.verb, at: this.call.now() };
    this.#path.push(entry);
    const scope = new VerbScope();
    this.#scope = scope;
    try {
      if (def === undefined) throw new Error(`no verb "${step.verb}"`);
      if (def.media && !this.#answered) {
        const answered = await Promise.race([this.call.answer(), this.#killed]);
        if (answered === KILLED) return KILLED;
        this.#answered = true;
      }
      const r = await Promise.race([def.exec(step.config, this.#context(step, scope)), this.#killed]);
      if (r !== KILLED) entry.outcome = r.outcome;
      return r;
    } catch (err) {
      if (this.#state === 'killed' || FlowErrors.is(err, 'FLOW_KILLED')) return KILLED;
      this.o.log?.error({ err, flow: this.flow.name, step: step.index, verb: step.verb }, 'flow verb failed');
      entry.outcome = 'error';
      return 'error';
    } finally {
      scope.dispose();
      this.#scope = undefined;
    }
  }

  #context(step: FlowStep, scope: VerbScope): VerbContext {
    const call = this.call;
    let stopsPlayback = false;
    const playing = (): void => {
      if (!stopsPlayback) scope.defer(() => call.stopPlayback());
      stopsPlayback = true;
    };
    return {
      call, scope, vars: this.#vars, stepIds: this.#ids,
      recordDigits: (digits) => this.#digits.push({ step: step.index, id: step.id, verb: step.verb, digits }),
      attributes: () => this.attributes(),
      play: async (prompt, options) => {
        scope.check();
        playing();
        await call.play(prompt, options);
      },
      say: async (text, options) => {
        scope.check();
        playing();
        await call.say(text, options);
      },
      collect: (options, signal) => call.collectDigits(options, signal === undefined ? scope.signal : AbortSignal.any([scope.signal, signal])),
      after: (ms, fn) => scope.defer(call.after(ms, fn)),
    };
  }

  async #finish(reason: FlowEndReason, count: number): Promise<FlowResult> {
    if (this.#state !== 'running') return this.#result('killed', count);
    this.#transition('ended');
    if (reason === 'completed' || reason === 'max_steps' || reason === 'error') {
      const cause = reason === 'completed' ? 'normal' : reason === 'max_steps' ? 'flow_step_limit' : 'flow_error';
      try {
        await this.call.hangup(cause);
      } catch (err) {
        this.o.log?.warn({ err }, 'hang-up after the flow failed');
      }
    }
    return this.#result(reason, count);
  }

  #result(reason: FlowEndReason, steps: number): FlowResult {
    return { reason, steps, path: this.#path, digits: this.#digits, variables: this.#vars.toJSON() };
  }
}
