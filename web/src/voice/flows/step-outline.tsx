import type { LocatedIssue, StepOutline as Step } from './flow-text.js';

/** How bad a step is: its worst issue. */
export function stepStatus(issues: LocatedIssue[], index: number): 'error' | 'warning' | null {
  const mine = issues.filter((i) => i.step === index);
  if (mine.some((i) => i.severity === 'error')) return 'error';
  return mine.length > 0 ? 'warning' : null;
}

/** The steps beside the editor (verb and id), failing ones marked; a click jumps to the step. */
export function StepOutline({ steps, issues, onJump }: { steps: Step[]; issues: LocatedIssue[]; onJump: (line: number) => void }) {
  return (
    <nav className="step-outline" aria-label="Steps">
      <h3>Steps</h3>
      {steps.length === 0 && <p className="muted">The outline appears when the text is valid JSON with a "steps" list.</p>}
      <ol>
        {steps.map((s) => {
          const status = stepStatus(issues, s.index);
          const label = `steps[${s.index}] ${s.verb}${s.id ? ` ${s.id}` : ''}${status ? ` (${status === 'error' ? 'has errors' : 'has warnings'})` : ''}`;
          return (
            <li key={s.index} className={status ? `outline-step step-${status}` : 'outline-step'}>
              <button type="button" onClick={() => onJump(s.startLine)} aria-label={label} title={`Line ${s.startLine}`}>
                <span className="outline-index">{s.index}</span>
                <span className="outline-verb">{s.verb}</span>
                {s.id && <span className="outline-id">{s.id}</span>}
                {status && <span className="outline-flag" aria-hidden="true">{status === 'error' ? '!' : '?'}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
