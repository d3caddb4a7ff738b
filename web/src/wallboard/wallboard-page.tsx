import { useEffect, useMemo, useState } from 'react';
import { useCurrentUser } from '../auth/session-context.js';
import { AgentActions } from './agent-actions.js';
import { elapsed, longestWaitNow } from './apply-event.js';
import { applyFilter, filterSearch, parseFilter, type BoardFilter } from './board-filters.js';
import { AbandonAlert, CampaignsTable } from './campaigns-table.js';
import { DemoSwitch } from './demo-switch.js';
import { IntervalChart } from './interval-chart.js';
import { ReassignDialog } from './reassign-dialog.js';
import { useLiveWallboard } from './use-live-wallboard.js';
import type { AgentFigures, AgentState, QueueFigures, Wallboard } from './wallboard-types.js';
import './wallboard.css';

const STATES: AgentState[] = ['available', 'reserved', 'busy', 'wrap_up', 'aux', 'offline'];
const LABEL: Record<AgentState, string> = { available: 'Available', reserved: 'Ringing', busy: 'Busy', wrap_up: 'Wrap-up', aux: 'Aux', offline: 'Offline' };
const WORK: Record<string, string> = { offered: 'Ringing', active: 'On', wrap_up: 'Wrap-up' };
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const secs = (v: number | null) => (v === null ? '—' : v < 60 ? `${Math.round(v)} s` : `${Math.floor(v / 60)}:${String(Math.round(v % 60)).padStart(2, '0')}`);

function SlCell({ q }: { q: QueueFigures }) {
  const below = q.service_level !== null && q.service_level < q.sl_target;
  return (
    <td className={`num ${below ? 'sl-below' : q.service_level === null ? '' : 'sl-ok'}`} title={`target ${pct(q.sl_target)} within ${q.sl_threshold_s} s`}>
      {pct(q.service_level)}{below ? ' ▼' : ''}<span className="sl-target-text"> / {pct(q.sl_target)}</span>
    </td>
  );
}

/** The filters, in the URL so a filtered board can be bookmarked for a wall screen. */
function useUrlFilter(): [BoardFilter, (f: BoardFilter) => void] {
  const [f, setF] = useState(() => parseFilter(window.location.search));
  const set = (next: BoardFilter) => {
    setF(next);
    window.history.replaceState(null, '', `${window.location.pathname}${filterSearch(next, window.location.search)}`);
  };
  return [f, set];
}

