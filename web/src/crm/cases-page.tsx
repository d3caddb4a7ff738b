import { useState } from 'react';
import { Pager } from '../admin/pager.js';
import { useListQuery } from '../admin/use-list-query.js';
import { nameOf, useOptions } from '../admin/use-options.js';
import type { Client } from '../api/types.js';
import { navigate } from '../router/router.js';
import { CaseDetail } from './case-detail.js';
import { CaseStatusPill } from './case-status-pill.js';
import { CASE_STATUSES, CASE_STATUS_LABEL, casePath, when, type CaseRow, type CaseStatus } from './crm-types.js';
import './crm.css';

/** Cases by status (open first), searchable by subject or customer; a row opens the case. */
export function CasesPage({ openId }: { openId: string | null }) {
  if (openId !== null) return <CaseDetail key={openId} id={openId} />;
  return <CaseList />;
}

function CaseList() {
  const clients = useOptions<Client>('/clients');
  const [status, setStatus] = useState<CaseStatus | ''>('open');
  const { page, loading, error, search: q, setSearch: setQ, query: search, offset, setOffset } = useListQuery<CaseRow>('/cases', { supportsDisabled: false, params: { status: status || undefined } });

  const rows = page?.items ?? [];
  const tabs: { key: CaseStatus | ''; label: string }[] = [...CASE_STATUSES.map((s) => ({ key: s, label: CASE_STATUS_LABEL[s] })), { key: '', label: 'All' }];
  return (
    <section className="page crm-page" aria-labelledby="page-title">
      <div className="page-head"><h1 id="page-title">Cases</h1></div>
      <p className="muted">Customers' problems from open to resolved. Agents open and resolve them at wrap-up; change a status here.</p>
      <div className="list-toolbar crm-toolbar">
        <div className="segmented" role="tablist" aria-label="Status">
          {tabs.map((t) => (
            <button key={t.key || 'all'} type="button" role="tab" aria-selected={status === t.key} className={status === t.key ? 'seg active' : 'seg'}
              onClick={() => setStatus(t.key)}>{t.label}</button>
          ))}
        </div>
        <label className="search-box crm-search">
          <span className="visually-hidden">Search cases</span>
          <input type="search" placeholder="Search by subject or customer" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {error && <p className="form-error" role="alert">Could not load cases: {error}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-busy={loading}>
          <caption className="visually-hidden">Cases</caption>
          <thead>
            <tr><th scope="col">Subject</th><th scope="col">Customer</th><th scope="col">Client</th><th scope="col">Status</th><th scope="col" className="num">Contacts</th><th scope="col">Last activity</th></tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="clickable" onClick={() => navigate(casePath(c.id))}>
                <td><a href={casePath(c.id)} onClick={(e) => e.preventDefault()} className="strong-link">{c.subject}</a></td>
                <td>{c.customer_name}</td>
                <td>{nameOf(clients.byId, c.client_id, (x) => x.name)}</td>
                <td><CaseStatusPill status={c.status} /></td>
                <td className="num">{c.interactions}</td>
                <td><time dateTime={c.updated_at}>{when(c.updated_at)}</time></td>
              </tr>
            ))}
            {!loading && rows.length === 0 && !error && <tr><td colSpan={6} className="empty">No {status ? CASE_STATUS_LABEL[status].toLowerCase() : ''} cases{search ? ` matching “${search}”` : ''}.</td></tr>}
          </tbody>
        </table>
      </div>
      <Pager total={page?.total ?? 0} offset={offset} shown={rows.length} onOffset={setOffset} />
    </section>
  );
}
