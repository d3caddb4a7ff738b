import { useState } from 'react';
import type { AgentStateView } from './desktop-types.js';
import { clock, STATE_LABEL, useNow } from './time-format.js';

const AUX_REASONS = ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching', 'Back office'];

/**
 * Always on top: who, which state and for how long, and the three moves an
 * agent makes all day (available, away with a reason, log out).
 */
export function StateBar({ agentName, extension, state, link, onState }: {
  agentName: string; extension: string; state: AgentStateView | null; link: string;
  onState: (s: 'available' | 'aux' | 'offline', reason?: string) => void;
}) {
  const now = useNow();
  const [reason, setReason] = useState(AUX_REASONS[0]);
  const s = state?.state ?? 'offline';
  const inState = state === null ? 0 : (now - Date.parse(state.since)) / 1000;
  const working = s === 'busy' || s === 'reserved' || s === 'wrap_up';
  return (
    <div className={`desk-state-bar state-${s}`} data-testid="state-bar">
      <div className="desk-state-now">
        <span className={`desk-state-dot state-${s}`} aria-hidden="true" />
        <div>
          <div className="desk-state-name" data-testid="agent-state">
            {STATE_LABEL[s] ?? s}{s === 'aux' && state?.aux_reason ? ` · ${state.aux_reason}` : ''}
          </div>
          <div className="desk-state-time" aria-label="time in state" data-testid="time-in-state">{clock(inState)}</div>
        </div>
      </div>
      <div className="desk-state-who">
        <strong>{agentName}</strong> <span className="muted">ext. {extension}</span>
        {link !== 'open' && <span className="pill desk-link-warn" role="status">{link === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}</span>}
      </div>
      <div className="desk-state-actions">
        <button type="button" className="btn btn-go" disabled={s === 'available' || working} onClick={() => onState('available')}>Available</button>
        <span className="desk-aux">
          <label className="visually-hidden" htmlFor="aux-reason">Away reason</label>
          <select id="aux-reason" value={reason} onChange={(e) => setReason(e.target.value)} disabled={working}>
            {AUX_REASONS.map((r) => <option key={r}>{r}</option>)}
          </select>
          <button type="button" className="btn" disabled={working || (s === 'aux' && state?.aux_reason === reason)} onClick={() => onState('aux', reason)}>Away</button>
        </span>
        <button type="button" className="btn" disabled={s === 'offline' || working} onClick={() => onState('offline')}>Log out of queues</button>
      </div>
    </div>
  );
}
