import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { elapsed } from './apply-event.js';
import { ConfirmDialog } from './confirm-dialog.js';
import type { AgentFigures, QueueFigures } from './wallboard-types.js';

interface Waiting { id: string; waiting_since: string; subject: string | null; customer: string | null }

/**
 * Reassigns one waiting interaction of `queue`: to another queue of the
 * same client and channel, or to one available agent of the client (rung
 * at once, even without the queue's skills). Longest waiting first.
 */
export function ReassignDialog({ queue, queues, agents, onClose }: { queue: QueueFigures; queues: QueueFigures[]; agents: AgentFigures[]; onClose: () => void }) {
  const api = useApi();
  const [waiting, setWaiting] = useState<Waiting[] | null>(null);
  const [pick, setPick] = useState('');
  const [target, setTarget] = useState('');
  useEffect(() => {
    api.get<{ items: Waiting[] }>('/wallboard/waiting', { queue_id: queue.id }).then((r) => { setWaiting(r.items); setPick(r.items[0]?.id ?? ''); }, () => setWaiting([]));
  }, [api, queue.id]);
  const otherQueues = queues.filter((q) => q.id !== queue.id && q.client_id === queue.client_id && q.channel === queue.channel);
  const free = agents.filter((a) => a.state === 'available' && (a.client_ids ?? []).includes(queue.client_id));
  const now = Date.now();
  const submit = () => {
    const [kind, id] = target.split(':');
    return api.post(`/interactions/${pick}/reassign`, kind === 'queue' ? { queue_id: id } : { agent_id: id });
  };
  return (
    <ConfirmDialog title={`Reassign a waiting ${queue.channel.replace('_', ' ')} from ${queue.name}`} confirmLabel="Reassign" ready={pick !== '' && target !== ''} onConfirm={submit} onClose={onClose}>
      {waiting === null ? <p className="muted">Loading…</p> : waiting.length === 0 ? <p>Nobody is waiting in {queue.name} now.</p> : (
        <>
          <label className="field">Waiting
            <select value={pick} onChange={(e) => setPick(e.target.value)}>
              {waiting.map((w) => <option key={w.id} value={w.id}>{elapsed(w.waiting_since, now)} waiting{w.customer ? ` · ${w.customer}` : ''}{w.subject ? ` · ${w.subject}` : ''}</option>)}
            </select>
          </label>
          <label className="field">Send to
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose a queue or an agent…</option>
              {otherQueues.length > 0 && <optgroup label="Queue">{otherQueues.map((q) => <option key={q.id} value={`queue:${q.id}`}>{q.name}</option>)}</optgroup>}
              {free.length > 0 && <optgroup label="Available agent (rings now)">{free.map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.name} ({a.extension})</option>)}</optgroup>}
            </select>
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}
