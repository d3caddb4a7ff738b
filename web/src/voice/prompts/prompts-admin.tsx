import { useState } from 'react';
import { ListToolbar } from '../../admin/list-toolbar.js';
import { Pager } from '../../admin/pager.js';
import { useListQuery } from '../../admin/use-list-query.js';
import { nameOf, useOptions } from '../../admin/use-options.js';
import { useApi } from '../../api/api-context.js';
import { messageOf } from '../../api/api-error.js';
import type { Client } from '../../api/types.js';
import { deletePrompt, formatBytes, formatDuration, promptAudioUrl } from '../voice-api.js';
import type { Prompt } from '../voice-types.js';
import { PromptUploadForm } from './prompt-upload-form.js';
import '../voice.css';

/** Recorded prompts per client: upload, listen, delete (refused while a flow plays it). */
export function PromptsAdmin({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const clients = useOptions<Client>('/clients');
  const list = useListQuery<Prompt>('/prompts', { supportsDisabled: false });
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const items = list.page?.items ?? [];
  const clientName = (p: Prompt) => nameOf(clients.byId, p.client_id, (c) => c.name);

  async function remove(p: Prompt) {
    if (!window.confirm(`Delete the prompt ${p.name} of ${clientName(p)}?`)) return;
    setActionError(null);
    try {
      await deletePrompt(api, p.id);
      setStatus(`Deleted prompt ${p.name}.`);
      list.reload();
    } catch (err) {
      setActionError(`Could not delete ${p.name}: ${messageOf(err)}`);
    }
  }

  return (
    <section className="resource-list" aria-labelledby="resource-title">
      <div className="page-header"><h2 id="resource-title">Prompts</h2></div>
      <p className="muted">Recorded audio the flows play: greetings, menus, hold music. Flows refer to a prompt by its name.</p>
      {canEdit && (
        <PromptUploadForm clients={clients.items} onUploaded={(_p, message) => { setStatus(message); list.reload(); }} />
      )}
      <ListToolbar title="Prompts" search={list.search} onSearch={list.setSearch} includeDisabled={null} onIncludeDisabled={() => {}} />
      <p className="status-line" role="status">{status}</p>
      {actionError && <p className="form-error" role="alert">{actionError}</p>}
      {list.error && <p className="form-error" role="alert">Could not load prompts: {list.error}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-busy={list.loading}>
          <caption className="visually-hidden">Prompts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th><th scope="col">Client</th><th scope="col">Length</th><th scope="col">Size</th>
              <th scope="col">Uploaded</th><th scope="col">Listen</th>
              {canEdit && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td><code>{p.name}</code></td>
                <td>{clientName(p)}</td>
                <td className="num">{formatDuration(p.duration_ms)}</td>
                <td className="num">{formatBytes(p.size_bytes)}</td>
                <td>{new Date(p.created_at).toLocaleString()}</td>
                <td><audio className="audio-inline" controls preload="none" src={promptAudioUrl(p.id)} aria-label={`Play ${p.name}`} /></td>
                {canEdit && (
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => void remove(p)}>
                      Delete<span className="visually-hidden"> {p.name}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
            {!list.loading && items.length === 0 && !list.error && (
              <tr><td colSpan={canEdit ? 7 : 6} className="empty">{list.search ? `No prompts match “${list.search}”.` : 'No prompts yet.'}</td></tr>
            )}
          </tbody>
        </table>
      </div>
      {list.page && <Pager total={list.page.total} offset={list.offset} shown={items.length} onOffset={list.setOffset} />}
    </section>
  );
}
