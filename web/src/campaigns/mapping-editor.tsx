import { CheckboxGroup, SelectField } from '../admin/form/fields.js';
import { MAPPED_FIELDS, customColumns, type MappedField, type MappingDraft } from './csv-header.js';

const LABELS: Record<MappedField, string> = {
  phone: 'Phone column', name: 'Name column', time_zone: 'Time zone column', country: 'Country column', priority: 'Priority column',
};

/** Which header column feeds which lead field; the rest may be kept as custom fields. */
export function MappingEditor({ header, value, onChange }: { header: string[]; value: MappingDraft; onChange: (m: MappingDraft) => void }) {
  const options = header.filter((h) => h !== '').map((h) => ({ value: h, label: h }));
  function setColumn(field: MappedField, column: string) {
    const columns = { ...value.columns, [field]: column };
    // A column now feeding a lead field is no longer a custom field; a freed one becomes one again.
    const free = customColumns(header, columns);
    const previous = value.columns[field];
    const fields = free.filter((c) => value.fields.includes(c) || c === previous);
    onChange({ columns, fields });
  }
  return (
    <fieldset className="field mapping-editor">
      <legend>Column mapping</legend>
      <small className="hint">Guessed from the header row; change any of them.</small>
      <div className="form-grid">
        {MAPPED_FIELDS.map((f) => (
          <SelectField key={f} label={LABELS[f]} required={f === 'phone'} value={value.columns[f]}
            onChange={(v) => setColumn(f, v)} emptyLabel={f === 'phone' ? 'Choose the phone column…' : 'None'} options={options}
            error={f === 'phone' && value.columns.phone === '' ? 'Required' : undefined} />
        ))}
      </div>
      <CheckboxGroup legend="Custom fields" hint="Kept on each lead and shown to the agent."
        options={customColumns(header, value.columns).map((c) => ({ value: c, label: c }))}
        selected={value.fields} onChange={(fields) => onChange({ ...value, fields })} emptyText="No other columns." />
    </fieldset>
  );
}
