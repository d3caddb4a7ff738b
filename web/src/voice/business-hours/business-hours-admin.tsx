import { useEffect, useState } from 'react';
import { SelectField } from '../../admin/form/fields.js';
import type { FieldErrors } from '../../admin/form/validate.js';
import { toOptions, useOptions } from '../../admin/use-options.js';
import { useApi } from '../../api/api-context.js';
import { ApiError, messageOf } from '../../api/api-error.js';
import type { Client } from '../../api/types.js';
import type { BusinessHours } from '../voice-types.js';
import { hoursBody, hoursDraft, rangeKey, validateHours, type HoursDraft } from './business-hours-model.js';
import { HolidaysEditor } from './holidays-editor.js';
import { WeeklyGrid } from './weekly-grid.js';
import '../voice.css';

function HoursForm({ client, row, canEdit, onSaved }: { client: Client; row: BusinessHours | null; canEdit: boolean; onSaved: (r: BusinessHours) => void }) {
  const api = useApi();
  const [draft, setDraft] = useState<HoursDraft>(() => hoursDraft(row));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  async function save() {
    const found = validateHours(draft);
    setErrors(found);
    setFormErrors([]);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const body = hoursBody(draft);
      const saved = row
        ? await api.patch<BusinessHours>(`/business-hours/${encodeURIComponent(row.id)}`, body)
        : await api.post<BusinessHours>('/business-hours', { client_id: client.id, ...body });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        const byPath: FieldErrors = {};
        for (const i of err.issues) byPath[rangeKey(i.path)] ??= i.message;
        setErrors(byPath);
        setFormErrors(err.issues.map((i) => `${i.path}: ${i.message}`));
      } else {
        setFormErrors([messageOf(err)]);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="panel hours-panel" aria-label={`Business hours of ${client.name}`} noValidate
      onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p className="muted">
        Read in <strong>{client.timezone}</strong>, the client’s time zone. Flows use these in their <code>hours</code> step:
        open, closed, or holiday.{row === null && ' Not saved yet: showing a suggested schedule.'}
      </p>
      {formErrors.length > 0 && <div className="form-error" role="alert">{formErrors.map((m) => <p key={m}>{m}</p>)}</div>}
      <WeeklyGrid value={draft.weekly} onChange={(weekly) => setDraft((d) => ({ ...d, weekly }))} errors={errors} readOnly={!canEdit} />
      <HolidaysEditor value={draft.holidays} onChange={(holidays) => setDraft((d) => ({ ...d, holidays }))} errors={errors} readOnly={!canEdit} />
      {canEdit && <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Save hours'}</button>}
    </form>
  );
}

/** Per client: the weekly open hours and the holidays, in the client's time zone. */
export function BusinessHoursAdmin({ canEdit }: { canEdit: boolean }) {
  const clients = useOptions<Client>('/clients');
  const [generation, setGeneration] = useState(0);
  const hours = useOptions<BusinessHours>('/business-hours', generation);
  const [clientId, setClientId] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const active = clients.items.filter((c) => !c.disabled);
  const client = clients.byId.get(clientId) ?? null;
  const row = hours.items.find((h) => h.client_id === clientId) ?? null;

  useEffect(() => {
    if (clientId === '' && active[0]) setClientId(active[0].id);
  }, [clientId, active]);

  return (
    <section className="resource-list" aria-labelledby="resource-title">
      <div className="page-header"><h2 id="resource-title">Business hours</h2></div>
      <p className="muted">When each client is open. Calls outside these hours, or on a holiday, take the flow’s closed branch.</p>
      <div className="form-grid">
        <SelectField label="Client" value={clientId} onChange={(v) => { setClientId(v); setStatus(null); }}
          options={toOptions(clients.items, (c) => c.name, [clientId])} error={clients.error ?? hours.error ?? undefined} />
      </div>
      <p className="status-line" role="status">{status}</p>
      {client && !hours.loading && (
        <HoursForm key={`${client.id}/${row?.id ?? 'new'}/${row?.updated_at ?? ''}`} client={client} row={row} canEdit={canEdit}
          onSaved={() => { setStatus(`Saved the business hours of ${client.name}.`); setGeneration((g) => g + 1); }} />
      )}
    </section>
  );
}
