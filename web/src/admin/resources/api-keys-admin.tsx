import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { messageOf } from '../../api/api-error.js';
import type { ApiKey, CreatedApiKey } from '../../api/types.js';
import { useCurrentUser } from '../../auth/session-context.js';
import { keyHint } from './api-keys-model.js';
import { NewApiKeyForm, NewApiKeySecret } from './new-api-key.js';

type Keys = { status: 'loading' } | { status: 'ready'; items: ApiKey[] } | { status: 'error'; message: string };

/** GET /api-keys answers every live key at once (no paging); a new `generation` loads again. */
function useApiKeys(generation: number): Keys {
  const api = useApi();
  const [keys, setKeys] = useState<Keys>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api.get<{ items: ApiKey[] }>('/api-keys').then(
      (r) => live && setKeys({ status: 'ready', items: r.items }),
      (err: unknown) => live && setKeys({ status: 'error', message: messageOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, generation]);
  return keys;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * Keys for integrations: each acts as the user who made it (their role and
 * clients). The secret is shown once, right after creation; revoking takes
 * effect on the next request. Admins see every user's keys, others their own.
 */
export function ApiKeysAdmin({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const user = useCurrentUser();
  const isAdmin = user.role === 'admin';
  const [generation, setGeneration] = useState(0);
  const keys = useApiKeys(generation);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const items = keys.status === 'ready' ? keys.items : [];
  const reload = () => setGeneration((g) => g + 1);

  async function revoke(k: ApiKey) {
    if (!window.confirm(`Revoke the API key “${k.name}” (${keyHint(k)})? Anything still using it is refused from now on.`)) return;
    setBusyId(k.id);
    setActionError(null);
    try {
      await api.delete(`/api-keys/${encodeURIComponent(k.id)}`);
      setStatus(`Revoked the API key ${k.name}.`);
      if (created?.id === k.id) setCreated(null);
      reload();
    } catch (err) {
      setActionError(`Could not revoke ${k.name}: ${messageOf(err)}`);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="resource-list" aria-labelledby="resource-title">
      <div className="page-header">
        <h2 id="resource-title">API keys</h2>
        {canEdit && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New API key</button>}
      </div>
      <p className="muted">
        Keys let scripts and integrations call the REST API as the user who created them, with that user's role and clients.
        {isAdmin ? ' You see every user\'s keys.' : ' Only your own keys are listed.'}
      </p>
      {created !== null && <NewApiKeySecret created={created} onDone={() => setCreated(null)} />}
      <p className="status-line" role="status">{status}</p>
      {actionError && <p className="form-error" role="alert">{actionError}</p>}
      {keys.status === 'error' && <p className="form-error" role="alert">Could not load the API keys: {keys.message}</p>}
      <div className="table-wrap">
        <table className="data-table" aria-busy={keys.status === 'loading'}>
          <caption className="visually-hidden">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th><th scope="col">Key</th>{isAdmin && <th scope="col">Acts as</th>}<th scope="col">Created</th><th scope="col">Last used</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td><code>{keyHint(k)}</code></td>
                {isAdmin && <td>{k.owner.name} <span className="muted">{k.owner.email}</span></td>}
                <td><time dateTime={k.created_at}>{when(k.created_at)}</time></td>
                <td>{k.last_used_at === null ? <span className="muted">Never</span> : <time dateTime={k.last_used_at}>{when(k.last_used_at)}</time>}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" disabled={busyId === k.id} onClick={() => void revoke(k)}>
                    Revoke<span className="visually-hidden"> {k.name}</span>
                  </button>
                </td>
              </tr>
            ))}
            {keys.status === 'ready' && items.length === 0 && (
              <tr><td colSpan={isAdmin ? 6 : 5} className="empty">No API keys yet.{canEdit ? ' Create one for each integration, so each can be revoked on its own.' : ''}</td></tr>
            )}
          </tbody>
        </table>
      </div>
      {creating && (
        <NewApiKeyForm onClose={() => setCreating(false)} onCreated={(k) => {
          setCreating(false);
          setCreated(k);
          setStatus(`Created the API key ${k.name}.`);
          reload();
        }} />
      )}
    </section>
  );
}
