/** Public configuration, decision and event types of the routing engine. */
import type { AgentState } from '../agents/agent-state.js';

export type Channel = 'voice' | 'chat' | 'callback' | 'work_item';
export const CHANNELS: readonly Channel[] = ['voice', 'chat', 'callback', 'work_item'];

export type SelectionPolicy = 'longest_idle' | 'most_skilled' | 'least_occupied' | 'round_robin' | 'ring_all';
export const SELECTION_POLICIES: readonly SelectionPolicy[] = [
  'longest_idle',
  'most_skilled',
  'least_occupied',
  'round_robin',
  'ring_all',
];

/** What happens to an interaction when an exit step fires; the host carries it out. */
export type ExitAction =
  | { kind: 'callback' }
  | { kind: 'voicemail' }
  | { kind: 'transfer'; queueId: string };

/**
 * One overflow step, applied once the interaction has waited `afterS`
 * seconds. Steps are cumulative: a step lowers minimum skill levels
 * (`relaxSkills`, skill → new minimum) and/or adds teams whose members
 * become eligible regardless of skills (`addTeamIds`). An `exit` step must be
 * the last one and carries nothing else: the interaction leaves the queue.
 */
export interface OverflowStep {
  afterS: number;
  relaxSkills?: Record<string, number>;
  addTeamIds?: string[];
  exit?: ExitAction;
}

export interface QueueConfig {
  id: string;
  clientId: string;
  channel: Channel;
  /** Higher is served first; see `priorityAgingS` on the engine. Default 0. */
  priority?: number;
  /** skill id → minimum level (1–10). May be empty: any agent of the client. */
  skills: Record<string, number>;
  /** Service level: answered within `slThresholdS` seconds; `slTarget` in 0..1. */
  slThresholdS: number;
  slTarget?: number;
  /** Waiting longer than this fails the interaction (decision `max_wait`). */
  maxWaitS?: number;
  wrapUpS?: number;
  /** How long an offer rings before it times out. Default 20 s. */
  ringTimeoutS?: number;
  policy?: SelectionPolicy;
  /** ring_all: at most this many agents ring at once. Default 10. */
  ringAllMax?: number;
  overflow?: OverflowStep[];
}

export interface AgentConfig {
  id: string;
  /** skill id → level 1–10. */
  skills: Record<string, number>;
  clientIds: string[];
  teamIds?: string[];
  /** Concurrent slots per channel, e.g. { voice: 1, chat: 3 }; absent = 0. */
  capacity: Partial<Record<Channel, number>>;
}

export interface EnqueueInput {
  /** Host's id for the interaction (e.g. the call id); generated when absent. */
  id?: string;
  queueId: string;
  /** Added to the queue's priority. Default 0. */
  priority?: number;
  attributes?: Record<string, string>;
  /**
   * A transfer to one agent: the interaction enters the queue (counted
   * there) and is offered to this agent at once, whatever their skills; if
   * they do not answer it waits in the queue like any other. Refused
   * (nothing changes) when the agent does not serve the queue's client or
   * cannot take the channel now.
   */
  agentId?: string;
  /**
   * Carried over a restart: it has waited since then (ms, not after now).
   * It keeps its place and its waiting time counts toward the service level,
   * but its arrival is not counted again: the host restores today's figures,
   * which hold it already.
   */
  since?: number;
}

export type InteractionState = 'queued' | 'offered' | 'active' | 'wrap_up' | 'done' | 'abandoned' | 'failed' | 'exited';

/** Instructions for the host. Everything else is reported as events. */
export type Decision =
  | {
      kind: 'offer';
      offerId: string;
      interactionId: string;
      agentId: string;
      queueId: string;
      channel: Channel;
      expiresAt: number;
      ringAll: boolean;
    }
  | {
      kind: 'offer_withdrawn';
      offerId: string;
      interactionId: string;
      agentId: string;
      reason: 'timeout' | 'answered_elsewhere' | 'abandoned' | 'rejected' | 'failed';
    }
  | { kind: 'exit'; interactionId: string; queueId: string; action: ExitAction }
  | { kind: 'max_wait'; interactionId: string; queueId: string };

export interface AgentStateChanged {
  agentId: string;
  from: AgentState;
  to: AgentState;
  auxReason: string | undefined;
  at: number;
}

export interface InteractionStateChanged {
  interactionId: string;
  queueId: string;
  from: InteractionState | 'new';
  to: InteractionState;
  agentId: string | undefined;
  at: number;
}

/**
 * The wallboard's listener. Events are buffered during an engine call and
 * delivered, in order, after the call's state is consistent, so a listener
 * may call back into the engine. Queue stats changes are coalesced to one
 * notification per queue per call; read `queueStats(id)` for the figures.
 */
export interface RoutingDelegate {
  onAgentStateChanged?(e: AgentStateChanged): void;
  onInteractionStateChanged?(e: InteractionStateChanged): void;
  onQueueStatsChanged?(queueId: string): void;
}

export interface QueueStats {
  queueId: string;
  waiting: number;
  longestWaitS: number;
  /** Agents eligible for the queue (any overflow tier), by state. */
  agentsByState: Record<AgentState, number>;
  /** Interactions that entered the queue today. */
  arrived: number;
  /** Interactions whose queue outcome is known: answered + abandoned + exited + failed. */
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  abandonedWithinThreshold: number;
  /** answeredWithinThreshold ÷ offered (null before the first outcome). */
  serviceLevel: number | null;
  /** answeredWithinThreshold ÷ (offered − abandonedWithinThreshold). */
  serviceLevelExclShortAbandons: number | null;
  asaS: number | null;
  /** Talk + wrap-up of interactions finished today, ÷ their count. */
  ahtS: number | null;
}
