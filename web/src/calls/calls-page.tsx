import { useCallback, useEffect, useMemo, useState } from 'react';
import { Pager } from '../admin/pager.js';
import { PAGE_SIZE } from '../admin/use-list-query.js';
import { nameOf, useOptions } from '../admin/use-options.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { Agent, Client, ListPage, Queue } from '../api/types.js';
import { navigate } from '../router/router.js';
import { channelLabel } from '../shell/labels.js';
import { CallDetailDrawer, type Names } from './call-detail-drawer.js';
import { CALL_CHANNELS, clock, durations, resultLabel, resultTone, type CallRow } from './call-model.js';
import './calls.css';

/**
 * How many of the newest interactions the page reads. The interactions API
 * has no channel filter yet, so voice and callback rows are picked out of
 * this window in the browser.
 */
const WINDOW = 500;

export const callPath = (id: string): string => `/calls/${encodeURIComponent(id)}`;

/** Recent calls (voice and callbacks), newest first; a row opens its full record in a drawer. */
export function CallsPage({ openId }: { openId: string | null }) {
  const api = useApi();
  const clients = useOptions<Client>('/clients');
  const queues = useOptions<Queue>('/queues');
  const agents = useOptions<Agent>('/agents');
  const names: Names = useMemo(() => ({ clients: clients.byId, queues: queues.byId, agents: agents.byId }), [clients.byId, queues.byId, agents.byId]);
  const [rows, setRows] = useState<CallRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [showSimulated, setShowSimulated] = useState(false);
  const [clientId, setClientId] = useState('');
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.get<ListPage<CallRow>>('/interactions', { limit: WINDOW, offset: 0 }).then(
      (p) => { if (!cancelled) { setRows(p.items); setError(null); setLoading(false); } },
      (err: unknown) => { if (!cancelled) { setError(messageOf(err)); setLoading(false); } },
    );
    return () => { cancelled = true; };
  }, [api, generation]);

  const calls = useMemo(() => (rows ?? []).filter((r) => CALL_CHANNELS.includes(r.channel)
    && (showSimulated || !r.simulated) && (clientId === '' || r.client_id === clientId)), [rows, showSimulated, clientId]);
  const page = calls.slice(offset, offset + PAGE_SIZE);
  const hiddenSimulated = (rows ?? []).filter((r) => CALL_CHANNELS.includes(r.channel) && r.simulated).length;
  const close = useCallback(() => navigate('/calls'), []);

  return (
    <section className="page calls-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Calls</h1>
        <button type="button" className="btn" onClick={() => setGeneration((g) => g + 1)} disabled={loading}>Refresh</button>
      </div>
      <p className="muted">Every call and callback with its timestamps, IVR path, legs and recording. Open a call for its full record.</p>
      <div className="list-toolbar">
        <label className="inline-field">
          <span>Client</span>
          <select value={clientId} onChange={(e) => { setClientId(e.target.value); setOffset(0); }}>
            <option value="">All clients</option>
            {clients.items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={showSimulated} onChange={(e) => { setShowSimulated(e.target.checked); setOffset(0); }} />
          Show simulated demo calls{hiddenSimulated > 0 && !showSimulated ? ` (${hiddenSimulated})` : ''}
        </label>
      </div>
      {error && <p className="form-error" role="alert">Could not load calls: {error}</p>}
      <div className="table-wrap">
        <table className="data-table calls-table" aria-busy={loading}>
          <caption className="visually-hidden">Calls</caption>
          <thead>
            <tr>
              <th scope="col">Arrived</th><th scope="col">Caller</th><th scope="col">Client</th><th scope="col">Queue</th>
              <th scope="col">Agent</th><th scope="col">Result</th><th scope="col">Waited</th><th scope="col">Talked</th>
              <th scope="col"><span className="visually-hidden">Open</span></th>
            </tr>
          </thead>
          <tbody>
            {page.map((r) => {
              const { waitMs, talkMs } = durations(r);
              const when = new Date(r.created_at);
              return (
                <tr key={r.id} className="clickable" onClick={() => navigate(callPath(r.id))}>
                  <td><time dateTime={r.created_at}>{when.toLocaleDateString()} {when.toLocaleTimeString()}</time></td>
                  <td>
                    {r.customer_address ? <code>{r.customer_address}</code> : <span className="muted">unknown</span>}
                    {r.channel !== 'voice' && <span className="pill">{channelLabel(r.channel)}</span>}
                    {r.simulated && <span className="pill pill-demo">Simulated</span>}
                  </td>
                  <td>{nameOf(clients.byId, r.client_id, (c) => c.name)}</td>
                  <td>{nameOf(queues.byId, r.queue_id, (q) => q.name)}</td>
                  <td>{nameOf(agents.byId, r.agent_id, (a) => a.name)}</td>
                  <td><span className={`pill tone-${resultTone(r)}`}>{resultLabel(r)}</span></td>
                  <td className="num">{clock(waitMs)}</td>
                  <td className="num">{clock(talkMs)}</td>
                  <td className="row-actions">
                    <a href={callPath(r.id)} className="btn btn-small" onClick={(e) => { e.preventDefault(); e.stopPropagation(); navigate(callPath(r.id)); }}>
                      Details<span className="visually-hidden"> of the call at {when.toLocaleTimeString()}</span>
                    </a>
                  </td>
                </tr>
              );
            })}
            {!loading && page.length === 0 && !error && (
              <tr><td colSpan={9} className="empty">No calls yet{hiddenSimulated > 0 && !showSimulated ? ' (simulated demo calls are hidden)' : ''}.</td></tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager total={calls.length} offset={offset} shown={page.length} onOffset={setOffset} />
      {openId !== null && <CallDetailDrawer key={openId} id={openId} names={names} onClose={close} />}
    </section>
  );
}
