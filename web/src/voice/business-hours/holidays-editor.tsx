import type { FieldErrors } from '../../admin/form/validate.js';
import type { HolidayDraft } from './business-hours-model.js';

/** Days the client is closed all day (the flow's `holiday` branch), each with an optional name. */
export function HolidaysEditor({ value, onChange, errors, readOnly }: {
  value: HolidayDraft[];
  onChange: (v: HolidayDraft[]) => void;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const update = (i: number, patch: Partial<HolidayDraft>) => onChange(value.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <fieldset className="field holidays-editor">
      <legend>Holidays</legend>
      {value.length === 0 && <p className="muted">No holidays.</p>}
      {value.map((h, i) => {
        const error = errors[`holidays.${i}.date`] ?? errors[`holidays.${i}`];
        const n = i + 1;
        return (
          <div key={i} className="holiday-row">
            <input type="date" value={h.date} aria-label={`Holiday ${n} date`} readOnly={readOnly}
              onChange={(e) => update(i, { date: e.target.value })} aria-invalid={error ? true : undefined} />
            <input value={h.name} aria-label={`Holiday ${n} name`} placeholder="Name, e.g. Christmas Day" readOnly={readOnly}
              onChange={(e) => update(i, { name: e.target.value })} />
            {!readOnly && (
              <button type="button" className="btn btn-small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> holiday {n}</span>
              </button>
            )}
            {error && <small className="field-error">{error}</small>}
          </div>
        );
      })}
      {!readOnly && (
        <button type="button" className="btn btn-small" onClick={() => onChange([...value, { date: '', name: '' }])}>Add holiday</button>
      )}
    </fieldset>
  );
}
