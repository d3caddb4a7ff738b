export type AgentState = 'offline' | 'available' | 'reserved' | 'busy' | 'wrap_up' | 'aux';

export interface QueueFigures {
  id: string;
  name: string;
  client_id: string;
  channel: string;
  sl_threshold_s: number;
  sl_target: number;
  waiting: number;
  longest_wait_s: number;
  agents_by_state: Record<AgentState, number>;
  offered: number;
  answered: number;
  abandoned: number;
  service_level: number | null;
  asa_s: number | null;
  aht_s: number | null;
}

export interface AgentFigures {
  id: string;
  name: string;
  extension: string;
  state: AgentState;
  aux_reason: string | null;
  since: string;
}

export interface Wallboard {
  queues: QueueFigures[];
  agents: AgentFigures[];
}

/** A live event as the server pushes it on /api/v1/events. */
export interface LiveEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}
