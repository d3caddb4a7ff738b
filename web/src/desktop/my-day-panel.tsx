import type { MyDay } from './desktop-types.js';
import type { Loaded } from './use-crm.js';
import { clock } from './time-format.js';

const STATE_ROWS: Array<[string, string]> = [['available_s', 'Available'], ['busy_s', 'On calls'], ['wrap_up_s', 'Wrap-up'], ['aux_s', 'Away']];

/** The agent's own figures for today. */
export function MyDayPanel({ day }: { day: Loaded<MyDay> }) {
  return (
    <section className="panel desk-day" aria-labelledby="day-title">
      <h2 id="day-title">My day</h2>
      {day.status === 'error' && <p className="muted">Figures unavailable: {day.message}</p>}
      {day.status === 'loading' && <p className="muted">Loading…</p>}
      {day.status === 'ready' && (
        <>
          <div className="desk-day-tiles">
            <div><span className="desk-n">{day.data.answered}</span><span className="muted">answered</span></div>
            <div><span className="desk-n">{day.data.resolved}</span><span className="muted">resolved</span></div>
            <div><span className="desk-n">{day.data.aht_s === null ? '—' : clock(day.data.aht_s)}</span><span className="muted">avg handle</span></div>
          </div>
          <ul className="desk-list desk-day-states">
            {STATE_ROWS.map(([k, label]) => <li key={k}><span>{label}</span><span>{clock(day.data.states[k] ?? 0)}</span></li>)}
          </ul>
        </>
      )}
    </section>
  );
}
