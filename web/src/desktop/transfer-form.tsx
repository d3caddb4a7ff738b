import { useState } from 'react';
import type { DirectoryView, TransferTarget } from './desktop-types.js';

/** Blind or warm transfer to a colleague, a queue (blind only) or a number. */
export function TransferForm({ directory, onTransfer, onCancel }: {
  directory: DirectoryView; onTransfer: (mode: 'blind' | 'warm', to: TransferTarget) => void; onCancel: () => void;
}) {
  const [kind, setKind] = useState<'agent' | 'queue' | 'number'>('agent');
  const [agentId, setAgentId] = useState(directory.agents[0]?.id ?? '');
  const [queueId, setQueueId] = useState(directory.queues[0]?.id ?? '');
  const [number, setNumber] = useState('');
  const target = (): TransferTarget | null => {
    if (kind === 'agent') return agentId ? { kind, agent_id: agentId } : null;
    if (kind === 'queue') return queueId ? { kind, queue_id: queueId } : null;
    return /^\+?[0-9]{3,16}$/.test(number.trim()) ? { kind, number: number.trim() } : null;
  };
  const t = target();
  return (
    <div className="desk-transfer" role="group" aria-label="Transfer">
      <div className="desk-seg" role="radiogroup" aria-label="Transfer to">
        {(['agent', 'queue', 'number'] as const).map((k) => (
          <button key={k} type="button" role="radio" aria-checked={kind === k} className={kind === k ? 'on' : ''} onClick={() => setKind(k)}>
            {k === 'agent' ? 'Colleague' : k === 'queue' ? 'Queue' : 'Number'}
          </button>
        ))}
      </div>
      {kind === 'agent' && (
        <select aria-label="Colleague" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
          {directory.agents.length === 0 && <option value="">No colleagues</option>}
          {directory.agents.map((a) => <option key={a.id} value={a.id}>{a.name} · {a.extension}</option>)}
        </select>
      )}
      {kind === 'queue' && (
        <select aria-label="Queue" value={queueId} onChange={(e) => setQueueId(e.target.value)}>
          {directory.queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
        </select>
      )}
      {kind === 'number' && <input aria-label="Number" placeholder="+15125550100" value={number} onChange={(e) => setNumber(e.target.value)} inputMode="tel" />}
      <div className="desk-row">
        <button type="button" className="btn btn-primary" disabled={t === null} onClick={() => t && onTransfer('blind', t)}>Transfer now</button>
        <button type="button" className="btn" disabled={t === null || kind === 'queue'} title={kind === 'queue' ? 'A queue takes blind transfers only' : 'Talk to them first'}
          onClick={() => t && onTransfer('warm', t)}>Consult first</button>
        <button type="button" className="btn btn-link" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
