import { nextDayWindowOpening } from './calling-window.js';
import { candidateZones } from './lead-zones.js';
import { windowOf, type SelectorCampaign, type SelectorLead } from './lead-selector.js';

/** Minutes until the next attempt after a disposition, or 'next_day' (when tomorrow's window opens). */
export type RetryRules = Readonly<Record<string, number | 'next_day'>>;

export interface DispositionResult {
  status: SelectorLead['status'];
  attempts: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number;
  lastDisposition: string;
}

/**
 * What an attempt's outcome does to its lead: a disposition with a retry rule
 * schedules another attempt (unless that was the last one allowed); any other
 * disposition (sale, refusal, completed survey, wrong number...) finishes it.
 */
export function applyDisposition(campaign: Pick<SelectorCampaign, 'maxAttempts' | 'windowStart' | 'windowEnd'> & { retryRules: RetryRules },
  lead: SelectorLead, disposition: string, nowMs: number): DispositionResult {
  const attempts = lead.attempts + 1;
  const base = { attempts, lastAttemptAt: nowMs, lastDisposition: disposition };
  const rule = Object.hasOwn(campaign.retryRules, disposition) ? campaign.retryRules[disposition] : undefined;
  if (rule === undefined) return { ...base, status: 'done', nextAttemptAt: null };
  if (attempts >= campaign.maxAttempts) return { ...base, status: 'exhausted', nextAttemptAt: null };
  if (rule !== 'next_day') return { ...base, status: 'retry', nextAttemptAt: nowMs + rule * 60_000 };
  const opening = nextDayWindowOpening(candidateZones(lead), nowMs, windowOf(campaign));
  return { ...base, status: 'retry', nextAttemptAt: opening ?? nowMs + 86_400_000 };
}
