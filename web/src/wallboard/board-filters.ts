import type { Wallboard } from './wallboard-types.js';

/**
 * The wallboard's filters (client, site, team), kept in the URL
 * (`?client=…&site=…&team=…`) so a filtered board can be bookmarked and
 * put on a wall screen. Client filters queues, agents and campaigns; site and team
 * filter agents (queues belong to clients, not to sites or teams).
 */
export interface BoardFilter { client: string | null; site: string | null; team: string | null }

export const NO_FILTER: BoardFilter = { client: null, site: null, team: null };

export function parseFilter(search: string): BoardFilter {
  const p = new URLSearchParams(search);
  const v = (k: string) => p.get(k) || null;
  return { client: v('client'), site: v('site'), team: v('team') };
}

/** The query string for `f` ("" when unfiltered), keeping any other parameters. */
export function filterSearch(f: BoardFilter, current = ''): string {
  const p = new URLSearchParams(current);
  for (const k of ['client', 'site', 'team'] as const) {
    const v = f[k];
    if (v) p.set(k, v);
    else p.delete(k);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function applyFilter(board: Wallboard, f: BoardFilter): Wallboard {
  if (!f.client && !f.site && !f.team) return board;
  const queues = f.client ? board.queues.filter((q) => q.client_id === f.client) : board.queues;
  const ids = new Set(queues.map((q) => q.id));
  return {
    ...board,
    queues,
    agents: board.agents.filter((a) => (!f.client || (a.client_ids ?? []).includes(f.client))
      && (!f.site || a.site_id === f.site) && (!f.team || a.team_id === f.team)),
    intervals: board.intervals?.filter((b) => ids.has(b.queue_id)),
    campaigns: f.client ? board.campaigns?.filter((c) => c.client_id === f.client) : board.campaigns,
  };
}
