import { useState } from 'react';
import { ListToolbar } from '../admin/list-toolbar.js';
import { Pager } from '../admin/pager.js';
import { useListQuery } from '../admin/use-list-query.js';
import { nameOf, useOptions } from '../admin/use-options.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { Client, User } from '../api/types.js';
import { useCurrentUser } from '../auth/session-context.js';
import type { DncEntry, DncSource } from './campaign-types.js';
import { DncAddForm, DncImportForm } from './dnc-forms.js';
import { deleteResource } from './outbound-api.js';

// Side by side when there is room (styles.css is the shell's; this page needs only this).
const FORMS_STYLE = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: '1rem', marginBottom: '1rem', alignItems: 'start' } as const;

const SOURCE_LABELS: Record<DncSource, string> = { import: 'Import', ivr: 'IVR (press 9)', agent: 'Agent', api: 'Admin / API' };

/** Do-not-call lists: every client's plus the global one; add, import and remove numbers. */
export function DncAdmin({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const user = useCurrentUser();
  const clients = useOptions<Client>('/clients');
  // Only admins may list users: for others this fails quietly and "added by" shows a short id.
  const users = useOptions<User>('/users');
  const list = useListQuery<DncEntry>('/dnc', { supportsDisabled: false });
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const items = list.page?.items ?? [];
  const isAdmin = user.role === 'admin';
  const listName = (e: DncEntry) => (e.client_id === null ? 'Global' : nameOf(clients.byId, e.client_id, (c) => c.name));
  const addedBy = (id: string | null) => nameOf(users.byId, id, (u) => u.name);

  async function remove(e: DncEntry) {
    if (!window.confirm(`Remove ${e.phone} from the ${listName(e)} list? Campaigns may call it again.`)) return;
    setActionError(null);
    try {
      await deleteResource(api, `/dnc/${encodeURIComponent(e.id)}`);
      setStatus(`Removed ${e.phone} from the ${listName(e)} list.`);
      list.reload();
    } catch (err) {
      setActionError(`Could not remove ${e.phone}: ${messageOf(err)}`);
    }
  }

  return (
    <section className="resource-list" aria-labelledby="resource-title">
      <div className="page-header"><h2 id="resource-title">Do-not-call</h2></div>
      <p className="muted">Numbers no campaign may dial. Stored in E.164, so “(212) 555-0134” and “+12125550134” are one entry.</p>
      {canEdit && (
        <div style={FORMS_STYLE}>
          <DncAddForm clients={clients.items} allowGlobal={isAdmin} onAdded={(a) => {
            setStatus(a.created ? `Added ${a.phone} to the ${listName(a)} list.` : `${a.phone} was already on the ${listName(a)} list.`);
            list.reload();
          }} />
          <DncImportForm clients={clients.items} allowGlobal={isAdmin} onImported={list.reload} />
        </div>
      )}
      <ListToolbar title="Do-not-call numbers" search={list.search} onSearch={list.setSearch} includeDisabled={null} onIncludeDisabled={() => {}} />
      <p className="status-line" role="status">{status}</p>
      {actionError && <p className="form-error" role="alert">{actionError}</p>}
      {list.error && <p className="form-error" role="alert">Could not load the lists: {list.error}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-busy={list.loading}>
          <caption className="visually-hidden">Do-not-call numbers</caption>
          <thead>
            <tr>
              <th scope="col">Number</th><th scope="col">List</th><th scope="col">Source</th><th scope="col">Added by</th><th scope="col">When</th>
              {canEdit && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td><code>{e.phone}</code></td><td>{listName(e)}</td><td>{SOURCE_LABELS[e.source] ?? e.source}</td>
                <td>{addedBy(e.created_by)}</td><td>{new Date(e.created_at).toLocaleString()}</td>
                {canEdit && (
                  <td className="row-actions">
                    {(e.client_id !== null || isAdmin) && (
                      <button type="button" className="btn btn-small" onClick={() => void remove(e)}>
                        Remove<span className="visually-hidden"> {e.phone} ({listName(e)})</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {!list.loading && items.length === 0 && !list.error && (
              <tr><td colSpan={canEdit ? 6 : 5} className="empty">{list.search ? `No numbers match “${list.search}”.` : 'No numbers on any list yet.'}</td></tr>
            )}
          </tbody>
        </table>
      </div>
      {list.page && <Pager total={list.page.total} offset={list.offset} shown={items.length} onOffset={list.setOffset} />}
    </section>
  );
}
