import { forwardRef, useImperativeHandle, useMemo, useRef, type UIEvent } from 'react';
import { offsetOfLine } from './flow-text.js';

export type LineMark = 'error' | 'warning';

/** A highlighted range of lines: a failing step (soft) or the line an issue names (strong). */
export interface LineBand {
  startLine: number;
  endLine: number;
  kind: 'step-error' | 'step-warning' | 'line-error' | 'line-warning' | 'focus';
}

export interface JsonEditorHandle {
  /** Selects a line, scrolls it into view and focuses the text. */
  goToLine(line: number): void;
}

interface JsonEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  bands: LineBand[];
  /** Gutter markers: the lines issues name. */
  marks: Map<number, LineMark>;
  describedBy?: string;
  invalid: boolean;
}

/**
 * A plain <textarea> with a line-number gutter and highlighted line bands
 * drawn behind the text. Lines never wrap (wrap="off"), so line n is always
 * at (n - 1) × line height and the gutter and bands stay aligned by scrolling
 * with the text; no editor library is needed for that.
 */
export const JsonEditor = forwardRef<JsonEditorHandle, JsonEditorProps>(function JsonEditor(
  { id, value, onChange, bands, marks, describedBy, invalid }, ref,
) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const bandsRef = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => value.split('\n').length, [value]);

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const ta = textRef.current;
      if (!ta) return;
      const start = offsetOfLine(ta.value, line);
      const end = ta.value.indexOf('\n', start);
      ta.focus();
      ta.setSelectionRange(start, end === -1 ? ta.value.length : end);
      const lh = parseFloat(getComputedStyle(ta).lineHeight) || 20;
      ta.scrollTop = Math.max(0, (line - 4) * lh);
      sync(ta);
    },
  }));

  function sync(ta: HTMLTextAreaElement) {
    if (gutterRef.current) gutterRef.current.scrollTop = ta.scrollTop;
    if (bandsRef.current) bandsRef.current.style.transform = `translateY(${-ta.scrollTop}px)`;
  }

  return (
    <div className="code-editor">
      <div className="code-gutter" ref={gutterRef} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, i) => {
          const mark = marks.get(i + 1);
          return <div key={i} className={mark ? `gutter-line mark-${mark}` : 'gutter-line'}>{i + 1}</div>;
        })}
        <div className="gutter-pad" />
      </div>
      <div className="code-area">
        <div className="code-bands" ref={bandsRef} aria-hidden="true">
          {bands.map((b, i) => (
            <div key={i} className={`code-band band-${b.kind}`}
              style={{ top: `calc(${b.startLine - 1} * var(--code-lh) + var(--code-pad))`, height: `calc(${b.endLine - b.startLine + 1} * var(--code-lh))` }} />
          ))}
        </div>
        <textarea id={id} ref={textRef} className="code-text" value={value} wrap="off" spellCheck={false}
          autoCapitalize="off" autoComplete="off" autoCorrect="off" aria-describedby={describedBy} aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)} onScroll={(e: UIEvent<HTMLTextAreaElement>) => sync(e.currentTarget)} />
      </div>
    </div>
  );
});
