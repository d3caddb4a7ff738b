import { useEffect, useState } from 'react';
import { useCurrentUser } from '../auth/session-context.js';
import { elapsed } from './apply-event.js';
import { DemoSwitch } from './demo-switch.js';
import { useLiveWallboard } from './use-live-wallboard.js';
import type { AgentState, QueueFigures } from './wallboard-types.js';

const STATES: AgentState[] = ['available', 'reserved', 'busy', 'wrap_up', 'aux', 'offline'];
const LABEL: Record<AgentState, string> = { available: 'Available', reserved: 'Ringing', busy: 'Busy', wrap_up: 'Wrap-up', aux: 'Aux', offline: 'Offline' };
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const secs = (v: number | null) => (v === null ? '—' : `${Math.round(v)} s`);

function SlCell({ q }: { q: QueueFigures }) {
  const below = q.service_level !== null && q.service_level < q.sl_target;
  return <td className={below ? 'sl-below' : undefined} title={`target ${pct(q.sl_target)} within ${q.sl_threshold_s} s`}>{pct(q.service_level)}{below ? ' ▼' : ''}</td>;
}

/** Live queues and agents for supervisors: a snapshot kept current by pushed events. */
export function WallboardPage() {
  const user = useCurrentUser();
  const { board, link, error } = useLiveWallboard();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => { const t = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(t); }, []);

  const counts = Object.fromEntries(STATES.map((s) => [s, board?.agents.filter((a) => a.state === s).length ?? 0])) as Record<AgentState, number>;
  const alerts = board?.queues.filter((q) => q.service_level !== null && q.service_level < q.sl_target) ?? [];
  return (
    <section className="page wallboard" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Wallboard</h1>
        <span className={`pill link-${link}`} role="status">{link === 'live' ? 'Live' : link === 'connecting' ? 'Connecting…' : 'Reconnecting…'}</span>
        {user.role === 'admin' && <DemoSwitch />}
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {alerts.length > 0 && <p className="alert" role="alert">Below service-level target: {alerts.map((q) => q.name).join(', ')}</p>}
      <div className="tiles">
        {STATES.map((s) => <div key={s} className={`tile state-${s}`}><div className="tile-n">{counts[s]}</div><div className="tile-l">{LABEL[s]}</div></div>)}
      </div>
      <h2>Queues</h2>
      <div className="table-wrap">
        <table className="data-table" aria-label="Queues">
          <thead><tr><th>Queue</th><th>Channel</th><th>Waiting</th><th>Longest wait</th><th>Service level</th><th>ASA</th><th>AHT</th><th>Answered</th><th>Abandoned</th><th>Agents available</th></tr></thead>
          <tbody>
            {board?.queues.map((q) => (
              <tr key={q.id}>
                <td>{q.name}</td><td>{q.channel.replace('_', ' ')}</td><td className="num">{q.waiting}</td><td className="num">{secs(q.longest_wait_s)}</td>
                <SlCell q={q} /><td className="num">{secs(q.asa_s)}</td><td className="num">{secs(q.aht_s)}</td>
                <td className="num">{q.answered}</td><td className="num">{q.abandoned}</td><td className="num">{q.agents_by_state.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Agents</h2>
      <div className="table-wrap">
        <table className="data-table" aria-label="Agents">
          <thead><tr><th>Agent</th><th>Extension</th><th>State</th><th>Time in state</th></tr></thead>
          <tbody>
            {board?.agents.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td><td>{a.extension}</td>
                <td><span className={`pill state-${a.state}`}>{LABEL[a.state]}{a.aux_reason ? `: ${a.aux_reason}` : ''}</span></td>
                <td className="num">{elapsed(a.since, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
