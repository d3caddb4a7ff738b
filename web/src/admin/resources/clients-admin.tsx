import type { Client } from '../../api/types.js';
import { TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { TimezoneField } from '../form/timezone-field.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { clientBody, clientDraft, validateClient } from './clients-model.js';

const columns: Column<Client>[] = [
  { header: 'Name', cell: (c) => c.name },
  { header: 'Code', cell: (c) => <code>{c.code}</code> },
  { header: 'Timezone', cell: (c) => c.timezone },
  { header: 'Country', cell: (c) => c.country ?? '—' },
];

function ClientForm({ row, onClose, onSaved }: FormProps<Client>) {
  const f = useResourceForm({ path: '/clients', row, initialDraft: clientDraft(row), validate: validateClient, toBody: clientBody, onSaved });
  return (
    <FormDialog title={f.isNew ? 'New client' : `Edit client ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
      <TextField label="Code" required value={f.draft.code} onChange={(v) => f.set('code', v)} error={f.errors['code']}
        hint="Short and unique, e.g. ACME" autoCapitalize="characters" />
      <TimezoneField required value={f.draft.timezone} onChange={(v) => f.set('timezone', v)} error={f.errors['timezone']} />
      <TextField label="Country" value={f.draft.country} onChange={(v) => f.set('country', v)} error={f.errors['country']}
        hint="ISO 3166 two-letter code, e.g. US" maxLength={2} />
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
