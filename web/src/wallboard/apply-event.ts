import type { LiveEvent, QueueFigures, Wallboard } from './wallboard-types.js';

/** Folds one pushed event into the wallboard (pure, so it is unit-tested). */
export function applyEvent(board: Wallboard, e: LiveEvent): Wallboard {
  if (e.type === 'queue.stats') {
    const id = e.data.queue_id as string;
    if (!board.queues.some((q) => q.id === id)) return board;
    return { ...board, queues: board.queues.map((q) => (q.id === id ? { ...q, ...(e.data as Partial<QueueFigures>), id } : q)) };
  }
  if (e.type === 'agent.state') {
    const id = e.data.agent_id as string;
    if (!board.agents.some((a) => a.id === id)) return board;
    return {
      ...board,
      agents: board.agents.map((a) => (a.id === id
        ? { ...a, state: e.data.to as Wallboard['agents'][number]['state'], aux_reason: (e.data.aux_reason as string | null) ?? null, since: e.at }
        : a)),
    };
  }
  return board;
}

/** "1:05" style elapsed time. */
export function elapsed(fromIso: string, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
