import { useState, type ComponentType, type ReactNode } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import { ListToolbar } from './list-toolbar.js';
import { Pager } from './pager.js';
import { useListQuery } from './use-list-query.js';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** What every resource form receives: the row to edit (null = new) and two exits. */
export interface FormProps<T> {
  row: T | null;
  onClose: () => void;
  onSaved: (row: T) => void;
}

interface ListRow { id: string; disabled?: boolean }

interface ResourceListProps<T extends ListRow> {
  title: string;
  /** Lower-case noun for messages and buttons, e.g. "client". */
  singular: string;
  /** API collection path, e.g. "/clients". */
  path: string;
  columns: Column<T>[];
  rowLabel: (row: T) => string;
  canEdit: boolean;
  Form?: ComponentType<FormProps<T>>;
  supportsDisabled?: boolean;
  /** Rows that must not be disabled from here (e.g. the signed-in user's own account). */
  canDisable?: (row: T) => boolean;
  intro?: string;
}

type Editor<T> = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; row: T };

/** The admin list page: search, "Show disabled", pagination, New / Edit / Disable / Enable. */
export function ResourceList<T extends ListRow>(props: ResourceListProps<T>) {
  const { title, singular, path, columns, rowLabel, canEdit, Form, intro } = props;
  const supportsDisabled = props.supportsDisabled ?? true;
  const api = useApi();
  const list = useListQuery<T>(path, { supportsDisabled });
  const [editor, setEditor] = useState<Editor<T>>({ mode: 'closed' });
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function setDisabled(row: T, disabled: boolean) {
    setBusyId(row.id);
    setActionError(null);
    try {
      await api.patch(`${path}/${encodeURIComponent(row.id)}`, { disabled });
      setStatus(`${disabled ? 'Disabled' : 'Enabled'} ${singular} ${rowLabel(row)}.`);
      list.reload();
    } catch (err) {
      setActionError(`Could not ${disabled ? 'disable' : 'enable'} ${rowLabel(row)}: ${messageOf(err)}`);
    } finally {
      setBusyId(null);
    }
  }

  function onSaved(saved: T) {
    setStatus(`Saved ${singular} ${rowLabel(saved)}.`);
    setEditor({ mode: 'closed' });
    list.reload();
  }

  const editable = canEdit && Form !== undefined;
  const items = list.page?.items ?? [];
  const colCount = columns.length + (supportsDisabled ? 1 : 0) + (editable ? 1 : 0);

  return (
    <section className="resource-list" aria-labelledby="resource-title">
      <div className="page-header">
        <h2 id="resource-title">{title}</h2>
        {editable && (
          <button type="button" className="btn btn-primary" onClick={() => setEditor({ mode: 'new' })}>
            New {singular}
          </button>
        )}
      </div>
      {intro && <p className="muted">{intro}</p>}
      <ListToolbar title={title} search={list.search} onSearch={list.setSearch}
        includeDisabled={supportsDisabled ? list.includeDisabled : null} onIncludeDisabled={list.setIncludeDisabled} />
      <p className="status-line" role="status">{status}</p>
      {actionError && <p className="form-error" role="alert">{actionError}</p>}
      {list.error && <p className="form-error" role="alert">Could not load {title.toLowerCase()}: {list.error}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-busy={list.loading}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => <th key={c.header} scope="col">{c.header}</th>)}
              {supportsDisabled && <th scope="col">Status</th>}
              {editable && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {items.map((row) => (
              <tr key={row.id} className={row.disabled ? 'row-disabled' : undefined}>
                {columns.map((c) => <td key={c.header}>{c.cell(row)}</td>)}
                {supportsDisabled && (
                  <td><span className={row.disabled ? 'badge badge-off' : 'badge badge-on'}>{row.disabled ? 'Disabled' : 'Active'}</span></td>
                )}
                {editable && (
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setEditor({ mode: 'edit', row })}>
                      Edit<span className="visually-hidden"> {rowLabel(row)}</span>
                    </button>
                    {(row.disabled || (props.canDisable?.(row) ?? true)) && (
                      <button type="button" className="btn btn-small" disabled={busyId === row.id}
                        onClick={() => void setDisabled(row, !row.disabled)}>
                        {row.disabled ? 'Enable' : 'Disable'}<span className="visually-hidden"> {rowLabel(row)}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {!list.loading && items.length === 0 && !list.error && (
              <tr><td colSpan={colCount} className="empty">{list.search ? `No ${title.toLowerCase()} match “${list.search}”.` : `No ${title.toLowerCase()} yet.`}</td></tr>
            )}
          </tbody>
        </table>
      </div>
      {list.page && <Pager total={list.page.total} offset={list.offset} shown={items.length} onOffset={list.setOffset} />}
      {editable && editor.mode !== 'closed' && (
        <Form row={editor.mode === 'edit' ? editor.row : null} onClose={() => setEditor({ mode: 'closed' })} onSaved={onSaved} />
      )}
    </section>
  );
}
