import type { AgentTransition } from '../agents/agent-state.js';
import type { Interaction } from './interaction.js';
import type { AgentStateChanged, InteractionState, InteractionStateChanged, RoutingDelegate } from './types.js';

type Buffered = { kind: 'agent'; e: AgentStateChanged } | { kind: 'interaction'; e: InteractionStateChanged };

/**
 * Holds the events of one engine call and delivers them after the call, in
 * order, so a listener always sees consistent state and may call back into
 * the engine. Nothing is allocated for events no listener asked for.
 */
export class EventBuffer {
  #events: Buffered[] = [];
  #queues = new Set<string>();

  constructor(private readonly delegate: RoutingDelegate | undefined) {}

  agent(agentId: string, t: AgentTransition): void {
    if (!this.delegate?.onAgentStateChanged) return;
    this.#events.push({ kind: 'agent', e: { agentId, from: t.from, to: t.to, auxReason: t.auxReason, at: t.at } });
  }

  interaction(i: Interaction, from: InteractionState | 'new', to: InteractionState, agentId?: string): void {
    if (!this.delegate?.onInteractionStateChanged) return;
    this.#events.push({
      kind: 'interaction',
      e: { interactionId: i.id, queueId: i.queueId, from, to, agentId, at: i.stateSince },
    });
  }

  queueTouched(queueId: string): void {
    if (this.delegate?.onQueueStatsChanged) this.#queues.add(queueId);
  }

  discard(): void {
    this.#events = [];
    this.#queues = new Set();
  }

  flush(): void {
    const d = this.delegate;
    if (!d) return;
    const events = this.#events;
    const queues = this.#queues;
    this.discard();
    for (const ev of events) {
      if (ev.kind === 'agent') d.onAgentStateChanged?.(ev.e);
      else d.onInteractionStateChanged?.(ev.e);
    }
    for (const q of queues) d.onQueueStatsChanged?.(q);
  }
}
