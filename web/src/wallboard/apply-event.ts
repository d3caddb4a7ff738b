import { applyCampaignEvent } from './campaign-board.js';
import type { AgentWork, IntervalBucket, LiveEvent, QueueFigures, Wallboard } from './wallboard-types.js';

/** Folds one pushed event into the wallboard (pure, so it is unit-tested). */
export function applyEvent(board: Wallboard, e: LiveEvent, receivedMs = Date.now()): Wallboard {
  if (e.type === 'queue.stats') {
    const id = e.data.queue_id as string;
    if (!board.queues.some((q) => q.id === id)) return board;
    return { ...board, queues: board.queues.map((q) => (q.id === id ? { ...q, ...(e.data as Partial<QueueFigures>), id, received_ms: receivedMs } : q)) };
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
  if (e.type === 'agent.work') {
    const id = e.data.agent_id as string;
    if (!board.agents.some((a) => a.id === id)) return board;
    const w = e.data as unknown as Omit<AgentWork, 'state'> & { state: AgentWork['state'] | 'ended' };
    return {
      ...board,
      agents: board.agents.map((a) => {
        if (a.id !== id) return a;
        if (w.state !== 'ended') return { ...a, current: { interaction_id: w.interaction_id, client_id: w.client_id, queue_id: w.queue_id, state: w.state, since: w.since } };
        return a.current?.interaction_id === w.interaction_id ? { ...a, current: null } : a;
      }),
    };
  }
  if (e.type === 'queue.day') {
    // A new day began for this queue (its client's midnight): yesterday's interval bars go.
    const { queue_id: queueId, day_start: dayStart } = e.data as { queue_id: string; day_start: string };
    const from = Date.parse(dayStart);
    return board.intervals === undefined ? board : { ...board, intervals: board.intervals.filter((x) => x.queue_id !== queueId || Date.parse(x.start) >= from) };
  }
  if (e.type === 'queue.interval') {
    const b = e.data as unknown as IntervalBucket;
    if (!board.queues.some((q) => q.id === b.queue_id)) return board;
    const list = board.intervals ?? [];
    const i = list.findIndex((x) => x.queue_id === b.queue_id && x.start === b.start);
    const bucket: IntervalBucket = { queue_id: b.queue_id, start: b.start, offered: b.offered, answered: b.answered, answered_within: b.answered_within, abandoned: b.abandoned };
    return { ...board, intervals: i < 0 ? [...list, bucket] : list.map((x, k) => (k === i ? bucket : x)) };
  }
  if (e.type.startsWith('campaign.')) return applyCampaignEvent(board, e, receivedMs);
  return board;
}

/** The longest wait now: the figure last pushed plus the time since (the board ticks between events). */
export function longestWaitNow(q: QueueFigures, nowMs: number): number {
  if (q.waiting === 0) return 0;
  return q.longest_wait_s + Math.max(0, (nowMs - (q.received_ms ?? nowMs)) / 1000);
}

/** "1:05" style elapsed time. */
export function elapsed(fromIso: string, nowMs: number): string {
  const s = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