function Filters({ board, filter, onChange }: { board: Wallboard; filter: BoardFilter; onChange: (f: BoardFilter) => void }) {
  const teams = (board.teams ?? []).filter((t) => (!filter.site || t.site_id === filter.site) && (!filter.client || t.client_id === null || t.client_id === filter.client));
  return (
    <div className="board-filters" role="group" aria-label="Filters">
      <label>Client
        <select aria-label="Client" value={filter.client ?? ''} onChange={(e) => onChange({ ...filter, client: e.target.value || null })}>
          <option value="">All clients</option>
          {(board.clients ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label>Site
        <select aria-label="Site" value={filter.site ?? ''} onChange={(e) => onChange({ ...filter, site: e.target.value || null, team: null })}>
          <option value="">All sites</option>
          {(board.sites ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <label>Team
        <select aria-label="Team" value={filter.team ?? ''} onChange={(e) => onChange({ ...filter, team: e.target.value || null })}>
          <option value="">All teams</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
    </div>
  );
}

function CurrentWork({ a, board, now }: { a: AgentFigures; board: Wallboard; now: number }) {
  const w = a.current;
  if (!w) return <span className="muted">—</span>;
  const q = board.queues.find((x) => x.id === w.queue_id);
  const client = board.clients?.find((c) => c.id === w.client_id);
  return (
    <span className={`work work-${w.state}`} title={w.interaction_id}>
      <strong>{WORK[w.state]}</strong> {q?.name ?? 'a queue'}
      {client && <span className="client-tag">{client.name}</span>}
      <span className="muted"> {elapsed(w.since, now)}</span>
    </span>
  );
}

/** Live queues, today's intervals, running campaigns and agents for supervisors: a snapshot kept current by pushed events. */
export function WallboardPage() {
  const user = useCurrentUser();
  const { board: raw, link, error, campaignError } = useLiveWallboard();
  const [filter, setFilter] = useUrlFilter();
  const [now, setNow] = useState(() => Date.now());
  const [reassign, setReassign] = useState<QueueFigures | null>(null);
  useEffect(() => { const t = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(t); }, []);
  const board = useMemo(() => (raw ? applyFilter(raw, filter) : null), [raw, filter]);
  const supervising = user.role === 'admin' || user.role === 'supervisor';
  const teamName = (id: string | null | undefined) => raw?.teams?.find((t) => t.id === id)?.name ?? '—';

  const counts = Object.fromEntries(STATES.map((s) => [s, board?.agents.filter((a) => a.state === s).length ?? 0])) as Record<AgentState, number>;
  const alerts = board?.queues.filter((q) => q.service_level !== null && q.service_level < q.sl_target) ?? [];
  const waiting = board?.queues.reduce((s, q) => s + q.waiting, 0) ?? 0;
  return (
    <section className="page wallboard" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Wallboard</h1>
        <span className={`pill link-${link}`} role="status">{link === 'live' ? 'Live' : link === 'connecting' ? 'Connecting…' : 'Reconnecting…'}</span>
        {raw && <Filters board={raw} filter={filter} onChange={setFilter} />}
        {user.role === 'admin' && <DemoSwitch />}
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {alerts.length > 0 && (
        <div className="alert sl-alert" role="alert">
          <strong>Below service-level target:</strong>{' '}
          {alerts.map((q) => <span key={q.id} className="alert-queue">{q.name} {pct(q.service_level)} (target {pct(q.sl_target)})</span>)}
        </div>
      )}
      {board?.campaigns && <AbandonAlert campaigns={board.campaigns} />}
      <div className="tiles">
        <div className={`tile tile-waiting${waiting > 0 ? ' has-waiting' : ''}`}><div className="tile-n">{waiting}</div><div className="tile-l">Waiting</div></div>
        {STATES.map((s) => <div key={s} className={`tile state-${s}`}><div className="tile-n">{counts[s]}</div><div className="tile-l">{LABEL[s]}</div></div>)}
      </div>
      <h2>Queues</h2>
      <div className="table-wrap">
        <table className="data-table board-table" aria-label="Queues">
          <thead><tr><th>Queue</th><th className="num">Waiting</th><th className="num">Longest wait</th><th className="num">Service level</th><th className="num">ASA</th><th className="num">AHT</th><th className="num">Answered</th><th className="num">Abandoned</th><th className="num">Available</th>{supervising && <th><span className="sr-only">Actions</span></th>}</tr></thead>
          <tbody>
            {board?.queues.length === 0 && <tr><td colSpan={10} className="empty">No queues for this filter.</td></tr>}
            {board?.queues.map((q) => {
              const wait = longestWaitNow(q, now);
              return (
                <tr key={q.id} className={q.service_level !== null && q.service_level < q.sl_target ? 'row-alert' : undefined}>
                  <td><strong>{q.name}</strong><div className="sub">{raw?.clients?.find((c) => c.id === q.client_id)?.name} · {q.channel.replace('_', ' ')}</div></td>
                  <td className={`num${q.waiting > 0 ? ' hot' : ''}`}>{q.waiting}</td>
                  <td className={`num${wait > q.sl_threshold_s ? ' sl-below' : ''}`}>{q.waiting > 0 ? secs(wait) : '—'}</td>
                  <SlCell q={q} /><td className="num">{secs(q.asa_s)}</td><td className="num">{secs(q.aht_s)}</td>
                  <td className="num">{q.answered}</td><td className="num">{q.abandoned}</td><td className="num">{q.agents_by_state.available}</td>
                  {supervising && <td>{q.waiting > 0 && <button type="button" className="btn btn-small" onClick={() => setReassign(q)} aria-label={`Reassign from ${q.name}`}>Reassign…</button>}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {board && <IntervalChart buckets={board.intervals ?? []} queues={board.queues} now={now} />}
      {(board?.campaigns || campaignError) && <h2>Campaigns</h2>}
      {campaignError && <p className="form-error">Could not get the campaigns' figures: {campaignError}</p>}
      {board?.campaigns && <CampaignsTable campaigns={board.campaigns} clients={raw?.clients ?? []} now={now} />}
      <h2>Agents</h2>
      <div className="table-wrap">
        <table className="data-table board-table" aria-label="Agents">
          <thead><tr><th>Agent</th><th>Team</th><th>State</th><th className="num">Time in state</th><th>Current interaction</th>{supervising && <th><span className="sr-only">Actions</span></th>}</tr></thead>
          <tbody>
            {board?.agents.length === 0 && <tr><td colSpan={6} className="empty">No agents for this filter.</td></tr>}
            {board?.agents.map((a) => (
              <tr key={a.id}>
                <td><strong>{a.name}</strong><div className="sub">ext. {a.extension}</div></td>
                <td>{teamName(a.team_id)}</td>
                <td><span className={`pill state-${a.state}`}>{LABEL[a.state]}{a.aux_reason ? `: ${a.aux_reason}` : ''}</span></td>
                <td className="num">{elapsed(a.since, now)}</td>
                <td>{raw && <CurrentWork a={a} board={raw} now={now} />}</td>
                {supervising && <td><AgentActions agent={a} /></td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {reassign && raw && <ReassignDialog queue={reassign} queues={raw.queues} agents={raw.agents} onClose={() => setReassign(null)} />}
    </section>
  );
}
