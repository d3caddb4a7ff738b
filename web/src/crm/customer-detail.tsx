import { useEffect, useState } from 'react';
import { nameOf, useOptions } from '../admin/use-options.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { Client, ListPage } from '../api/types.js';
import { Link } from '../router/link.js';
import { channelLabel } from '../shell/labels.js';
import { CaseStatusPill } from './case-status-pill.js';
import { casePath, when, type CaseRow, type Customer, type TimelineEntry } from './crm-types.js';

const fieldText = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));

/** One customer: contact details, custom fields, cases, and every interaction across channels. */
export function CustomerDetail({ id }: { id: string }) {
  const api = useApi();
  const clients = useOptions<Client>('/clients');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [cases, setCases] = useState<CaseRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      api.get<Customer>(`/customers/${id}`),
      api.get<{ items: TimelineEntry[] }>(`/customers/${id}/timeline`),
      api.get<ListPage<CaseRow>>('/cases', { customer_id: id, limit: 100 }),
    ]).then(([c, t, k]) => {
      if (cancelled) return;
      setCustomer(c); setTimeline(t.items); setCases(k.items); setError(null);
    }, (err: unknown) => { if (!cancelled) setError(messageOf(err)); });
    return () => { cancelled = true; };
  }, [api, id]);

  if (error) return <section className="page"><p className="form-error" role="alert">Could not load the customer: {error}</p><Link href="/customers">Back to customers</Link></section>;
  if (!customer) return <section className="page" aria-busy="true"><p className="muted">Loading…</p></section>;
  const fields = Object.entries(customer.custom_fields);
  return (
    <section className="page crm-page" aria-labelledby="page-title">
      <nav className="crumbs"><Link href="/customers">Customers</Link> <span aria-hidden="true">/</span></nav>
      <div className="page-head">
        <h1 id="page-title">{customer.name}</h1>
        <span className="pill">{nameOf(clients.byId, customer.client_id, (x) => x.name)}</span>
      </div>
      <div className="crm-grid">
        <div className="panel crm-card">
          <h2>Contact</h2>
          <dl className="facts">
            <div><dt>Phone</dt><dd>{customer.phones.length ? customer.phones.map((p) => <code key={p} className="block">{p}</code>) : <span className="muted">none</span>}</dd></div>
            <div><dt>Email</dt><dd>{customer.emails.length ? customer.emails.map((e) => <a key={e} className="block" href={`mailto:${e}`}>{e}</a>) : <span className="muted">none</span>}</dd></div>
            {fields.map(([k, v]) => <div key={k}><dt>{k.replace(/_/g, ' ')}</dt><dd>{fieldText(v)}</dd></div>)}
          </dl>
          <p className="muted small">Customer since {new Date(customer.created_at).toLocaleDateString()}</p>
        </div>
        <div className="panel crm-card">
          <h2>Cases <span className="count">{cases.length}</span></h2>
          {cases.length === 0 ? <p className="muted">No cases.</p> : (
            <ul className="case-list">
              {cases.map((c) => (
                <li key={c.id}>
                  <Link href={casePath(c.id)}>{c.subject}</Link>
                  <CaseStatusPill status={c.status} />
                  <span className="muted small">{when(c.updated_at)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="panel crm-card">
        <h2>Timeline</h2>
        {timeline.length === 0 ? <p className="muted">No interactions yet.</p> : (
          <ol className="crm-timeline">
            {timeline.map((e) => (
              <li key={`${e.kind}-${e.id}`} className={`tl-${e.kind}`}>
                <time dateTime={e.at}>{when(e.at)}</time>
                {e.kind === 'case' ? (
                  <div>
                    <strong>Case opened:</strong> <Link href={casePath(e.id)}>{e.subject}</Link> <CaseStatusPill status={e.status} />
                  </div>
                ) : (
                  <div>
                    <strong>{channelLabel(e.channel)}</strong> {e.direction}{e.queue_name ? ` · ${e.queue_name}` : ''}{e.agent_name ? ` · ${e.agent_name}` : ''}
                    {e.disposition && <span className="pill">{e.disposition}</span>}
                    {!e.disposition && e.outcome && <span className="pill">{e.outcome}</span>}
                    {e.notes && <p className="crm-notes">{e.notes}</p>}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
