import { nameOf } from '../admin/use-options.js';
import type { Agent } from '../api/types.js';
import { clock, msBetween, uriUser, type CallLeg } from './call-model.js';

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString() : '—');

/** The CDR: one row per SIP leg, in the order the legs started. */
export function CallLegsTable({ legs, agents }: { legs: CallLeg[]; agents: Map<string, Agent> }) {
  const sorted = [...legs].sort((a, b) => a.started_at.localeCompare(b.started_at));
  return (
    <div className="table-wrap">
      <table className="data-table compact">
        <caption className="visually-hidden">Call legs</caption>
        <thead>
          <tr>
            <th scope="col">Leg</th><th scope="col">From → to</th><th scope="col">Started</th><th scope="col">Answered</th>
            <th scope="col">Length</th><th scope="col">Ended by</th><th scope="col">SIP</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((l) => (
            <tr key={l.id}>
              <td>
                <span className="leg-role">{l.role}</span>
                <small className="muted"> {l.direction}{l.agent_id ? ` · ${nameOf(agents, l.agent_id, (a) => a.name)}` : ''}</small>
              </td>
              <td><code title={`${l.from_uri} → ${l.to_uri}`}>{uriUser(l.from_uri)} → {uriUser(l.to_uri)}</code></td>
              <td>{time(l.started_at)}</td>
              <td>{time(l.answered_at)}</td>
              <td className="num">{clock(msBetween(l.answered_at ?? l.started_at, l.ended_at))}</td>
              <td>{l.end_reason ? l.end_reason.replace(/_/g, ' ') : l.ended_at ? '—' : <span className="pill pill-live">live</span>}</td>
              <td className="num">{l.sip_status ?? '—'}</td>
            </tr>
          ))}
          {sorted.length === 0 && <tr><td colSpan={7} className="empty">No SIP legs recorded for this interaction.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
