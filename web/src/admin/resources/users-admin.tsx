import { useCurrentUser } from '../../auth/session-context.js';
import { ROLES, type Client, type Role, type Team, type User } from '../../api/types.js';
import { roleLabel } from '../../shell/labels.js';
import { CheckboxGroup, SelectField, TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { nameOf, toOptions, useOptions } from '../use-options.js';
import { MIN_PASSWORD, userBody, userDraft, validateUser } from './users-model.js';

/** A team fits a user's clients when it is shared (horizontal) or works for one of them; no clients: every team. */
const teamFits = (t: Team, clientIds: string[]) => clientIds.length === 0 || t.client_id === null || clientIds.includes(t.client_id);
const teamLabel = (t: Team, clientsById: Map<string, Client>) => `${t.name} (${t.client_id ? nameOf(clientsById, t.client_id, (c) => c.name) : 'shared'})`;

function UserForm({ row, onClose, onSaved }: FormProps<User>) {
  const clients = useOptions<Client>('/clients');
  const teams = useOptions<Team>('/teams');
  const isNew = row === null;
  const f = useResourceForm({
    path: '/users', row, initialDraft: userDraft(row), validate: (d) => validateUser(d, isNew), toBody: userBody, onSaved,
  });
  return (
    <FormDialog title={isNew ? 'New user' : `Edit user ${row.name}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
      <TextField label="Email" required type="email" autoComplete="off" value={f.draft.email} onChange={(v) => f.set('email', v)}
        error={f.errors['email']} />
      <SelectField label="Role" required value={f.draft.role} onChange={(v) => f.set('role', v as Role | '')} emptyLabel="Choose a role…"
        options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} error={f.errors['role']} />
      <CheckboxGroup legend="Confined to clients" options={toOptions(clients.items, (c) => c.name, f.draft.client_ids)}
        selected={f.draft.client_ids} onChange={(v) => f.set('client_ids', v)} error={f.errors['client_ids'] ?? clients.error ?? undefined}
        hint="None ticked: the user sees all clients (admin, supervisor, QA, planner)." emptyText="No clients yet." />
      <CheckboxGroup legend="Confined to teams"
        options={toOptions(teams.items.filter((t) => teamFits(t, f.draft.client_ids) || f.draft.team_ids.includes(t.id)), (t) => teamLabel(t, clients.byId), f.draft.team_ids)}
        selected={f.draft.team_ids} onChange={(v) => f.set('team_ids', v)} error={f.errors['team_ids'] ?? teams.error ?? undefined}
        hint="None ticked: every team of those clients. Ticked: only the agents of these teams (their states, calls, monitoring)." emptyText="No teams yet." />
      <TextField label={isNew ? 'Password' : 'New password'} required={isNew} type="password" autoComplete="new-password"
        value={f.draft.password} onChange={(v) => f.set('password', v)} error={f.errors['password']}
        hint={isNew ? `At least ${MIN_PASSWORD} characters` : 'Leave blank to keep the current password'} />
    </FormDialog>
  );
}

export function UsersAdmin({ canEdit }: { canEdit: boolean }) {
  const me = useCurrentUser();
  const clients = useOptions<Client>('/clients');
  const teams = useOptions<Team>('/teams');
  const columns: Column<User>[] = [
    { header: 'Name', cell: (u) => u.name },
    { header: 'Email', cell: (u) => u.email },
    { header: 'Role', cell: (u) => roleLabel(u.role) },
    {
      header: 'Clients',
      cell: (u) => (u.client_ids.length === 0 ? 'All' : u.client_ids.map((id) => nameOf(clients.byId, id, (c) => c.name)).join(', ')),
    },
    {
      header: 'Teams',
      cell: (u) => (u.team_ids.length === 0 ? 'All' : u.team_ids.map((id) => nameOf(teams.byId, id, (t) => t.name)).join(', ')),
    },
  ];
  return (
    <ResourceList<User> title="Users" singular="user" path="/users" columns={columns}
      rowLabel={(u) => u.name} canEdit={canEdit} Form={UserForm} canDisable={(u) => u.id !== me.id}
      intro="People who log in. A role decides what they may do; client and team confinement decide whose data and agents they see." />
  );
}
