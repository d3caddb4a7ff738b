import { AppError } from '../platform/errors.js';
import type { RoutingEngine } from '../routing/routing-engine.js';
import type { AgentConfig, Channel, QueueConfig, SelectionPolicy } from '../routing/types.js';
import { constant, exponential, lognormal, uniform, type Sampler } from './distributions.js';
import { expandAgentIds, type AgentScenario, type Distribution, type QueueScenario, type Scenario } from './scenario.js';
import { SimErrors } from './sim-errors.js';

/** A scenario's distribution as a sampler (seconds). */
export function samplerOf(d: Distribution): Sampler {
  switch (d.dist) {
    case 'exponential': return exponential(d.mean_s);
    case 'lognormal': return lognormal({ mean: d.mean_s, cv: d.cv });
    case 'constant': return constant(d.value_s);
    case 'uniform': return uniform(d.min_s, d.max_s);
  }
}

export function queueConfigOf(q: QueueScenario): QueueConfig {
  return {
    id: q.id,
    clientId: q.client_id,
    channel: q.channel as Channel,
    priority: q.priority,
    skills: q.skills,
    slThresholdS: q.sl_threshold_s,
    slTarget: q.sl_target,
    maxWaitS: q.max_wait_s,
    wrapUpS: q.wrap_up_s,
    ringTimeoutS: q.ring_timeout_s,
    policy: q.policy as SelectionPolicy | undefined,
    ringAllMax: q.ring_all_max,
    overflow: q.overflow?.map((s) => ({
      afterS: s.after_s,
      relaxSkills: s.relax_skills,
      addTeamIds: s.add_team_ids,
      exit: s.exit && (s.exit.kind === 'transfer' ? { kind: 'transfer', queueId: s.exit.queue_id } : { kind: s.exit.kind }),
    })),
  };
}

export function agentConfigsOf(a: AgentScenario): AgentConfig[] {
  return expandAgentIds(a.id, a.count).map((id) => ({
    id,
    skills: a.skills,
    clientIds: a.client_ids,
    teamIds: a.team_ids,
    capacity: a.capacity,
  }));
}

/** Every skill a queue or agent of the scenario names. */
export function skillsOf(s: Scenario): string[] {
  const set = new Set<string>();
  for (const q of s.queues) {
    for (const k of Object.keys(q.skills)) set.add(k);
    for (const step of q.overflow ?? []) for (const k of Object.keys(step.relax_skills ?? {})) set.add(k);
  }
  for (const a of s.agents) for (const k of Object.keys(a.skills)) set.add(k);
  return [...set].sort();
}

/**
 * Loads the scenario's queues and agents into the engine. Queues go in an
 * order where every transfer target comes before the queues that overflow
 * into it (the engine checks the target exists). The engine's own checks
 * (e.g. an overflow step that raises a level) come back as scenario errors
 * naming the queue or agent.
 */
export function loadScenario(engine: RoutingEngine, s: Scenario): void {
  engine.addSkills(skillsOf(s));
  const byId = new Map(s.queues.map((q, i) => [q.id, { q, i }]));
  const added = new Set<string>();
  const visiting = new Set<string>();
  const add = (id: string): void => {
    if (added.has(id)) return;
    const { q, i } = byId.get(id)!;
    if (visiting.has(id)) throw scenarioError(`queues[${i}].overflow`, `transfer exits form a cycle through '${id}'`);
    visiting.add(id);
    for (const step of q.overflow ?? []) if (step.exit?.kind === 'transfer') add(step.exit.queue_id);
    wrap(`queues[${i}]`, () => engine.addQueue(queueConfigOf(q)));
    added.add(id);
  };
  for (const q of s.queues) add(q.id);
  s.agents.forEach((a, i) => {
    for (const cfg of agentConfigsOf(a)) wrap(`agents[${i}]`, () => engine.addAgent(cfg));
  });
}

function wrap(field: string, fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) {
      const detail = typeof err.details?.detail === 'string' ? err.details.detail : `${err.message} (${err.code})`;
      throw scenarioError(field, detail);
    }
    throw err;
  }
}

function scenarioError(field: string, message: string): AppError {
  return SimErrors.create('SIM_INVALID_SCENARIO', { issues: [`${field}: ${message}`] }, `invalid scenario: ${field}: ${message}`);
}
