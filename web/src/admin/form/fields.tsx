import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldShellProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  children: (ids: { inputId: string; describedBy: string | undefined }) => ReactNode;
}

/** Label, control, hint and error message, wired together for screen readers. */
function FieldShell({ label, error, hint, required, children }: FieldShellProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={inputId}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {children({ inputId, describedBy })}
      {hint && <small id={hintId} className="hint">{hint}</small>}
      {error && <small id={errorId} className="field-error">{error}</small>}
    </div>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  multiline?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

export function TextField({ label, value, onChange, error, hint, required, multiline, ...rest }: TextFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required}>
      {({ inputId, describedBy }) =>
        multiline ? (
          <textarea id={inputId} value={value} rows={3} onChange={(e) => onChange(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={describedBy} aria-required={required} />
        ) : (
          <input id={inputId} value={value} onChange={(e) => onChange(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={describedBy} aria-required={required} {...rest} />
        )
      }
    </FieldShell>
  );
}

export interface Option { value: string; label: string }

interface SelectFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** Label of the empty choice; omit to force a choice. */
  emptyLabel?: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  disabled?: boolean;
}

export function SelectField({ label, value, onChange, options, emptyLabel, error, hint, required, disabled }: SelectFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required}>
      {({ inputId, describedBy }) => (
        <select id={inputId} value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy} aria-required={required}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      )}
    </FieldShell>
  );
}

interface CheckboxGroupProps {
  legend: string;
  options: Option[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
  emptyText?: string;
}

/** A multi-select as a list of checkboxes: every choice visible, keyboard friendly. */
export function CheckboxGroup({ legend, options, selected, onChange, error, hint, emptyText }: CheckboxGroupProps) {
  const id = useId();
  function toggle(value: string, on: boolean) {
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  }
  return (
    <fieldset className={error ? 'field checkbox-group has-error' : 'field checkbox-group'}
      aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint && <small className="hint">{hint}</small>}
      {options.length === 0 && <p className="muted">{emptyText ?? 'Nothing to choose from yet.'}</p>}
      <div className="checkbox-list">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" checked={selected.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            {o.label}
          </label>
        ))}
      </div>
      {error && <small id={`${id}-error`} className="field-error">{error}</small>}
    </fieldset>
  );
}
