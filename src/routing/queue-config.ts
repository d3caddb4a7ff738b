import { RoutingErrors } from './routing-errors.js';
import {
  CHANNELS,
  SELECTION_POLICIES,
  type AgentConfig,
  type Channel,
  type ExitAction,
  type QueueConfig,
  type SelectionPolicy,
} from './types.js';

/** Requirements in force from `atMs` of waiting: stage 0 is the queue's base. */
export interface Stage {
  atMs: number;
  minLevels: ReadonlyMap<string, number>;
  teamIds: ReadonlySet<string>;
  exit: ExitAction | undefined;
}

export interface NormalizedQueue {
  id: string;
  clientId: string;
  channel: Channel;
  priority: number;
  slThresholdMs: number;
  slTarget: number;
  maxWaitMs: number | undefined;
  wrapUpMs: number;
  ringTimeoutMs: number;
  policy: SelectionPolicy;
  ringAllMax: number;
  stages: Stage[];
}

export interface NormalizedAgent {
  id: string;
  skills: ReadonlyMap<string, number>;
  clientIds: ReadonlySet<string>;
  teamIds: ReadonlySet<string>;
  capacity: Record<Channel, number>;
}

function invalid(detail: string, extra: Record<string, unknown> = {}): never {
  throw RoutingErrors.create('INVALID_CONFIG', { detail, ...extra }, `invalid routing configuration: ${detail}`);
}

/** Seconds → ms; throws INVALID_DURATION on NaN, infinity or a negative value. */
export function durationMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw RoutingErrors.create('INVALID_DURATION', { field, value });
  }
  return value * 1000;
}

export function checkPriority(value: unknown, field: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw RoutingErrors.create('INVALID_PRIORITY', { field, value });
  }
  return value;
}

function level(skills: ReadonlySet<string>, skill: string, value: unknown, field: string): number {
  if (!skills.has(skill)) throw RoutingErrors.create('UNKNOWN_SKILL', { skill, field });
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10) {
    invalid(`${field}.${skill} must be an integer level 1-10`, { skill });
  }
  return value;
}

function nonEmptyId(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0) invalid(`${field} must be a non-empty string`);
  return v;
}

export function normalizeQueue(
  cfg: QueueConfig,
  skills: ReadonlySet<string>,
  queueChannel: (id: string) => Channel | undefined,
): NormalizedQueue {
  const id = nonEmptyId(cfg.id, 'id');
  if (!CHANNELS.includes(cfg.channel)) invalid(`unknown channel ${String(cfg.channel)}`);
  const policy = cfg.policy ?? 'longest_idle';
  if (!SELECTION_POLICIES.includes(policy)) invalid(`unknown policy ${String(policy)}`);
  if (policy === 'ring_all' && cfg.channel !== 'voice') invalid('ring_all is for voice queues');
  const slTarget = cfg.slTarget ?? 0.8;
  if (!(slTarget >= 0 && slTarget <= 1)) invalid('slTarget must be within 0..1');
  const ringAllMax = cfg.ringAllMax ?? 10;
  if (!Number.isInteger(ringAllMax) || ringAllMax < 1 || ringAllMax > 100) invalid('ringAllMax must be an integer 1-100');
  const ringTimeoutMs = durationMs(cfg.ringTimeoutS ?? 20, 'ringTimeoutS');
  if (ringTimeoutMs === 0) invalid('ringTimeoutS must be positive');

  const base = new Map<string, number>();
  for (const [s, v] of Object.entries(cfg.skills ?? {})) base.set(s, level(skills, s, v, 'skills'));
  const stages: Stage[] = [{ atMs: 0, minLevels: base, teamIds: new Set(), exit: undefined }];
  for (const [i, step] of (cfg.overflow ?? []).entries()) {
    const prev = stages[stages.length - 1];
    if (prev.exit) invalid('an exit step must be the last overflow step', { step: i });
    const atMs = durationMs(step.afterS, `overflow[${i}].afterS`);
    if (atMs <= prev.atMs) invalid('overflow steps must have strictly increasing afterS > 0', { step: i });
    const minLevels = new Map(prev.minLevels);
    for (const [s, v] of Object.entries(step.relaxSkills ?? {})) {
      const lv = level(skills, s, v, `overflow[${i}].relaxSkills`);
      const was = minLevels.get(s);
      if (was === undefined) invalid(`overflow[${i}] relaxes skill ${s} the queue does not require`);
      if (lv > was) invalid(`overflow[${i}] raises skill ${s}; steps may only relax`);
      minLevels.set(s, lv);
    }
    const teamIds = new Set(prev.teamIds);
    for (const t of step.addTeamIds ?? []) teamIds.add(nonEmptyId(t, `overflow[${i}].addTeamIds`));
    const exit = step.exit;
    if (exit) {
      if (step.relaxSkills || step.addTeamIds) invalid('an exit step carries no other change', { step: i });
      if (!['callback', 'voicemail', 'transfer'].includes(exit.kind)) invalid(`unknown exit ${String(exit.kind)}`);
      if (exit.kind === 'transfer') {
        const ch = queueChannel(exit.queueId);
        if (ch === undefined) throw RoutingErrors.create('QUEUE_NOT_FOUND', { queueId: exit.queueId, field: `overflow[${i}].exit` });
        if (ch !== cfg.channel) invalid('a transfer exit must target a queue of the same channel', { step: i });
      }
    }
    stages.push({ atMs, minLevels, teamIds, exit });
  }
  return {
    id,
    clientId: nonEmptyId(cfg.clientId, 'clientId'),
    channel: cfg.channel,
    priority: checkPriority(cfg.priority, 'priority'),
    slThresholdMs: durationMs(cfg.slThresholdS, 'slThresholdS'),
    slTarget,
    maxWaitMs: cfg.maxWaitS === undefined ? undefined : durationMs(cfg.maxWaitS, 'maxWaitS'),
    wrapUpMs: durationMs(cfg.wrapUpS ?? 0, 'wrapUpS'),
    ringTimeoutMs,
    policy,
    ringAllMax,
    stages,
  };
}

