import { useId, useMemo, useState } from 'react';
import { parseMarkdown, type Inline } from './markdown.js';
import './form-extras.css';

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) => {
        switch (p.kind) {
          case 'text': return <span key={i}>{p.text}</span>;
          case 'strong': return <strong key={i}>{p.text}</strong>;
          case 'em': return <em key={i}>{p.text}</em>;
          case 'code': return <code key={i}>{p.text}</code>;
          case 'variable': return <span key={i} className="script-var" title="Filled in when the call arrives">{p.text}</span>;
        }
      })}
    </>
  );
}

export function MarkdownPreview({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  if (blocks.length === 0) return <p className="muted">Nothing to preview yet.</p>;
  return (
    <div className="markdown-preview">
      {blocks.map((b, i) => {
        if (b.kind === 'heading') {
          const H = b.level === 1 ? 'h4' : b.level === 2 ? 'h5' : 'h6';
          return <H key={i}><InlineText parts={b.inline} /></H>;
        }
        if (b.kind === 'paragraph') return <p key={i}><InlineText parts={b.inline} /></p>;
        const L = b.ordered ? 'ol' : 'ul';
        return <L key={i}>{b.items.map((item, j) => <li key={j}><InlineText parts={item} /></li>)}</L>;
      })}
    </div>
  );
}

/** The agent's script: Markdown in a textarea, with a Write / Preview switch. */
export function ScriptField({ label, value, onChange, error, hint }: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const id = useId();
  const [preview, setPreview] = useState(false);
  return (
    <div className={error ? 'field has-error script-field' : 'field script-field'}>
      <div className="script-head">
        <label htmlFor={id}>{label}</label>
        <div className="segmented" role="group" aria-label={`${label} view`}>
          <button type="button" className={preview ? 'seg' : 'seg active'} aria-pressed={!preview} onClick={() => setPreview(false)}>Write</button>
          <button type="button" className={preview ? 'seg active' : 'seg'} aria-pressed={preview} onClick={() => setPreview(true)}>Preview</button>
        </div>
      </div>
      {preview
        ? <div className="script-preview" aria-label={`${label} preview`} role="region"><MarkdownPreview source={value} /></div>
        : <textarea id={id} className="script-text" rows={8} value={value} onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={hint ? `${id}-hint` : undefined} />}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small className="field-error">{error}</small>}
    </div>
  );
}
