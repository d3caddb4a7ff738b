import type { Agent } from '../agents/agent.js';
import { HeapNode, IndexedHeap } from './indexed-heap.js';
import type { Interaction } from './interaction.js';
import type { NormalizedAgent, NormalizedQueue } from './queue-config.js';
import { QueueStatsCounter } from './queue-stats.js';

/** An agent as the engine indexes it. */
export interface AgentEntry {
  agent: Agent;
  cfg: NormalizedAgent;
  /** One per queue the agent can serve at some overflow tier. */
  memberships: Membership[];
}

/** The agent's place in one queue: its tier and its node in that tier's pool. */
export interface Membership {
  queue: QueueRuntime;
  entry: AgentEntry;
  tier: number;
  node: HeapNode<Membership>;
  skillScore: number;
  /** round_robin: the queue's offer counter when this agent last got an offer from it. */
  lastServed: number;
}

/**
 * One queue's indexes. `pools[t]` holds the agents whose tier is exactly t
 * (disjoint "delta" pools, so each agent sits in at most one pool per
 * queue) and who can take the queue's channel right now, ordered by the
 * queue's policy key. `waiting[s]` holds queued interactions that have
 * reached overflow stage s, ordered by priority-adjusted arrival.
 * `arrivals` orders the same interactions by time entered (longest wait).
 */
export class QueueRuntime {
  pools: IndexedHeap<Membership>[];
  waiting: IndexedHeap<Interaction>[];
  readonly arrivals = new IndexedHeap<Interaction>();
  readonly stats: QueueStatsCounter;
  rrCounter = 0;

  constructor(public cfg: NormalizedQueue) {
    this.pools = cfg.stages.map(() => new IndexedHeap<Membership>());
    this.waiting = cfg.stages.map(() => new IndexedHeap<Interaction>());
    this.stats = new QueueStatsCounter(cfg.slThresholdMs);
  }

  /**
   * Switches to a new configuration with fresh, empty pools and waiting
   * heaps (one per stage of the new overflow steps). The caller has taken
   * every agent and waiting interaction out and puts them back. Today's
   * counters are kept; the SL threshold applies from now on.
   */
  reconfigure(cfg: NormalizedQueue): void {
    this.cfg = cfg;
    this.pools = cfg.stages.map(() => new IndexedHeap<Membership>());
    this.waiting = cfg.stages.map(() => new IndexedHeap<Interaction>());
    this.stats.thresholdMs = cfg.slThresholdMs;
  }

  get waitingCount(): number {
    return this.arrivals.size;
  }

  /**
   * Writes the policy key into the membership's node (lower wins):
   *   longest_idle, ring_all: (idleSince, agent seq)
   *   most_skilled:           (−sum of levels on the queue's skills, idleSince, seq)
   *   least_occupied:         (share of total capacity in use, idleSince, seq)
   *   round_robin:            (offer counter when last served by this queue, seq)
   */
  setKey(m: Membership, agent: Agent): void {
    const n = m.node;
    switch (this.cfg.policy) {
      case 'longest_idle':
      case 'ring_all':
        n.k1 = agent.idleSince;
        n.k2 = agent.seq;
        n.k3 = 0;
        return;
      case 'most_skilled':
        n.k1 = -m.skillScore;
        n.k2 = agent.idleSince;
        n.k3 = agent.seq;
        return;
      case 'least_occupied':
        n.k1 = agent.load;
        n.k2 = agent.idleSince;
        n.k3 = agent.seq;
        return;
      case 'round_robin':
        n.k1 = m.lastServed;
        n.k2 = agent.seq;
        n.k3 = 0;
        return;
    }
  }
}

export function newMembership(queue: QueueRuntime, entry: AgentEntry, tier: number, skillScore: number): Membership {
  const m: Membership = { queue, entry, tier, node: undefined as unknown as HeapNode<Membership>, skillScore, lastServed: 0 };
  m.node = new HeapNode(m);
  return m;
}
