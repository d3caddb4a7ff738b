import type { CampaignAction, CampaignStatus } from '../../../src/dialer/campaigns/campaign-state.js';

// The page offers only the buttons the server's state machine allows: the same module, not a copy.
export { legalActions, transition, type CampaignAction } from '../../../src/dialer/campaigns/campaign-state.js';

const STATUS_LABELS: Record<CampaignStatus, string> = { draft: 'Draft', running: 'Running', paused: 'Paused', stopped: 'Stopped' };
const ACTION_LABELS: Record<CampaignAction, string> = { start: 'Start', pause: 'Pause', resume: 'Resume', stop: 'Stop' };

export const statusLabel = (s: CampaignStatus): string => STATUS_LABELS[s] ?? s;
export const actionLabel = (a: CampaignAction): string => ACTION_LABELS[a];
