import { useId, useState, type KeyboardEvent } from 'react';
import './form-extras.css';

/**
 * A list of short strings as removable chips plus an input: Enter or a comma
 * adds what was typed (duplicates ignored), Backspace in an empty input
 * removes the last one.
 */
export function TagListField({ label, value, onChange, error, hint, placeholder, validate }: {
  label: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string;
  /** A message for a tag that cannot be added, or null. */
  validate?: (tag: string) => string | null;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function add(raw: string) {
    const tag = raw.trim();
    if (tag === '') return;
    const bad = validate?.(tag) ?? null;
    if (bad) { setProblem(bad); return; }
    if (!value.includes(tag)) onChange([...value, tag]);
    setText('');
    setProblem(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add(text);
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const shown = problem ?? error;
  return (
    <div className={shown ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="tag-list">
        <ul aria-label={label}>
          {value.map((t) => (
            <li key={t} className="tag">
              {t}
              <button type="button" className="tag-remove" onClick={() => onChange(value.filter((x) => x !== t))} aria-label={`Remove ${t}`}>×</button>
            </li>
          ))}
        </ul>
        <input id={id} value={text} placeholder={placeholder} onChange={(e) => { setText(e.target.value); setProblem(null); }}
          onKeyDown={onKeyDown} onBlur={() => add(text)} aria-describedby={hint ? `${id}-hint` : undefined}
          aria-invalid={shown ? true : undefined} />
      </div>
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {shown && <small className="field-error">{shown}</small>}
    </div>
  );
}
