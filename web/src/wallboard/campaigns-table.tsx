import { ABANDON_LIMIT, abandonAlert, isStale } from './campaign-board.js';
import type { CampaignFigures, Named } from './wallboard-types.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const LIMIT = pct(ABANDON_LIMIT);

/** Abandonment above the 3 % both regulators allow, for the board's alert banner. */
export function AbandonAlert({ campaigns }: { campaigns: CampaignFigures[] }) {
  const over = campaigns.filter(abandonAlert);
  if (over.length === 0) return null;
  return (
    <div className="alert sl-alert" role="alert">
      <strong>Abandonment above {LIMIT}:</strong>{' '}
      {over.map((c) => <span key={c.id} className="alert-queue">{c.name ?? 'Campaign'} {pct(Math.max(c.abandonment_30d, c.abandonment_24h))}</span>)}
    </div>
  );
}

function AbandonCell({ rate, count, title }: { rate: number; count: number; title: string }) {
  const over = rate > ABANDON_LIMIT;
  return <td className={`num${over ? ' sl-below' : ''}`} title={`${title}; limit ${LIMIT}`}>{pct(rate)}{over ? ' ▲' : ''}<span className="sl-target-text"> ({count})</span></td>;
}

/** Running outbound campaigns' live figures (the live dialer pushes them every 5 s). */
export function CampaignsTable({ campaigns, clients, now }: { campaigns: CampaignFigures[]; clients: Named[]; now: number }) {
  return (
    <div className="table-wrap">
      <table className="data-table board-table" aria-label="Campaigns">
        <thead><tr><th>Campaign</th><th className="num">Dial level</th><th className="num">Lines in use</th><th className="num">Agents free</th><th className="num">Live answers 24 h</th><th className="num">Abandoned 30 d (US)</th><th className="num">Abandoned 24 h (UK)</th><th className="num">Leads remaining</th><th>Dispositions</th></tr></thead>
        <tbody>
          {campaigns.length === 0 && <tr><td colSpan={9} className="empty">No running campaigns for this filter.</td></tr>}
          {campaigns.map((c) => {
            const stale = isStale(c, now);
            const dispositions = Object.entries(c.dispositions).sort((a, b) => b[1] - a[1]).map(([d, n]) => `${d} ${n}`).join(' · ');
            return (
              <tr key={c.id} className={[abandonAlert(c) ? 'row-alert' : '', stale ? 'row-stale' : ''].join(' ').trim() || undefined}>
                <td><strong>{c.name ?? 'Campaign'}</strong>
                  <div className="sub">{clients.find((x) => x.id === c.client_id)?.name} · {c.policy ?? c.mode}{stale ? ' · no update for a while' : ''}</div></td>
                <td className="num">{c.dial_level.toFixed(2)}</td>
                <td className="num" title={`${c.calls_ringing} ringing, ${c.waiting_for_agent} waiting for an agent, ${c.talking} talking`}>{c.lines_in_use}</td>
                <td className="num">{c.agents_free} / {c.agents_logged_in}</td>
                <td className="num" title={`${c.live_answers_30d} over 30 days`}>{c.live_answers_24h}</td>
                <AbandonCell rate={c.abandonment_30d} count={c.abandoned_30d} title="abandoned ÷ live answers, 30 days" />
                <AbandonCell rate={c.abandonment_24h} count={c.abandoned_24h} title="Ofcom's 24-hour rate, AMD false positives estimated in" />
                <td className="num">{c.leads_remaining}</td>
                <td className="sub">{dispositions || <span className="muted">none yet</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
