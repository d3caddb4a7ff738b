import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { CallView, ScreenPop } from './desktop-types.js';
import type { Loaded } from './use-crm.js';
import { clock, useNow } from './time-format.js';

/**
 * Disposition, notes and "problem resolved" for the call (saved through the
 * CRM; a case is opened or updated), with wrap-up's countdown. Saving does
 * not end wrap-up: "End wrap-up" does (or the timer).
 */
export function WrapUpPanel({ call, pop, onEndWrapUp }: { call: CallView; pop: Loaded<ScreenPop>; onEndWrapUp: () => void }) {
  const api = useApi();
  const now = useNow();
  const dispositions = pop.status === 'ready' ? pop.data.dispositions : [];
  const openCase = pop.status === 'ready' ? pop.data.open_cases[0] : undefined;
  const [disposition, setDisposition] = useState('');
  const [notes, setNotes] = useState('');
  const [resolved, setResolved] = useState(false);
  const [saved, setSaved] = useState<'no' | 'saving' | 'yes'>('no');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDisposition('');
    setNotes('');
    setResolved(false);
    setSaved('no');
    setError(null);
  }, [call.interaction_id]);
  const left = call.wrap_up_ends_at === null ? null : (Date.parse(call.wrap_up_ends_at) - now) / 1000;

  async function save() {
    setSaved('saving');
    setError(null);
    try {
      await api.post(`/interactions/${call.interaction_id}/wrap-up`, {
        disposition, notes: notes.trim() || undefined, resolved,
        // An open case is updated (closed when resolved); without one, "resolved" records a solved case.
        ...(openCase !== undefined ? { case_id: openCase.id } : {}),
      });
      setSaved('yes');
    } catch (e) {
      setSaved('no');
      setError(e instanceof Error ? e.message : 'could not save');
    }
  }

  return (
    <section className="panel desk-wrap" aria-labelledby="wrap-title" data-testid="wrap-up">
      <div className="desk-panel-head">
        <h2 id="wrap-title">Wrap-up</h2>
        {call.status === 'wrap_up' && (
          <span className="desk-countdown" data-testid="wrap-countdown">{left === null ? 'no time limit' : `${clock(left)} left`}</span>
        )}
      </div>
      <div className="desk-wrap-grid">
        <label>Disposition
          <select aria-label="Disposition" value={disposition} onChange={(e) => { setDisposition(e.target.value); setSaved('no'); }}>
            <option value="">Choose…</option>
            {dispositions.map((d) => <option key={d}>{d}</option>)}
          </select>
        </label>
        <label className="checkbox desk-resolved">
          <input type="checkbox" checked={resolved} onChange={(e) => { setResolved(e.target.checked); setSaved('no'); }} />
          Problem resolved{openCase !== undefined ? ` (closes “${openCase.subject}”)` : ''}
        </label>
        <label className="desk-notes">Notes
          <textarea rows={3} value={notes} onChange={(e) => { setNotes(e.target.value); setSaved('no'); }} placeholder="What was it about, what was done" />
        </label>
      </div>
      {error !== null && <p className="field-error" role="alert">{error}</p>}
      {pop.status === 'error' && <p className="muted">Dispositions could not be loaded.</p>}
      <div className="desk-row">
        <button type="button" className="btn btn-primary" disabled={disposition === '' || saved === 'saving'} onClick={() => void save()}>
          {saved === 'yes' ? 'Saved ✓' : saved === 'saving' ? 'Saving…' : 'Save'}
        </button>
        {call.status === 'wrap_up' && <button type="button" className="btn" onClick={onEndWrapUp}>End wrap-up <kbd>W</kbd></button>}
      </div>
    </section>
  );
}
