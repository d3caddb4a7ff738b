import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { agentClients, agentSkills, agents, queues, skills, type OverflowStep as StoredStep } from '../../store/schema.js';
import type { AgentConfig, OverflowStep, QueueConfig } from '../types.js';

/** Stored queue row → engine configuration. */
export function toQueueConfig(q: typeof queues.$inferSelect): QueueConfig {
  const required = Object.fromEntries(q.requiredSkills.map((s) => [s.skill_id, s.min_level]));
  const overflow: OverflowStep[] = [...q.overflow].sort((a, b) => a.after_s - b.after_s).map((s: StoredStep) => {
    if (s.action) {
      return { afterS: s.after_s, exit: s.action === 'queue' && s.target_queue_id ? { kind: 'transfer', queueId: s.target_queue_id }
        : { kind: s.action === 'voicemail' ? 'voicemail' : 'callback' } };
    }
    const step: OverflowStep = { afterS: s.after_s };
    if (s.min_level !== undefined) step.relaxSkills = Object.fromEntries(Object.keys(required).map((k) => [k, Math.min(required[k], s.min_level!)]));
    if (s.add_team_ids?.length) step.addTeamIds = s.add_team_ids;
    return step;
  });
  return {
    id: q.id, clientId: q.clientId, channel: q.channel, priority: q.priority, skills: required, slThresholdS: q.slThresholdS,
    slTarget: q.slTarget, maxWaitS: q.maxWaitS, wrapUpS: q.wrapUpS, ringTimeoutS: q.ringTimeoutS, policy: q.policy, overflow,
  };
}

export interface LoadedConfig { skillIds: string[]; queues: QueueConfig[]; agents: AgentConfig[] }

/** Reads the enabled queues and agents the engine routes over (or just the ones named). */
export async function loadRoutingConfig(db: Db, only?: { queueId?: string; agentId?: string }): Promise<LoadedConfig> {
  const skillIds = (await db.select({ id: skills.id }).from(skills)).map((s) => s.id);
  const qs = only?.agentId ? [] : (await db.select().from(queues).where(and(eq(queues.disabled, false), only?.queueId ? eq(queues.id, only.queueId) : undefined))).map(toQueueConfig);
  const as = only?.queueId ? [] : await db.select().from(agents).where(and(eq(agents.disabled, false), only?.agentId ? eq(agents.id, only.agentId) : undefined));
  const ids = as.map((a) => a.id);
  const links = ids.length ? await db.select().from(agentClients).where(inArray(agentClients.agentId, ids)) : [];
  const sk = ids.length ? await db.select().from(agentSkills).where(inArray(agentSkills.agentId, ids)) : [];
  return {
    skillIds,
    queues: qs,
    agents: as.map((a) => ({
      id: a.id,
      skills: Object.fromEntries(sk.filter((s) => s.agentId === a.id).map((s) => [s.skillId, s.level])),
      clientIds: links.filter((l) => l.agentId === a.id).map((l) => l.clientId),
      teamIds: a.teamId ? [a.teamId] : [],
      capacity: a.capacity,
    })),
  };
}
