import type { Client } from '../../api/types.js';
import type { Trunk } from '../../voice/voice-types.js';
import { SelectField, TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { TagListField } from '../form/tag-list-field.js';
import { TimezoneField } from '../form/timezone-field.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { toOptions, useOptions } from '../use-options.js';
import { clientBody, clientDraft, prefixProblem, validateClient } from './clients-model.js';

const columns: Column<Client>[] = [
  { header: 'Name', cell: (c) => c.name },
  { header: 'Code', cell: (c) => <code>{c.code}</code> },
  { header: 'Timezone', cell: (c) => c.timezone },
  { header: 'Country', cell: (c) => c.country ?? '—' },
  { header: 'Recording', cell: (c) => (c.record_calls ? 'All calls' : 'Off') },
  { header: 'Outbound', cell: (c) => (c.dial_plan?.allowed_prefixes?.length ? c.dial_plan.allowed_prefixes.join(' ') : <span className="muted">none</span>) },
];

function ClientForm({ row, onClose, onSaved }: FormProps<Client>) {
  const f = useResourceForm({ path: '/clients', row, initialDraft: clientDraft(row), validate: validateClient, toBody: clientBody, onSaved });
  // Only admins may list trunks: for others the select stays as it is.
  const trunks = useOptions<Trunk>('/trunks');
  const usable = trunks.items.filter((t) => t.client_id === null || t.client_id === row?.id);
  return (
    <FormDialog title={f.isNew ? 'New client' : `Edit client ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
      <TextField label="Code" required value={f.draft.code} onChange={(v) => f.set('code', v)} error={f.errors['code']}
        hint="Short and unique, e.g. ACME" autoCapitalize="characters" />
      <TimezoneField required value={f.draft.timezone} onChange={(v) => f.set('timezone', v)} error={f.errors['timezone']} />
      <TextField label="Country" value={f.draft.country} onChange={(v) => f.set('country', v)} error={f.errors['country']}
        hint="ISO 3166 two-letter code, e.g. US" maxLength={2} />
      <fieldset className="field form-section">
        <legend>Telephony</legend>
        <label className="checkbox">
          <input type="checkbox" checked={f.draft.record_calls} onChange={(e) => f.set('record_calls', e.target.checked)} />
          Record calls
        </label>
        <small className="hint">A queue may override this (always / never).</small>
        <div className="form-grid">
          <TagListField label="Outbound prefixes allowed" value={f.draft.allowed_prefixes} onChange={(v) => f.set('allowed_prefixes', v)}
            validate={prefixProblem} placeholder="+1, then Enter" error={f.errors['dial_plan']}
            hint="Transfers and callbacks may dial only numbers starting with these" />
          <SelectField label="Outbound trunk" value={f.draft.dial_trunk_id} onChange={(v) => f.set('dial_trunk_id', v)}
            emptyLabel="Default trunk" options={toOptions(usable, (t) => (t.client_id === null ? `${t.name} (shared)` : t.name), [f.draft.dial_trunk_id])}
            disabled={trunks.error !== null} hint={trunks.error ? 'Only admins can choose the trunk.' : undefined} />
        </div>
      </fieldset>
    </FormDialog>
  );
}

export function ClientsAdmin({ canEdit }: { canEdit: boolean }) {
  return (
    <ResourceList<Client> title="Clients" singular="client" path="/clients" columns={columns}
      rowLabel={(c) => c.name} canEdit={canEdit} Form={ClientForm}
      intro="The companies this installation serves. Each client's data is visible only to users allowed to see it." />
  );
}
