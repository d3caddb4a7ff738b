import { SelectField, TextField } from '../../admin/form/fields.js';
import { FormDialog } from '../../admin/form/form-dialog.js';
import { useResourceForm } from '../../admin/form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../../admin/resource-list.js';
import { nameOf, toOptions, useOptions } from '../../admin/use-options.js';
import type { Client } from '../../api/types.js';
import { Link } from '../../router/link.js';
import { flowPath } from '../flows/flow-links.js';
import { NUMBER_KINDS, type FlowRow, type NumberKind, type PhoneNumber, type Trunk } from '../voice-types.js';
import { kindLabel, numberBody, numberDraft, validateNumber } from './numbers-model.js';
import '../voice.css';

function NumberForm({ row, onClose, onSaved }: FormProps<PhoneNumber>) {
  const clients = useOptions<Client>('/clients');
  const flows = useOptions<FlowRow>('/flows');
  const trunks = useOptions<Trunk>('/trunks');
  const f = useResourceForm({ path: '/numbers', row, initialDraft: numberDraft(row), validate: validateNumber, toBody: numberBody, onSaved });
  const d = f.draft;
  const clientFlows = flows.items.filter((x) => x.client_id === d.client_id);
  const usableTrunks = trunks.items.filter((t) => t.client_id === null || t.client_id === d.client_id);

  function chooseClient(id: string) {
    f.set('client_id', id);
    // A flow or trunk of another client cannot answer this number.
    if (!flows.items.some((x) => x.id === d.flow_id && x.client_id === id)) f.set('flow_id', '');
    if (!trunks.items.some((t) => t.id === d.trunk_id && (t.client_id === null || t.client_id === id))) f.set('trunk_id', '');
  }

  return (
    <FormDialog title={f.isNew ? 'New number' : `Edit number ${row?.e164 ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <div className="form-grid">
        <SelectField label="Client" required value={d.client_id} onChange={chooseClient}
          emptyLabel={clients.loading ? 'Loading…' : 'Choose a client…'} options={toOptions(clients.items, (c) => c.name, [d.client_id])}
          error={f.errors['client_id'] ?? clients.error ?? undefined} />
        <TextField label="Number" required value={d.e164} onChange={(v) => f.set('e164', v)} error={f.errors['e164']}
          inputMode="tel" autoComplete="off" hint="+1 512 555 0100, or national format in the client’s country" />
        <SelectField label="Kind" value={d.kind} onChange={(v) => f.set('kind', v as NumberKind | '')} emptyLabel="Detect from the number"
          options={NUMBER_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} error={f.errors['kind']} />
        <TextField label="Label" value={d.label} onChange={(v) => f.set('label', v)} error={f.errors['label']} hint="e.g. Main line" />
        <SelectField label="Flow" value={d.flow_id} onChange={(v) => f.set('flow_id', v)} disabled={d.client_id === ''}
          emptyLabel={d.client_id === '' ? 'Choose a client first' : 'No flow (calls are refused)'}
          options={toOptions(clientFlows, (x) => x.name, [d.flow_id])} error={f.errors['flow_id'] ?? flows.error ?? undefined}
          hint="The IVR this number runs" />
        <SelectField label="Trunk" value={d.trunk_id} onChange={(v) => f.set('trunk_id', v)} emptyLabel="Any trunk"
          options={toOptions(usableTrunks, (t) => (t.client_id === null ? `${t.name} (shared)` : t.name), [d.trunk_id])}
          error={f.errors['trunk_id']} hint="The carrier it arrives on" />
      </div>
    </FormDialog>
  );
}

export function NumbersAdmin({ canEdit }: { canEdit: boolean }) {
  const clients = useOptions<Client>('/clients');
  const flows = useOptions<FlowRow>('/flows');
  const trunks = useOptions<Trunk>('/trunks');
  const columns: Column<PhoneNumber>[] = [
    { header: 'Number', cell: (n) => <code>{n.e164}</code> },
    { header: 'Label', cell: (n) => n.label || '—' },
    { header: 'Kind', cell: (n) => kindLabel(n.kind) },
    { header: 'Client', cell: (n) => nameOf(clients.byId, n.client_id, (c) => c.name) },
    { header: 'Flow', cell: (n) => (n.flow_id ? <Link href={flowPath(n.flow_id)}>{nameOf(flows.byId, n.flow_id, (x) => x.name)}</Link> : <span className="muted">none</span>) },
    { header: 'Trunk', cell: (n) => (n.trunk_id ? nameOf(trunks.byId, n.trunk_id, (t) => t.name) : 'Any') },
  ];
  return (
    <ResourceList<PhoneNumber> title="Numbers" singular="number" path="/numbers" columns={columns}
      rowLabel={(n) => n.e164} canEdit={canEdit} Form={NumberForm}
      intro="The numbers customers dial (DIDs and toll-free), each owned by a client and answered by one of its flows." />
  );
}
