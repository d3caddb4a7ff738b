import type { FieldErrors } from '../admin/form/validate.js';
import type { RetryRuleDraft } from './campaign-model.js';

interface RetryRulesEditorProps {
  rows: RetryRuleDraft[];
  onChange: (rows: RetryRuleDraft[]) => void;
  errors: FieldErrors;
}

/** Disposition → delay before the lead is tried again: a number of minutes, or the next calling day. */
export function RetryRulesEditor({ rows, onChange, errors }: RetryRulesEditorProps) {
  const update = (i: number, patch: Partial<RetryRuleDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field skill-editor">
      <legend>Retry rules</legend>
      <small className="hint">When an attempt ends with this disposition, call again after the delay. Other dispositions finish the lead.</small>
      {rows.length === 0 && <p className="muted">No retries: every attempt finishes its lead.</p>}
      {rows.map((r, i) => {
        const n = i + 1;
        const codeError = errors[`retry_rules.${i}.disposition`];
        const minutesError = errors[`retry_rules.${i}.minutes`];
        return (
          <div key={i} className="skill-row">
            <label>
              <span className="visually-hidden">Disposition {n}</span>
              <input value={r.disposition} placeholder="no_answer" aria-label={`Disposition ${n}`} aria-invalid={codeError ? true : undefined}
                onChange={(e) => update(i, { disposition: e.target.value })} />
            </label>
            <label>
              <span className="visually-hidden">Retry {n}</span>
              <select aria-label={`Retry ${n}`} value={r.kind} onChange={(e) => update(i, { kind: e.target.value as RetryRuleDraft['kind'] })}>
                <option value="minutes">after minutes</option>
                <option value="next_day">next day</option>
              </select>
            </label>
            {r.kind === 'minutes' && (
              <label>
                <span className="visually-hidden">Minutes {n}</span>
                <input className="level-input" type="number" min={0} aria-label={`Minutes ${n}`} value={r.minutes}
                  aria-invalid={minutesError ? true : undefined} onChange={(e) => update(i, { minutes: e.target.value })} />
              </label>
            )}
            <button type="button" className="btn btn-small" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove<span className="visually-hidden"> rule {n}</span>
            </button>
            {(codeError ?? minutesError) && <small className="field-error">{codeError ?? minutesError}</small>}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { disposition: '', kind: 'minutes', minutes: '60' }])}>
        Add rule
      </button>
    </fieldset>
  );
}
