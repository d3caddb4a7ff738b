import { useEffect, useState } from 'react';
import { nameOf, useOptions } from '../admin/use-options.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { Client } from '../api/types.js';
import { Link } from '../router/link.js';
import { channelLabel } from '../shell/labels.js';
import { CaseStatusPill } from './case-status-pill.js';
import { CASE_STATUSES, CASE_STATUS_LABEL, customerPath, when, type CaseRow, type CaseStatus, type LinkedInteraction } from './crm-types.js';

type CaseDetailRow = CaseRow & { linked_interactions: LinkedInteraction[] };

/** The button names the move it makes; the current status names itself. */
function actionLabel(target: CaseStatus, current: CaseStatus): string {
  if (target === current) return CASE_STATUS_LABEL[target];
  if (target === 'resolved') return 'Resolve';
  return target === 'open' && current === 'resolved' ? 'Reopen' : CASE_STATUS_LABEL[target];
}

/** One case: its customer, status (changeable), and the interactions that worked on it. */
export function CaseDetail({ id }: { id: string }) {
  const api = useApi();
  const clients = useOptions<Client>('/clients');
  const [c, setC] = useState<CaseDetailRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.get<CaseDetailRow>(`/cases/${id}`).then((r) => { if (!cancelled) { setC(r); setError(null); } },
      (err: unknown) => { if (!cancelled) setError(messageOf(err)); });
    return () => { cancelled = true; };
  }, [api, id, generation]);

  async function setStatus(status: CaseStatus) {
    setSaving(true);
    setSaveError(null);
    try {
      await api.patch(`/cases/${id}`, { status });
      setGeneration((g) => g + 1);
    } catch (err) {
      setSaveError(messageOf(err));
    } finally {
      setSaving(false);
    }
  }

  if (error) return <section className="page"><p className="form-error" role="alert">Could not load the case: {error}</p><Link href="/cases">Back to cases</Link></section>;
  if (!c) return <section className="page" aria-busy="true"><p className="muted">Loading…</p></section>;
  return (
    <section className="page crm-page" aria-labelledby="page-title">
      <nav className="crumbs"><Link href="/cases">Cases</Link> <span aria-hidden="true">/</span></nav>
      <div className="page-head">
        <h1 id="page-title">{c.subject}</h1>
        <CaseStatusPill status={c.status} />
      </div>
      <div className="crm-grid">
        <div className="panel crm-card">
          <h2>Details</h2>
          <dl className="facts">
            <div><dt>Customer</dt><dd><Link href={customerPath(c.customer_id)}>{c.customer_name}</Link></dd></div>
            <div><dt>Client</dt><dd>{nameOf(clients.byId, c.client_id, (x) => x.name)}</dd></div>
            <div><dt>Opened</dt><dd>{when(c.created_at)}</dd></div>
            <div><dt>{c.resolved_at ? 'Resolved' : 'Last activity'}</dt><dd>{when(c.resolved_at ?? c.updated_at)}</dd></div>
          </dl>
        </div>
        <div className="panel crm-card">
          <h2>Status</h2>
          <div className="segmented" role="group" aria-label="Change status">
            {CASE_STATUSES.map((s) => (
              <button key={s} type="button" className={c.status === s ? 'seg active' : 'seg'} aria-pressed={c.status === s} disabled={saving || c.status === s}
                onClick={() => void setStatus(s)}>{actionLabel(s, c.status)}</button>
            ))}
          </div>
          {saveError && <p className="form-error" role="alert">{saveError}</p>}
          <p className="muted small">Resolving stamps the time; agents' "problems resolved" counts it.</p>
        </div>
      </div>
      <div className="panel crm-card">
        <h2>Interactions <span className="count">{c.linked_interactions.length}</span></h2>
        {c.linked_interactions.length === 0 ? <p className="muted">No interaction is linked to this case yet.</p> : (
          <ol className="crm-timeline">
            {c.linked_interactions.map((i) => (
              <li key={i.id}>
                <time dateTime={i.at}>{when(i.at)}</time>
                <div>
                  <strong>{channelLabel(i.channel)}</strong> {i.direction}{i.agent_name ? ` · ${i.agent_name}` : ''}
                  {i.disposition && <span className="pill">{i.disposition}</span>}
                  {i.notes && <p className="crm-notes">{i.notes}</p>}
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
