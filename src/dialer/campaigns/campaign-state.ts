import { CampaignErrors } from './campaign-errors.js';

/**
 * A campaign's life:
 *
 *   draft ─start─► running ─pause──► paused
 *                    │  ▲              │ │
 *                    │  └───resume─────┘ │
 *                    └─stop─► stopped ◄─stop
 *
 * Stopped is final: a stopped campaign's leads are history; copy it to call
 * them again. Only a running campaign hands out leads.
 */
export type CampaignStatus = 'draft' | 'running' | 'paused' | 'stopped';
export type CampaignAction = 'start' | 'pause' | 'resume' | 'stop';

const MOVES: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['running', 'paused'], to: 'stopped' },
};

export const CAMPAIGN_ACTIONS = Object.keys(MOVES) as CampaignAction[];

/** The status after `action`, or CAMPAIGN_ILLEGAL_TRANSITION when the action is not allowed from `from`. */
export function transition(from: CampaignStatus, action: CampaignAction): CampaignStatus {
  const move = MOVES[action];
  if (!move.from.includes(from)) {
    throw CampaignErrors.create('CAMPAIGN_ILLEGAL_TRANSITION', { from, action },
      `cannot ${action} a ${from} campaign (allowed from: ${move.from.join(', ')})`);
  }
  return move.to;
}

/** The actions allowed from `status`, in a stable order (the web app's buttons). */
export function legalActions(status: CampaignStatus): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((a) => MOVES[a].from.includes(status));
}
