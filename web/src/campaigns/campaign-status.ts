import type { CampaignStatus } from './campaign-types.js';

/**
 * The server's campaign state machine (src/dialer/campaigns/campaign-state.ts),
 * mirrored so the page offers only the legal buttons:
 *
 *   draft ─start─► running ─pause──► paused
 *                    │  ▲              │ │
 *                    │  └───resume─────┘ │
 *                    └─stop─► stopped ◄─stop
 *
 * The server stays the judge: a move it refuses is shown as an error.
 */
export type CampaignAction = 'start' | 'pause' | 'resume' | 'stop';

const MOVES: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  stop: { from: ['running', 'paused'], to: 'stopped' },
};

const ORDER: readonly CampaignAction[] = ['start', 'pause', 'resume', 'stop'];

/** The actions allowed from `status`, in button order. */
export function legalActions(status: CampaignStatus): CampaignAction[] {
  return ORDER.filter((a) => MOVES[a].from.includes(status));
}

/** The status after `action`; throws on a move the server would refuse. */
export function transition(from: CampaignStatus, action: CampaignAction): CampaignStatus {
  const move = MOVES[action];
  if (!move.from.includes(from)) throw new Error(`cannot ${action} a ${from} campaign`);
  return move.to;
}

const STATUS_LABELS: Record<CampaignStatus, string> = { draft: 'Draft', running: 'Running', paused: 'Paused', stopped: 'Stopped' };
const ACTION_LABELS: Record<CampaignAction, string> = { start: 'Start', pause: 'Pause', resume: 'Resume', stop: 'Stop' };

export const statusLabel = (s: CampaignStatus): string => STATUS_LABELS[s] ?? s;
export const actionLabel = (a: CampaignAction): string => ACTION_LABELS[a];
