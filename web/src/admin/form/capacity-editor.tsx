import { CHANNELS, type Channel } from '../../api/types.js';
import { channelLabel } from '../../shell/labels.js';
import type { FieldErrors } from './validate.js';

export type CapacityDraft = Record<Channel, string>;

/** How many interactions of each channel an agent may hold at once. */
export function CapacityEditor({ value, onChange, errors }: {
  value: CapacityDraft;
  onChange: (v: CapacityDraft) => void;
  errors: FieldErrors;
}) {
  return (
    <fieldset className="field capacity-editor">
      <legend>Capacity per channel</legend>
      <div className="capacity-grid">
        {CHANNELS.map((ch) => {
          const error = errors[`capacity.${ch}`];
          return (
            <label key={ch} className="capacity-cell">
              <span>{channelLabel(ch)}</span>
              <input type="number" min={0} max={50} step={1} value={value[ch]}
                onChange={(e) => onChange({ ...value, [ch]: e.target.value })} aria-invalid={error ? true : undefined} />
              {error && <small className="field-error">{error}</small>}
            </label>
          );
        })}
      </div>
      {errors['capacity'] && !CHANNELS.some((c) => errors[`capacity.${c}`]) && (
        <small className="field-error">{errors['capacity']}</small>
      )}
    </fieldset>
  );
}