export function normalizeAgent(cfg: AgentConfig, skills: ReadonlySet<string>): NormalizedAgent {
  const agentSkills = new Map<string, number>();
  for (const [s, v] of Object.entries(cfg.skills ?? {})) agentSkills.set(s, level(skills, s, v, 'skills'));
  const capacity: Record<Channel, number> = { voice: 0, chat: 0, callback: 0, work_item: 0 };
  for (const [ch, n] of Object.entries(cfg.capacity ?? {})) {
    if (!CHANNELS.includes(ch as Channel)) invalid(`unknown channel ${ch}`);
    if (!Number.isInteger(n) || n < 0 || n > 100) invalid(`capacity.${ch} must be an integer 0-100`);
    capacity[ch as Channel] = n;
  }
  return {
    id: nonEmptyId(cfg.id, 'id'),
    skills: agentSkills,
    clientIds: new Set((cfg.clientIds ?? []).map((c) => nonEmptyId(c, 'clientIds'))),
    teamIds: new Set((cfg.teamIds ?? []).map((t) => nonEmptyId(t, 'teamIds'))),
    capacity,
  };
}

/** Why an agent cannot serve a queue at a stage; undefined when it can. */
export type IneligibleReason =
  | { reason: 'not_serving_client' }
  | { reason: 'no_channel_capacity' }
  | { reason: 'missing_skill'; skill: string }
  | { reason: 'skill_level_too_low'; skill: string; level: number; min: number };

export function stageMismatch(q: NormalizedQueue, a: NormalizedAgent, stage: number): IneligibleReason | undefined {
  if (!a.clientIds.has(q.clientId)) return { reason: 'not_serving_client' };
  if (a.capacity[q.channel] <= 0) return { reason: 'no_channel_capacity' };
  const st = q.stages[stage];
  for (const t of st.teamIds) if (a.teamIds.has(t)) return undefined;
  for (const [skill, min] of st.minLevels) {
    const lv = a.skills.get(skill);
    if (lv === undefined) return { reason: 'missing_skill', skill };
    if (lv < min) return { reason: 'skill_level_too_low', skill, level: lv, min };
  }
  return undefined;
}

/**
 * The agent's tier in the queue: the first stage whose requirements it
 * meets (stages only widen, so it stays eligible after), or -1.
 */
export function agentTier(q: NormalizedQueue, a: NormalizedAgent): number {
  for (let s = 0; s < q.stages.length; s++) {
    if (q.stages[s].exit) break;
    if (stageMismatch(q, a, s) === undefined) return s;
  }
  return -1;
}

/** Sum of the agent's levels on the queue's base skills: the most-skilled key. */
export function skillScore(q: NormalizedQueue, a: NormalizedAgent): number {
  let sum = 0;
  for (const skill of q.stages[0].minLevels.keys()) sum += a.skills.get(skill) ?? 0;
  return sum;
}
