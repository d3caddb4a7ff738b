import { insideWindow, onHoliday, parseClock, type CallingWindow } from './calling-window.js';
import type { CampaignStatus } from './campaign-state.js';
import { candidateZones } from './lead-zones.js';

/** What the selector needs of a campaign. */
export interface SelectorCampaign {
  status: CampaignStatus;
  mode: 'preview' | 'progressive' | 'predictive';
  complianceProfile: 'US' | 'UK';
  /** 'HH:MM' local time, start inclusive, end exclusive. */
  windowStart: string;
  windowEnd: string;
  maxAttempts: number;
  /** Local dates 'YYYY-MM-DD' on which nobody is called. */
  holidays: readonly string[];
}

/** What the selector needs of a lead. Times are epoch milliseconds. */
export interface SelectorLead {
  id: string;
  phone: string;
  timeZone: string | null;
  country: string | null;
  status: 'new' | 'retry' | 'done' | 'exhausted';
  attempts: number;
  priority: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastDisposition: string | null;
}

export type NotDialable =
  | 'dnc' | 'finished' | 'max_attempts' | 'not_due' | 'unknown_zone' | 'holiday' | 'outside_window' | 'abandon_cooldown';

/** Ofcom: no repeat call within 72 h of an abandoned one unless a live agent is guaranteed (preview mode). */
const UK_ABANDON_COOLDOWN_MS = 72 * 3_600_000;

export function windowOf(c: Pick<SelectorCampaign, 'windowStart' | 'windowEnd'>): CallingWindow {
  const startMin = parseClock(c.windowStart), endMin = parseClock(c.windowEnd);
  // An unreadable window allows no calls rather than all of them.
  return startMin === undefined || endMin === undefined ? { startMin: 0, endMin: 0 } : { startMin, endMin };
}

/** Why a lead may not be dialed at `nowMs`, or null when it may. The DNC check comes first and nothing overrides it. */
export function whyNotDialable(c: SelectorCampaign, lead: SelectorLead, isDnc: (e164: string) => boolean, nowMs: number,
  window: CallingWindow = windowOf(c), holidays: ReadonlySet<string> = new Set(c.holidays)): NotDialable | null {
  if (isDnc(lead.phone)) return 'dnc';
  if (lead.status === 'done' || lead.status === 'exhausted') return 'finished';
  if (lead.attempts >= c.maxAttempts) return 'max_attempts';
  if (lead.nextAttemptAt !== null && lead.nextAttemptAt > nowMs) return 'not_due';
  if (c.complianceProfile === 'UK' && c.mode !== 'preview' && lead.lastDisposition === 'abandoned'
    && lead.lastAttemptAt !== null && nowMs - lead.lastAttemptAt < UK_ABANDON_COOLDOWN_MS) return 'abandon_cooldown';
  const zones = candidateZones(lead);
  if (zones.length === 0) return 'unknown_zone';
  if (onHoliday(zones, nowMs, holidays)) return 'holiday';
  if (!insideWindow(zones, nowMs, window)) return 'outside_window';
  return null;
}

/**
 * The leads that may be dialed now, at most `limit`: never a number on the
 * client's or the global do-not-call list (`isDnc` answers for both), only
 * inside the calling window in every zone the lead may be in, under the
 * attempt limit, due, not on a holiday. Ordered by next attempt time (never
 * tried first), then priority (higher first), then list order. Pure: time
 * comes in as `nowMs`.
 */
export function nextLeads<L extends SelectorLead>(campaign: SelectorCampaign, candidates: readonly L[], isDnc: (e164: string) => boolean,
  nowMs: number, limit: number): L[] {
  if (campaign.status !== 'running' || limit <= 0) return [];
  const window = windowOf(campaign);
  const holidays = new Set(campaign.holidays);
  const order = candidates.map((lead, i) => ({ lead, i }));
  order.sort((a, b) => (a.lead.nextAttemptAt ?? -Infinity) - (b.lead.nextAttemptAt ?? -Infinity) || b.lead.priority - a.lead.priority || a.i - b.i);
  const out: L[] = [];
  for (const { lead } of order) {
    if (out.length >= limit) break;
    if (whyNotDialable(campaign, lead, isDnc, nowMs, window, holidays) === null) out.push(lead);
  }
  return out;
}
