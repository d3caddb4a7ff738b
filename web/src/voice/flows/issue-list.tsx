import type { LocatedIssue, StepOutline } from './flow-text.js';

function stepName(steps: StepOutline[], index: number | null): string | null {
  if (index === null) return null;
  const s = steps[index];
  if (!s) return `step ${index}`;
  return s.id ? `step “${s.id}” (${s.verb})` : `step ${index} (${s.verb})`;
}

/** Every problem under the editor: the path, the message, the step it names; a click shows the line. */
export function IssueList({ id, issues, steps, onJump }: {
  id: string;
  issues: LocatedIssue[];
  steps: StepOutline[];
  onJump: (line: number) => void;
}) {
  if (issues.length === 0) return <div id={id} />;
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return (
    <section id={id} className="issue-list" aria-label="Problems">
      <h3>
        {errors > 0 && `${errors} ${errors === 1 ? 'error' : 'errors'}`}
        {errors > 0 && warnings > 0 && ', '}
        {warnings > 0 && `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`}
      </h3>
      <ul>
        {issues.map((i, n) => {
          const where = stepName(steps, i.step);
          const line = i.line;
          return (
            <li key={`${n}:${i.path}`} className={`issue issue-${i.severity}`}>
              <span className={i.severity === 'error' ? 'badge badge-error' : 'badge badge-warn'}>{i.severity === 'error' ? 'Error' : 'Warning'}</span>
              <code className="issue-path">{i.path}</code>
              <span className="issue-message">{i.message}</span>
              {where && <span className="issue-step">in {where}</span>}
              {line !== null && (
                <button type="button" className="btn btn-small issue-jump" onClick={() => onJump(line)}>
                  Line {line}<span className="visually-hidden">: {i.path}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
