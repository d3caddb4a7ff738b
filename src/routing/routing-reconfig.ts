/**
 * Live configuration: queue and agent edits applied to a running engine, so
 * an admin's change reaches routing without a restart. `RoutingEngine`
 * validates (normalizes) the new configuration before calling in here, so a
 * bad edit throws before anything changes.
 *
 * What an edit does to work in progress:
 * - Queue edit: waiting interactions stay queued with their arrival time and
 *   sequence number (their place); their key takes the new queue priority,
 *   their overflow stage and timers follow the new steps (a step or max wait
 *   already overdue fires on the next `tick()`). Ringing offers keep their
 *   agent and ring timeout; active calls keep their agent, and wrap-up uses
 *   the queue's wrap-up time when they complete. Agents are re-indexed.
 * - Agent edit: skills, clients, teams and capacity apply to the next
 *   offers; work the agent holds is untouched. Capacity below current use
 *   blocks new offers on that channel until enough work ends.
 * Both keep each agent's round-robin position in the queues it still serves.
 */
import type { Interaction } from './interaction.js';
import type { NormalizedAgent, NormalizedQueue } from './queue-config.js';
import type { AgentEntry, QueueRuntime } from './queue-runtime.js';
import { RoutingCore } from './routing-core.js';

export class RoutingReconfig extends RoutingCore {
  /** Applies `cfg` (same id and channel, already validated) to queue `q`. */
  protected reconfigureQueue(q: QueueRuntime, cfg: NormalizedQueue): void {
    // Take every agent and waiting interaction out of the old indexes.
    const lastServed = new Map<AgentEntry, number>();
    for (const e of this.agents.values()) {
      const k = e.memberships.findIndex((m) => m.queue === q);
      if (k < 0) continue;
      const m = e.memberships[k];
      if (m.node.inHeap) q.pools[m.tier].remove(m.node);
      q.stats.agentsByState[e.agent.state]--;
      lastServed.set(e, m.lastServed);
      e.memberships.splice(k, 1);
    }
    const waiting: Interaction[] = [];
    for (const heap of q.waiting) for (const node of heap) waiting.push(node.item);
    for (const i of waiting) this.unqueue(i, q);

    if (q.cfg.clientId !== cfg.clientId) {
      const old = this.queuesByClient.get(q.cfg.clientId)!;
      old.splice(old.indexOf(q), 1);
      const list = this.queuesByClient.get(cfg.clientId) ?? [];
      list.push(q);
      this.queuesByClient.set(cfg.clientId, list);
    }
    q.reconfigure(cfg);

    for (const e of this.agents.values()) {
      if (!e.cfg.clientIds.has(cfg.clientId) || !this.join(e, q)) continue;
      e.memberships[e.memberships.length - 1].lastServed = lastServed.get(e) ?? 0;
      this.refreshAgent(e);
    }
    // Ringing interactions are re-keyed too: a missed offer returns them to their place under
    // the new priority, not the old one (found by the property test: a stale key let newer
    // interactions overtake an older one after its offer timed out).
    for (const i of this.interactions.values()) {
      if (i.queue === q && i.state === 'offered') i.waitNode.k1 = i.enqueuedAt - (cfg.priority + i.priority) * this.agingMs;
    }
    // Back in, most deserving first, each looking for an agent as on arrival.
    for (const i of waiting) i.waitNode.k1 = i.enqueuedAt - (cfg.priority + i.priority) * this.agingMs;
    waiting.sort((a, b) => a.waitNode.k1 - b.waitNode.k1 || a.waitNode.k2 - b.waitNode.k2);
    for (const i of waiting) this.queueWaiting(i, q);
  }

  /** Removes queue `q`, which has no live interactions and is no transfer target. */
  protected dropQueue(q: QueueRuntime): void {
    for (const e of this.agents.values()) {
      const k = e.memberships.findIndex((m) => m.queue === q);
      if (k < 0) continue;
      const m = e.memberships[k];
      if (m.node.inHeap) q.pools[m.tier].remove(m.node);
      e.memberships.splice(k, 1);
    }
    const list = this.queuesByClient.get(q.cfg.clientId)!;
    list.splice(list.indexOf(q), 1);
    if (list.length === 0) this.queuesByClient.delete(q.cfg.clientId);
    this.queues.delete(q.cfg.id);
  }

  /** Applies `cfg` (same id, already validated) to agent `e`, then offers it work it may now take. */
  protected reconfigureAgent(e: AgentEntry, cfg: NormalizedAgent): void {
    const lastServed = new Map<QueueRuntime, number>();
    for (const m of e.memberships) {
      if (m.node.inHeap) m.queue.pools[m.tier].remove(m.node);
      m.queue.stats.agentsByState[e.agent.state]--;
      lastServed.set(m.queue, m.lastServed);
    }
    e.memberships = [];
    e.cfg = cfg;
    e.agent.setCapacity(cfg.capacity);
    for (const clientId of cfg.clientIds) {
      for (const q of this.queuesByClient.get(clientId) ?? []) {
        if (this.join(e, q)) e.memberships[e.memberships.length - 1].lastServed = lastServed.get(q) ?? 0;
      }
    }
    this.refreshAgent(e);
    this.dispatchAgent(e);
  }

  /** Live interactions whose current queue is `q`. */
  protected liveInQueue(q: QueueRuntime): number {
    let n = 0;
    for (const i of this.interactions.values()) if (i.queue === q) n++;
    return n;
  }
}
