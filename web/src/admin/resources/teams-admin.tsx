import type { Client, Site, Team } from '../../api/types.js';
import { SelectField, TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { nameOf, toOptions, useOptions } from '../use-options.js';
import { teamBody, teamDraft, validateTeam } from './teams-model.js';

function TeamForm({ row, onClose, onSaved }: FormProps<Team>) {
  const sites = useOptions<Site>('/sites');
  const clients = useOptions<Client>('/clients');
  const f = useResourceForm({ path: '/teams', row, initialDraft: teamDraft(row), validate: validateTeam, toBody: teamBody, onSaved });
  return (
    <FormDialog title={f.isNew ? 'New team' : `Edit team ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
      <SelectField label="Site" required value={f.draft.site_id} onChange={(v) => f.set('site_id', v)}
        emptyLabel={sites.loading ? 'Loading…' : 'Choose a site…'} options={toOptions(sites.items, (s) => s.name, [f.draft.site_id])}
        error={f.errors['site_id'] ?? sites.error ?? undefined} />
      <SelectField label="Client" value={f.draft.client_id} onChange={(v) => f.set('client_id', v)}
        emptyLabel="None: horizontal team serving many clients" options={toOptions(clients.items, (c) => c.name, [f.draft.client_id])}
        error={f.errors['client_id'] ?? clients.error ?? undefined} hint="Pick a client for a team dedicated to it (vertical)." />
    </FormDialog>
  );
}

export function TeamsAdmin({ canEdit }: { canEdit: boolean }) {
  const sites = useOptions<Site>('/sites');
  const clients = useOptions<Client>('/clients');
  const columns: Column<Team>[] = [
    { header: 'Name', cell: (t) => t.name },
    { header: 'Site', cell: (t) => nameOf(sites.byId, t.site_id, (s) => s.name) },
    { header: 'Client', cell: (t) => (t.client_id ? nameOf(clients.byId, t.client_id, (c) => c.name) : 'Horizontal (many clients)') },
  ];
  return (
    <ResourceList<Team> title="Teams" singular="team" path="/teams" columns={columns}
      rowLabel={(t) => t.name} canEdit={canEdit} Form={TeamForm}
      intro="Groups of agents at one site, dedicated to a client or serving many." />
  );
}
