import { useState } from 'react';
import { useOptions } from '../../admin/use-options.js';
import { useApi } from '../../api/api-context.js';
import { messageOf } from '../../api/api-error.js';
import type { Client } from '../../api/types.js';
import { Link } from '../../router/link.js';
import type { FlowRow, PhoneNumber } from '../voice-types.js';
import { flowPath, newFlowPath } from './flow-links.js';
import '../voice.css';

const stepCount = (f: FlowRow): number => (Array.isArray(f.definition['steps']) ? (f.definition['steps'] as unknown[]).length : 0);

function ClientFlows({ client, flows, numbers, canEdit, busyId, onToggle }: {
  client: Client;
  flows: FlowRow[];
  numbers: PhoneNumber[];
  canEdit: boolean;
  busyId: string | null;
  onToggle: (f: FlowRow) => void;
}) {
  const headingId = `flows-${client.id}`;
  return (
    <section className="client-group" aria-labelledby={headingId}>
      <div className="group-header">
        <h3 id={headingId}>{client.name}</h3>
        {canEdit && !client.disabled && (
          <Link href={newFlowPath(client.id)} className="btn btn-small">New flow<span className="visually-hidden"> for {client.name}</span></Link>
        )}
      </div>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Flows of {client.name}</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Steps</th><th scope="col">Numbers</th><th scope="col">Updated</th><th scope="col">Status</th>
              {canEdit && <th scope="col"><span className="visually-hidden">Actions</span></th>}</tr>
          </thead>
          <tbody>
            {flows.map((f) => {
              const mine = numbers.filter((n) => n.flow_id === f.id);
              return (
                <tr key={f.id} className={f.disabled ? 'row-disabled' : undefined}>
                  <td><Link href={flowPath(f.id)}>{f.name}</Link></td>
                  <td className="num">{stepCount(f)}</td>
                  <td>{mine.length === 0 ? <span className="muted">none</span> : mine.map((n) => <code key={n.id} className="chip">{n.e164}</code>)}</td>
                  <td>{new Date(f.updated_at).toLocaleString()}</td>
                  <td><span className={f.disabled ? 'badge badge-off' : 'badge badge-on'}>{f.disabled ? 'Disabled' : 'Active'}</span></td>
                  {canEdit && (
                    <td className="row-actions">
                      <Link href={flowPath(f.id)} className="btn btn-small">Edit<span className="visually-hidden"> {f.name}</span></Link>
                      <button type="button" className="btn btn-small" disabled={busyId === f.id} onClick={() => onToggle(f)}>
                        {f.disabled ? 'Enable' : 'Disable'}<span className="visually-hidden"> {f.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
            {flows.length === 0 && <tr><td colSpan={canEdit ? 6 : 5} className="empty">No flows for {client.name} yet.</td></tr>}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** IVR flows grouped by client, with the numbers that reach each one. */
export function FlowsAdmin({ canEdit }: { canEdit: boolean }) {
  const api = useApi();
  const [generation, setGeneration] = useState(0);
  const clients = useOptions<Client>('/clients');
  const flows = useOptions<FlowRow>('/flows', generation);
  const numbers = useOptions<PhoneNumber>('/numbers');
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function toggle(f: FlowRow) {
    setBusyId(f.id);
    setActionError(null);
    try {
      await api.patch(`/flows/${encodeURIComponent(f.id)}`, { disabled: !f.disabled });
      setStatus(`${f.disabled ? 'Enabled' : 'Disabled'} flow ${f.name}.`);
      setGeneration((g) => g + 1);
    } catch (err) {
      setActionError(`Could not change ${f.name}: ${messageOf(err)}`);
    } finally {
      setBusyId(null);
    }
  }

  const shown = clients.items.filter((c) => !c.disabled || flows.items.some((f) => f.client_id === c.id));
  const loading = clients.loading || flows.loading;
  return (
    <section className="resource-list" aria-labelledby="resource-title">
      <div className="page-header"><h2 id="resource-title">Flows</h2></div>
      <p className="muted">The IVR each number runs: greetings, menus, business hours, queues, voicemail. A flow is checked when it is saved; one with errors is refused.</p>
      <p className="status-line" role="status">{status}</p>
      {actionError && <p className="form-error" role="alert">{actionError}</p>}
      {(flows.error ?? clients.error) && <p className="form-error" role="alert">Could not load flows: {flows.error ?? clients.error}</p>}
      {loading && <p className="muted">Loading…</p>}
      {!loading && shown.map((c) => (
        <ClientFlows key={c.id} client={c} canEdit={canEdit} busyId={busyId} onToggle={(f) => void toggle(f)}
          flows={flows.items.filter((f) => f.client_id === c.id)} numbers={numbers.items.filter((n) => n.client_id === c.id)} />
      ))}
    </section>
  );
}
