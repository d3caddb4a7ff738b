import type { FieldErrors } from '../../admin/form/validate.js';
import { WEEKDAYS, type Weekday } from '../voice-types.js';
import { DAY_LABELS, daySegments, isOvernight, type RangeDraft } from './business-hours-model.js';

const WEEKDAYS_ONLY: Weekday[] = ['tue', 'wed', 'thu', 'fri'];

/** One row per weekday: its open ranges as time inputs, and a 24-hour bar drawing them. */
export function WeeklyGrid({ value, onChange, errors, readOnly }: {
  value: Record<Weekday, RangeDraft[]>;
  onChange: (v: Record<Weekday, RangeDraft[]>) => void;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const setDay = (day: Weekday, ranges: RangeDraft[]) => onChange({ ...value, [day]: ranges });
  const update = (day: Weekday, i: number, patch: Partial<RangeDraft>) =>
    setDay(day, value[day].map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field weekly-grid">
      <legend>Weekly hours</legend>
      <div className="hours-scale" aria-hidden="true">
        <span className="hours-scale-labels"><span>00</span><span>06</span><span>12</span><span>18</span><span>24</span></span>
      </div>
      {WEEKDAYS.map((day) => {
        const label = DAY_LABELS[day];
        const ranges = value[day];
        return (
          <div key={day} className="hours-day" role="group" aria-label={label}>
            <span className="hours-day-name">{label}</span>
            <div className="hours-ranges">
              {ranges.length === 0 && <span className="pill">Closed</span>}
              {ranges.map((r, i) => {
                const error = errors[`weekly.${day}.${i}`];
                return (
                  <span key={i} className={error ? 'hours-range has-error' : 'hours-range'}>
                    <input type="time" value={r.start} aria-label={`${label} range ${i + 1} opens`} readOnly={readOnly}
                      onChange={(e) => update(day, i, { start: e.target.value })} aria-invalid={error ? true : undefined} />
                    <span aria-hidden="true">–</span>
                    <input type="time" value={r.end} aria-label={`${label} range ${i + 1} closes`} readOnly={readOnly}
                      onChange={(e) => update(day, i, { end: e.target.value })} aria-invalid={error ? true : undefined} />
                    {isOvernight(r) && <small className="hint">next day</small>}
                    {!readOnly && (
                      <button type="button" className="btn btn-small btn-icon" onClick={() => setDay(day, ranges.filter((_, j) => j !== i))}
                        aria-label={`Remove ${label} range ${i + 1}`}>×</button>
                    )}
                    {error && <small className="field-error">{error}</small>}
                  </span>
                );
              })}
              {!readOnly && (
                <button type="button" className="btn btn-small" aria-label={`Add a range on ${label}`}
                  onClick={() => setDay(day, [...ranges, ranges.length === 0 ? { start: '09:00', end: '17:00' } : { start: '18:00', end: '20:00' }])}>
                  + Add
                </button>
              )}
              {!readOnly && day === 'mon' && (
                <button type="button" className="btn btn-small" onClick={() => onChange({ ...value, ...Object.fromEntries(WEEKDAYS_ONLY.map((d) => [d, ranges])) })}>
                  Copy to Tue–Fri
                </button>
              )}
            </div>
            <div className="hours-bar" aria-hidden="true">
              {daySegments(ranges).map((s, i) => <span key={i} style={{ left: `${s.left}%`, width: `${s.width}%` }} />)}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
