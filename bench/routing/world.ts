/** A seeded contact-center configuration for the routing benchmark. */
import type { AgentConfig, Channel, QueueConfig, SelectionPolicy } from '../../src/routing/types.js';
import { createRng } from '../../src/sim/prng.js';

/** A seeded source of [0, 1) numbers: the project's PRNG (src/sim/prng.ts). */
export function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

export const SKILLS = Array.from({ length: 50 }, (_, i) => `s${i}`);
const CLIENTS = Array.from({ length: 10 }, (_, i) => `c${i}`);
const POLICIES: SelectionPolicy[] = ['longest_idle', 'most_skilled', 'least_occupied', 'round_robin'];

export interface World {
  queues: QueueConfig[];
  agents: AgentConfig[];
}

/**
 * 100 queues over 10 clients (80 voice, 15 chat, 5 work item), each needing
 * 1–2 of 50 skills, half with an overflow step that relaxes levels after
 * 30 s. Agents serve 2 clients, hold 8 skills at levels 1–10; all take
 * voice, 20 % also 3 chats, 10 % also 2 work items.
 */
export function buildWorld(agentCount: number, seed = 42): World {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const queues: QueueConfig[] = [];
  for (let q = 0; q < 100; q++) {
    const channel: Channel = q < 80 ? 'voice' : q < 95 ? 'chat' : 'work_item';
    const skills: Record<string, number> = {};
    const n = r() < 0.7 ? 1 : 2;
    while (Object.keys(skills).length < n) skills[pick(SKILLS)] = 1 + Math.floor(r() * 4);
    const relax = Object.fromEntries(Object.keys(skills).map((s) => [s, 1]));
    queues.push({
      id: `q${q}`,
      clientId: CLIENTS[q % CLIENTS.length],
      channel,
      priority: Math.floor(r() * 3),
      skills,
      slThresholdS: 20,
      maxWaitS: 900,
      wrapUpS: 15,
      ringTimeoutS: 20,
      policy: POLICIES[q % POLICIES.length],
      overflow: q % 2 === 0 ? [{ afterS: 30, relaxSkills: relax }] : [],
    });
  }
  const agents: AgentConfig[] = [];
  for (let a = 0; a < agentCount; a++) {
    const skills: Record<string, number> = {};
    while (Object.keys(skills).length < 8) skills[pick(SKILLS)] = 1 + Math.floor(r() * 10);
    const c1 = pick(CLIENTS);
    let c2 = pick(CLIENTS);
    while (c2 === c1) c2 = pick(CLIENTS);
    const capacity: Partial<Record<Channel, number>> = { voice: 1 };
    if (r() < 0.2) capacity.chat = 3;
    if (r() < 0.1) capacity.work_item = 2;
    agents.push({ id: `a${a}`, skills, clientIds: [c1, c2], capacity });
  }
  return { queues, agents };
}
