import type { Option } from './fields.js';
import type { FieldErrors } from './validate.js';

/** One editable row; level kept as text so a half-typed number is not lost. */
export interface SkillLevelDraft {
  skill_id: string;
  level: string;
}

interface SkillLevelsEditorProps {
  legend: string;
  /** "Level" for agents, "Minimum level" for queues. */
  levelLabel: string;
  /** API field name, used to find error messages such as "skills.0.level". */
  field: string;
  /** API name of the level inside one entry ("level" or "min_level"). */
  levelKey: string;
  rows: SkillLevelDraft[];
  onChange: (rows: SkillLevelDraft[]) => void;
  skills: Option[];
  errors: FieldErrors;
}

export function SkillLevelsEditor({ legend, levelLabel, field, levelKey, rows, onChange, skills, errors }: SkillLevelsEditorProps) {
  const update = (i: number, patch: Partial<SkillLevelDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const used = new Set(rows.map((r) => r.skill_id));
  const firstFree = skills.find((s) => !used.has(s.value))?.value ?? '';
  const topError = errors[field] && !rows.some((_, i) => errors[`${field}.${i}`] || errors[`${field}.${i}.${levelKey}`] || errors[`${field}.${i}.skill_id`]) ? errors[field] : undefined;

  return (
    <fieldset className="field skill-editor">
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="muted">None.</p>}
      {rows.map((row, i) => {
        const skillError = errors[`${field}.${i}.skill_id`] ?? errors[`${field}.${i}`];
        const levelError = errors[`${field}.${i}.${levelKey}`];
        const n = i + 1;
        return (
          <div className="skill-row" key={i}>
            {/* aria-label, not a wrapping <label>: the options' text must not become the name. */}
            <select aria-label={`Skill ${n}`} value={row.skill_id} onChange={(e) => update(i, { skill_id: e.target.value })}
              aria-invalid={skillError ? true : undefined}>
              <option value="">Choose a skill…</option>
              {skills.map((s) => (
                <option key={s.value} value={s.value} disabled={s.value !== row.skill_id && used.has(s.value)}>{s.label}</option>
              ))}
            </select>
            <input type="number" min={1} max={10} step={1} value={row.level} className="level-input" aria-label={`${levelLabel} ${n}`}
              onChange={(e) => update(i, { level: e.target.value })} aria-invalid={levelError ? true : undefined} />
            <button type="button" className="btn btn-small" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              Remove<span className="visually-hidden"> skill {n}</span>
            </button>
            {(skillError ?? levelError) && <small className="field-error">{skillError ?? levelError}</small>}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" disabled={skills.length === 0 || used.size >= skills.length}
        onClick={() => onChange([...rows, { skill_id: firstFree, level: '5' }])}>
        Add skill
      </button>
      {skills.length === 0 && <small className="hint">Create skills under Admin › Skills first.</small>}
      {topError && <small className="field-error">{topError}</small>}
    </fieldset>
  );
}

/** Client-side checks for the editor's rows; messages keyed like the API's issues. */
export function validateSkillRows(rows: SkillLevelDraft[], field: string, levelKey: string, errors: FieldErrors): void {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (!r.skill_id) errors[`${field}.${i}.skill_id`] = 'Choose a skill';
    else if (seen.has(r.skill_id)) errors[`${field}.${i}.skill_id`] = 'Listed twice';
    seen.add(r.skill_id);
    const n = Number(r.level);
    if (!Number.isInteger(n) || n < 1 || n > 10) errors[`${field}.${i}.${levelKey}`] = 'Level must be a whole number from 1 to 10';
  });
  if (Object.keys(errors).some((k) => k.startsWith(`${field}.`))) errors[field] ??= 'Check the skills above';
}
