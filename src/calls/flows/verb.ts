import type { z } from 'zod';
import type { CollectOptions, CollectResult, FlowCall, FlowCapabilities, PlayOptions } from './flow-call.js';
import type { FlowVariables } from './flow-variables.js';
import type { VerbScope } from './verb-scope.js';

/** A path inside a verb's config, e.g. ['options', '1']. */
export type ConfigPath = readonly (string | number)[];

/** A branch to another step, named where it is written so errors can point at it. */
export interface BranchRef {
  readonly path: ConfigPath;
  readonly target: string;
}

export interface VerbIssue {
  readonly path: ConfigPath;
  readonly message: string;
}

/** Why a flow stopped, when a verb stops it. */
export type FlowEnd = 'hangup' | 'transferred' | 'caller_hangup';

/**
 * What a verb did: go to a step (`next`), fall through to the following one
 * (neither set), or end the flow. `outcome` is a short label for the path
 * record (`option 1`, `no_input`, `closed`, `callback`).
 */
export interface VerbResult {
  readonly next?: string;
  readonly end?: FlowEnd;
  readonly outcome?: string;
}

/** What a running verb may use; every helper is bound to the verb's scope. */
export interface VerbContext {
  readonly call: FlowCall;
  readonly vars: FlowVariables;
  readonly scope: VerbScope;
  readonly stepIds: ReadonlySet<string>;
  /** Digits the caller pressed at this step (screen pop, interaction attributes). */
  recordDigits(digits: string): void;
  /** Path and digits so far, for interactions the host creates (queue, voicemail). */
  attributes(): Record<string, unknown>;
  /** play() whose playback stops when the verb is killed. */
  play(prompt: string, options?: PlayOptions): Promise<void>;
  say(text: string, options?: PlayOptions): Promise<void>;
  /** Collects digits until done, the verb ends, or `signal` (if given) aborts. */
  collect(options: CollectOptions, signal?: AbortSignal): Promise<CollectResult>;
  /** A timer cancelled when the verb ends. */
  after(ms: number, fn: () => void): void;
}

/**
 * One verb, in its own file under verbs/ (STYLE habit 4): its JSON schema,
 * where it may branch (for validation and the reachability check), and
 * exec(). kill() is common to all verbs: the runner disposes the verb's
 * scope, which stops its playback, collection and timers.
 */
export interface VerbDefinition<C> {
  readonly name: string;
  readonly schema: z.ZodType<C>;
  /** The caller acts here (keys, waiting in queue), so a loop through it is not a runaway. */
  readonly waitsForCaller: boolean;
  /** Needs the call answered first (plays or hears audio). */
  readonly media: boolean;
  /** May jump to any step chosen at run time (webhook). */
  readonly dynamicNext?: boolean;
  branches(config: C): BranchRef[];
  /** Whether the flow may continue with the following step after this verb. */
  fallsThrough(config: C): boolean;
  /** Checks against the host's capabilities (text to speech, uploaded prompts, queues). */
  check?(config: C, caps: FlowCapabilities): VerbIssue[];
  exec(config: C, ctx: VerbContext): Promise<VerbResult>;
}

/** Branches that are set, with their config paths. */
export function refs(...pairs: [ConfigPath, string | undefined][]): BranchRef[] {
  return pairs.filter((p): p is [ConfigPath, string] => p[1] !== undefined).map(([path, target]) => ({ path, target }));
}
