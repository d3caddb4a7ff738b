import type { CampaignStats } from '../campaigns/campaign-types.js';

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
  /** When this browser got the figures (longest wait ticks on from there). */
  received_ms?: number;
}

/** The interaction an agent has in hand (ringing, talking, wrapping up). */
export interface AgentWork {
  interaction_id: string;
  client_id: string | null;
  queue_id: string;
  state: 'offered' | 'active' | 'wrap_up';
  since: string;
}

export interface AgentFigures {
  id: string;
  name: string;
  extension: string;
  client_ids?: string[];
  team_id?: string | null;
  site_id?: string | null;
  state: AgentState;
  aux_reason: string | null;
  since: string;
  current?: AgentWork | null;
}

/** One queue's figures for one 15-minute interval (counted in the interval the interaction arrived). */
export interface IntervalBucket {
  queue_id: string;
  start: string;
  offered: number;
  answered: number;
  answered_within: number;
  abandoned: number;
}

export interface Named { id: string; name: string }

/**
 * A running campaign's live dialing figures (GET /campaigns/:id/stats and the
 * `campaign.stats` event, see src/dialer/live/campaign-figures.ts). `name` is
 * null until the board has looked it up (the event carries only the id).
 */
export type CampaignFigures = Omit<CampaignStats, 'campaign_id' | 'attempts_24h'> & {
  id: string;
  name: string | null;
  client_id: string;
  /** When this browser got the figures (a campaign silent for long is shown as stale). */
  received_ms?: number;
};

export interface Wallboard {
  queues: QueueFigures[];
  agents: AgentFigures[];
  intervals?: IntervalBucket[];
  clients?: Named[];
  sites?: Named[];
  teams?: (Named & { site_id: string; client_id: string | null })[];
  /** Running outbound campaigns; absent until they have been fetched (or if they could not be). */
  campaigns?: CampaignFigures[];
}

/** A live event as the server pushes it on /api/v1/events. */
export interface LiveEvent {
  type: string;
  at: string;
  client_id?: string;
  data: Record<string, unknown>;
}
