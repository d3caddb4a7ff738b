import type { Agent, Client, Site, Skill, Team, User } from '../../api/types.js';
import { CapacityEditor } from '../form/capacity-editor.js';
import { CheckboxGroup, SelectField, TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { SkillLevelsEditor } from '../form/skill-levels-editor.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { nameOf, toOptions, useOptions } from '../use-options.js';
import { agentBody, agentDraft, MIN_SIP_PASSWORD, validateAgent } from './agents-model.js';

function AgentForm({ row, onClose, onSaved }: FormProps<Agent>) {
  const teams = useOptions<Team>('/teams');
  const sites = useOptions<Site>('/sites');
  const users = useOptions<User>('/users');
  const clients = useOptions<Client>('/clients');
  const skills = useOptions<Skill>('/skills');
  const f = useResourceForm({ path: '/agents', row, initialDraft: agentDraft(row), validate: validateAgent, toBody: agentBody, onSaved });
  const d = f.draft;
  const keptSkills = d.skills.map((s) => s.skill_id);
  return (
    <FormDialog title={f.isNew ? 'New agent' : `Edit agent ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <div className="form-grid">
        <TextField label="Name" required value={d.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
        <TextField label="Extension" required inputMode="numeric" value={d.extension} onChange={(v) => f.set('extension', v)}
          error={f.errors['extension']} hint="Digits, unique, e.g. 1001" />
        <SelectField label="Team" value={d.team_id} onChange={(v) => f.set('team_id', v)} emptyLabel="No team"
          options={toOptions(teams.items, (t) => t.name, [d.team_id])} error={f.errors['team_id']} />
        <SelectField label="Site" value={d.site_id} onChange={(v) => f.set('site_id', v)} emptyLabel="No site"
          options={toOptions(sites.items, (s) => s.name, [d.site_id])} error={f.errors['site_id']} />
        {/* /users is admin-only; supervisors get an error and simply keep the current link. */}
        <SelectField label="Login user" value={d.user_id} onChange={(v) => f.set('user_id', v)} emptyLabel="No login"
          options={toOptions(users.items, (u) => `${u.name} <${u.email}>`, [d.user_id])} error={f.errors['user_id']}
          disabled={users.error !== null} hint={users.error ? 'Only admins can change the login user.' : undefined} />
      </div>
      <CheckboxGroup legend="Clients served" options={toOptions(clients.items, (c) => c.name, d.client_ids)}
        selected={d.client_ids} onChange={(v) => f.set('client_ids', v)} error={f.errors['client_ids'] ?? clients.error ?? undefined}
        emptyText="No clients yet." />
      <SkillLevelsEditor legend="Skills" levelLabel="Level" field="skills" levelKey="level" rows={d.skills}
        onChange={(v) => f.set('skills', v)} skills={toOptions(skills.items, (s) => s.name, keptSkills)} errors={f.errors} />
      <CapacityEditor value={d.capacity} onChange={(v) => f.set('capacity', v)} errors={f.errors} />
      <fieldset className="field form-section">
        <legend>SIP phone</legend>
        <div className="form-grid">
          <TextField label={row?.sip_registered_secret ? 'New SIP password' : 'SIP password'} type="password" autoComplete="new-password"
            value={d.sip_password} onChange={(v) => f.set('sip_password', v)} error={f.errors['sip_password']}
            hint={row?.sip_registered_secret
              ? 'Set; leave blank to keep it. Changing the extension clears it.'
              : `At least ${MIN_SIP_PASSWORD} characters; the phone registers as the extension with this password`} />
        </div>
      </fieldset>
    </FormDialog>
  );
}

export function AgentsAdmin({ canEdit }: { canEdit: boolean }) {
  const teams = useOptions<Team>('/teams');
  const clients = useOptions<Client>('/clients');
  const skills = useOptions<Skill>('/skills');
  const columns: Column<Agent>[] = [
    { header: 'Name', cell: (a) => a.name },
    { header: 'Extension', cell: (a) => a.extension },
    { header: 'Team', cell: (a) => nameOf(teams.byId, a.team_id, (t) => t.name) },
    { header: 'Clients', cell: (a) => a.client_ids.map((id) => nameOf(clients.byId, id, (c) => c.name)).join(', ') || '—' },
    {
      header: 'Skills',
      cell: (a) => a.skills.map((s) => `${nameOf(skills.byId, s.skill_id, (k) => k.name)} ${s.level}`).join(', ') || '—',
    },
    { header: 'SIP password', cell: (a) => (a.sip_registered_secret ? <span className="pill pill-ok">Set</span> : <span className="muted">Not set</span>) },
  ];
  return (
    <ResourceList<Agent> title="Agents" singular="agent" path="/agents" columns={columns}
      rowLabel={(a) => a.name} canEdit={canEdit} Form={AgentForm}
      intro="The people who handle interactions: their extension, the clients they serve, their skills and capacity." />
  );
}
