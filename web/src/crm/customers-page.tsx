import { Pager } from '../admin/pager.js';
import { useListQuery } from '../admin/use-list-query.js';
import { nameOf, useOptions } from '../admin/use-options.js';
import type { Client } from '../api/types.js';
import { navigate } from '../router/router.js';
import { CustomerDetail } from './customer-detail.js';
import { customerPath, when, type Customer } from './crm-types.js';
import './crm.css';

/** Customers of the clients you may see, searchable by name, number or email; a row opens the customer. */
export function CustomersPage({ openId }: { openId: string | null }) {
  if (openId !== null) return <CustomerDetail key={openId} id={openId} />;
  return <CustomerList />;
}

function CustomerList() {
  const clients = useOptions<Client>('/clients');
  const { page, loading, error, search: q, setSearch: setQ, query: search, offset, setOffset } = useListQuery<Customer>('/customers', { supportsDisabled: false });

  const rows = page?.items ?? [];
  return (
    <section className="page crm-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">Customers</h1>
      </div>
      <p className="muted">Every customer of your clients. A caller's number finds or creates their record when their call reaches an agent.</p>
      <div className="list-toolbar">
        <label className="search-box crm-search">
          <span className="visually-hidden">Search customers</span>
          <input type="search" placeholder="Search by name, phone number or email" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      {error && <p className="form-error" role="alert">Could not load customers: {error}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-busy={loading}>
          <caption className="visually-hidden">Customers</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Phone</th><th scope="col">Email</th><th scope="col">Client</th><th scope="col">Last change</th></tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="clickable" onClick={() => navigate(customerPath(c.id))}>
                <td><a href={customerPath(c.id)} onClick={(e) => { e.preventDefault(); }} className="strong-link">{c.name}</a></td>
                <td>{c.phones.length ? <code>{c.phones[0]}</code> : <span className="muted">none</span>}{c.phones.length > 1 && <span className="muted"> +{c.phones.length - 1}</span>}</td>
                <td>{c.emails[0] ?? <span className="muted">none</span>}</td>
                <td>{nameOf(clients.byId, c.client_id, (x) => x.name)}</td>
                <td><time dateTime={c.updated_at}>{when(c.updated_at)}</time></td>
              </tr>
            ))}
            {!loading && rows.length === 0 && !error && (
              <tr><td colSpan={5} className="empty">{search ? `No customer matches “${search}”.` : 'No customers yet.'}</td></tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager total={page?.total ?? 0} offset={offset} shown={rows.length} onOffset={setOffset} />
    </section>
  );
}
