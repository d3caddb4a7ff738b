import { SelectField, TextField } from '../../admin/form/fields.js';
import { FormDialog } from '../../admin/form/form-dialog.js';
import { useResourceForm } from '../../admin/form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../../admin/resource-list.js';
import { nameOf, toOptions, useOptions } from '../../admin/use-options.js';
import type { Client } from '../../api/types.js';
import { TRUNK_TRANSPORTS, type Trunk, type TrunkTransport } from '../voice-types.js';
import { trunkBody, trunkDraft, trunkHealthPill, trunkRegistrationPill, validateTrunk } from './trunks-model.js';
import '../voice.css';

function TrunkForm({ row, onClose, onSaved }: FormProps<Trunk>) {
  const clients = useOptions<Client>('/clients');
  const f = useResourceForm({ path: '/trunks', row, initialDraft: trunkDraft(row), validate: (d) => validateTrunk(d, row?.has_password ?? false), toBody: trunkBody, onSaved });
  const d = f.draft;
  return (
    <FormDialog title={f.isNew ? 'New trunk' : `Edit trunk ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <div className="form-grid">
        <TextField label="Name" required value={d.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
        <SelectField label="Client" value={d.client_id} onChange={(v) => f.set('client_id', v)} emptyLabel="Shared by every client"
          options={toOptions(clients.items, (c) => c.name, [d.client_id])} error={f.errors['client_id']} disabled={!f.isNew}
          hint={f.isNew ? 'A shared trunk is the BPO’s own carrier' : 'Fixed once created'} />
        <TextField label="Carrier host" required value={d.host} onChange={(v) => f.set('host', v)} error={f.errors['host']}
          hint="Where outbound calls go, e.g. sip.carrier.example" autoComplete="off" />
        <TextField label="Port" type="number" required value={d.port} onChange={(v) => f.set('port', v)} error={f.errors['port']} />
        <SelectField label="Transport" required value={d.transport} onChange={(v) => f.set('transport', v as TrunkTransport)}
          options={TRUNK_TRANSPORTS.map((t) => ({ value: t, label: t.toUpperCase() }))} error={f.errors['transport']} />
        <TextField label="Max channels" type="number" required value={d.max_channels} onChange={(v) => f.set('max_channels', v)}
          error={f.errors['max_channels']} hint="Concurrent calls the carrier allows" />
        <TextField label="Username" value={d.username} onChange={(v) => f.set('username', v)} error={f.errors['username']}
          autoComplete="off" hint="For the carrier’s digest challenge" />
        <TextField label={f.isNew || !row?.has_password ? 'Password' : 'New password'} type="password" autoComplete="new-password"
          value={d.password} onChange={(v) => f.set('password', v)} error={f.errors['password']}
          hint={row?.has_password ? 'A password is set; leave blank to keep it' : 'Stored encrypted; never shown again'} />
      </div>
      <fieldset className="field form-section">
        <legend>Registration</legend>
        <label className="checkbox">
          <input type="checkbox" checked={d.register} onChange={(e) => f.set('register', e.target.checked)} />
          Register with the carrier
        </label>
        <small className="hint">For carriers that send an account’s calls to where it registered: the number dialled is read from the To header.</small>
        {d.register && (
          <div className="form-grid">
            <TextField label="Registration lifetime (seconds)" type="number" required value={d.register_expires_s}
              onChange={(v) => f.set('register_expires_s', v)} error={f.errors['register_expires_s'] ?? f.errors['register']}
              hint="Asked of the carrier, which may grant another; refreshed before it runs out" />
          </div>
        )}
      </fieldset>
      <TextField label="Allowed source addresses" multiline value={d.allowed_sources} onChange={(v) => f.set('allowed_sources', v)}
        error={f.errors['allowed_sources']} hint="Inbound calls are accepted only from these: one IP address or CIDR range per line, e.g. 203.0.113.0/24" />
    </FormDialog>
  );
}

/** Up / Down / Not checked, from the server's OPTIONS pings, and for a trunk that registers, whether it is; tooltips tell the last answer. */
function HealthPill({ trunk }: { trunk: Trunk }) {
  const p = trunkHealthPill(trunk.health, trunk.disabled);
  const r = trunkRegistrationPill(trunk.registration);
  return (
    <>
      <span className={`pill ${p.tone}`} title={p.title}>{p.label}</span>
      {r !== null && !trunk.disabled && <> <span className={`pill ${r.tone}`} title={r.title}>{r.label}</span></>}
    </>
  );
}

export function TrunksAdmin({ canEdit }: { canEdit: boolean }) {
  const clients = useOptions<Client>('/clients');
  const columns: Column<Trunk>[] = [
    { header: 'Name', cell: (t) => t.name },
    { header: 'Health', cell: (t) => <HealthPill trunk={t} /> },
    { header: 'Client', cell: (t) => (t.client_id === null ? <span className="pill">Shared</span> : nameOf(clients.byId, t.client_id, (c) => c.name)) },
    { header: 'Carrier', cell: (t) => <><code className="nowrap">{`${t.host}:${t.port}`}</code> <span className="muted">{t.transport.toUpperCase()}</span></> },
    { header: 'Credentials', cell: (t) => (t.username ? `${t.username}${t.has_password ? ' · password set' : ' · no password'}` : '—') },
    { header: 'Allowed sources', cell: (t) => (t.allowed_sources.length === 0 ? <span className="muted">none</span> : t.allowed_sources.map((a) => <code key={a} className="chip">{a}</code>)) },
    { header: 'Channels', cell: (t) => t.max_channels },
  ];
  return (
    <ResourceList<Trunk> title="Trunks" singular="trunk" path="/trunks" columns={columns}
      rowLabel={(t) => t.name} canEdit={canEdit} Form={TrunkForm}
      intro="SIP trunks to carriers: where outbound calls go, the credentials the carrier asks for, and the addresses inbound calls may come from." />
  );
}
