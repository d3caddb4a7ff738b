import { useEffect, useState } from 'react';
import { Pager } from '../admin/pager.js';
import { PAGE_SIZE } from '../admin/use-list-query.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { ListPage } from '../api/types.js';
import type { Lead } from './campaign-types.js';
import { listLeads } from './outbound-api.js';

const fieldsText = (f: Record<string, string>) => Object.entries(f).map(([k, v]) => `${k}: ${v}`).join(', ') || '—';
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** Leads as rows; shared by the campaign's lead list and the "next leads" preview. */
export function LeadRows({ leads, caption }: { leads: Lead[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Phone</th><th scope="col">Name</th><th scope="col">Time zone</th><th scope="col">Status</th>
            <th scope="col">Attempts</th><th scope="col">Next attempt</th><th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((l) => (
            <tr key={l.id}>
              <td><code>{l.phone}</code></td><td>{l.name ?? '—'}</td><td>{l.time_zone ?? '—'}</td><td>{l.status}</td>
              <td>{l.attempts}</td><td>{when(l.next_attempt_at)}</td><td>{fieldsText(l.fields)}</td>
            </tr>
          ))}
          {leads.length === 0 && <tr><td colSpan={7} className="empty">No leads.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}

/** The campaign's leads, one page at a time; `generation` bumps after an import. */
export function LeadsTable({ campaignId, generation }: { campaignId: string; generation: number }) {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage<Lead> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    listLeads(api, campaignId, PAGE_SIZE, offset).then(
      (p) => { if (!cancelled) { setPage(p); setError(null); } },
      (err: unknown) => { if (!cancelled) setError(messageOf(err)); },
    );
    return () => { cancelled = true; };
  }, [api, campaignId, offset, generation]);
  return (
    <section className="panel" aria-labelledby="leads-title">
      <h3 id="leads-title">Leads</h3>
      {error && <p className="form-error" role="alert">Could not load leads: {error}</p>}
      {page && <LeadRows leads={page.items} caption="Leads" />}
      {page && <Pager total={page.total} offset={offset} shown={page.items.length} onOffset={setOffset} />}
    </section>
  );
}
