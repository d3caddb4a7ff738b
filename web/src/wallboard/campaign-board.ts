import type { CampaignFigures, LiveEvent, Wallboard } from './wallboard-types.js';

/**
 * The wallboard's running campaigns, kept current by the live dialer's
 * `campaign.stats` event (every 5 s per running campaign) and dropped on a
 * `campaign.status` event that is not "running". Pure, so it is unit-tested.
 */

/** Abandonment above this share (US 30 days or UK 24 hours) is shown as an alert: both regulators allow 3 %. */
export const ABANDON_LIMIT = 0.03;

/** Figures older than this (three missed 5 s events) are shown as stale. */
export const STALE_MS = 20_000;

export const abandonAlert = (c: CampaignFigures): boolean => c.abandonment_30d > ABANDON_LIMIT || c.abandonment_24h > ABANDON_LIMIT;

export const isStale = (c: CampaignFigures, nowMs: number): boolean => nowMs - (c.received_ms ?? nowMs) > STALE_MS;

/** The fields the board keeps from a stats object (the API's or the event's). */
export function figuresOf(s: Record<string, unknown>, id: string, name: string | null, clientId: string, receivedMs: number): CampaignFigures {
  const num = (k: string) => (typeof s[k] === 'number' ? s[k] : 0);
  const str = (k: string, otherwise: string) => (typeof s[k] === 'string' ? s[k] : otherwise);
  return {
    id, name, client_id: clientId, status: str('status', 'running'), mode: str('mode', ''), policy: typeof s.policy === 'string' ? s.policy : null,
    running: s.running !== false, dial_level: num('dial_level'), lines_in_use: num('lines_in_use'), calls_ringing: num('calls_ringing'),
    waiting_for_agent: num('waiting_for_agent'), talking: num('talking'), agents_logged_in: num('agents_logged_in'), agents_free: num('agents_free'),
    live_answers_30d: num('live_answers_30d'), live_answers_24h: num('live_answers_24h'), abandoned_30d: num('abandoned_30d'), abandoned_24h: num('abandoned_24h'),
    abandonment_30d: num('abandonment_30d'), abandonment_24h: num('abandonment_24h'), leads_remaining: num('leads_remaining'),
    dispositions: typeof s.dispositions === 'object' && s.dispositions !== null ? { ...(s.dispositions as Record<string, number>) } : {},
    received_ms: receivedMs,
  };
}

/** Folds a `campaign.*` event into the board; any other event leaves it as it is. */
export function applyCampaignEvent(board: Wallboard, e: LiveEvent, receivedMs: number): Wallboard {
  if (board.campaigns === undefined) return board; // not fetched yet: the fetch brings the current figures
  const id = e.data.id as string | undefined;
  if (id === undefined) return board;
  const list = board.campaigns;
  const known = list.find((c) => c.id === id);
  if (e.type === 'campaign.status') {
    return known !== undefined && e.data.status !== 'running' ? { ...board, campaigns: list.filter((c) => c.id !== id) } : board;
  }
  if (e.type !== 'campaign.stats') return board;
  if (e.data.running === false) return known === undefined ? board : { ...board, campaigns: list.filter((c) => c.id !== id) };
  const clientId = known?.client_id ?? e.client_id;
  if (clientId === undefined) return board;
  const next = figuresOf(e.data, id, known?.name ?? null, clientId, receivedMs);
  return { ...board, campaigns: known === undefined ? [...list, next] : list.map((c) => (c.id === id ? next : c)) };
}

/** Campaigns that came in by event only, whose name the board still has to look up. */
export const unnamedCampaigns = (board: Wallboard): string[] => (board.campaigns ?? []).filter((c) => c.name === null).map((c) => c.id);

export function nameCampaign(board: Wallboard, id: string, name: string): Wallboard {
  if (!board.campaigns?.some((c) => c.id === id)) return board;
  return { ...board, campaigns: board.campaigns.map((c) => (c.id === id ? { ...c, name } : c)) };
}
