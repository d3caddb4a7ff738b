import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/api-client.js';
import { useApi } from '../api/api-context.js';
import { applyEvent } from './apply-event.js';
import { figuresOf, nameCampaign, unnamedCampaigns } from './campaign-board.js';
import type { CampaignFigures, LiveEvent, Wallboard } from './wallboard-types.js';

interface CampaignRow { id: string; name: string; client_id: string; status: string }

/** The running campaigns you may see, each with its current figures (the events keep them current). */
async function runningCampaigns(api: ApiClient): Promise<CampaignFigures[]> {
  const page = await api.get<{ items: CampaignRow[] }>('/campaigns', { limit: 500 });
  const running = page.items.filter((c) => c.status === 'running');
  return Promise.all(running.map(async (c) => {
    const s = await api.get<Record<string, unknown>>(`/campaigns/${encodeURIComponent(c.id)}/stats`);
    return figuresOf(s, c.id, c.name, c.client_id, Date.now());
  }));
}

export type LinkState = 'connecting' | 'live' | 'reconnecting';

/**
 * The wallboard's data: one snapshot, then pushed events. If the socket
 * drops it reconnects with back-off and takes a fresh snapshot, so nothing
 * missed while disconnected stays wrong.
 */
export function useLiveWallboard(): { board: Wallboard | null; link: LinkState; error: string | null; campaignError: string | null } {
  const api = useApi();
  const [board, setBoard] = useState<Wallboard | null>(null);
  const [link, setLink] = useState<LinkState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [campaignError, setCampaignError] = useState<string | null>(null);
  const named = useRef(new Set<string>());

  useEffect(() => {
    let ws: WebSocket | null = null;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 500;
    const connect = () => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/events`;
      ws = new WebSocket(url);
      ws.onopen = () => {
        delay = 500;
        // Campaign figures are an extra: the board shows without them if they cannot be had.
        const campaigns = runningCampaigns(api).then((c) => { setCampaignError(null); return c; },
          (e: unknown) => { setCampaignError(e instanceof Error ? e.message : String(e)); return undefined; });
        Promise.all([api.get<Wallboard>('/wallboard'), campaigns]).then(([b, c]) => {
          const at = Date.now();
          setBoard({ ...b, queues: b.queues.map((q) => ({ ...q, received_ms: at })), campaigns: c });
          setError(null); setLink('live');
        }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
      };
      ws.onmessage = (m) => {
        const e = JSON.parse(String(m.data)) as LiveEvent;
        setBoard((b) => (b ? applyEvent(b, e) : b));
      };
      ws.onclose = () => {
        if (stopped) return;
        setLink('reconnecting');
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, 10_000);
      };
    };
    connect();
    return () => { stopped = true; clearTimeout(retry); ws?.close(); };
  }, [api]);

  // A campaign started after the snapshot arrives by event with its id only: look its name up once.
  useEffect(() => {
    if (board === null) return;
    for (const id of unnamedCampaigns(board)) {
      if (named.current.has(id)) continue;
      named.current.add(id);
      api.get<CampaignRow>(`/campaigns/${encodeURIComponent(id)}`).then((c) => setBoard((b) => (b ? nameCampaign(b, id, c.name) : b)), () => undefined);
    }
  }, [api, board]);

  return { board, link, error, campaignError };
}
