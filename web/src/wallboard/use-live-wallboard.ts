import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { applyEvent } from './apply-event.js';
import type { LiveEvent, Wallboard } from './wallboard-types.js';

export type LinkState = 'connecting' | 'live' | 'reconnecting';

/**
 * The wallboard's data: one snapshot, then pushed events. If the socket
 * drops it reconnects with back-off and takes a fresh snapshot, so nothing
 * missed while disconnected stays wrong.
 */
export function useLiveWallboard(): { board: Wallboard | null; link: LinkState; error: string | null } {
  const api = useApi();
  const [board, setBoard] = useState<Wallboard | null>(null);
  const [link, setLink] = useState<LinkState>('connecting');
  const [error, setError] = useState<string | null>(null);

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
        api.get<Wallboard>('/wallboard').then((b) => { const at = Date.now(); setBoard({ ...b, queues: b.queues.map((q) => ({ ...q, received_ms: at })) }); setError(null); setLink('live'); },
          (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
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

  return { board, link, error };
}
