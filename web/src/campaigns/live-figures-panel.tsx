import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { CampaignStats } from './campaign-types.js';
import { fetchCampaignStats } from './outbound-api.js';

const REFRESH_MS = 5000;
const GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr))', gap: '0.5rem 1rem', margin: 0 } as const;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The live dialer's figures for one campaign, refreshed every few seconds (the wallboard shows them too). */
export function LiveFiguresPanel({ campaignId }: { campaignId: string }) {
  const api = useApi();
  const [s, setS] = useState<CampaignStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () => fetchCampaignStats(api, campaignId).then(
      (x) => { if (!cancelled) { setS(x); setError(null); } },
      (err: unknown) => { if (!cancelled) setError(messageOf(err)); },
    );
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => { cancelled = true; clearInterval(t); };
  }, [api, campaignId]);

  const dispositions = s === null ? '' : Object.entries(s.dispositions).map(([d, n]) => `${d} ${n}`).join(' · ') || 'none yet';
  return (
    <section className="panel" aria-labelledby="live-figures-title">
      <h3 id="live-figures-title">Live figures</h3>
      {error && <p className="form-error" role="alert">Could not get the figures: {error}</p>}
      {s && (
        <>
          <p className="muted">{s.running ? `Dialing (${s.policy ?? s.mode})` : 'Not dialing'}</p>
          <dl style={GRID} data-testid="live-figures">
            <div><dt className="muted">Dial level</dt><dd>{s.dial_level.toFixed(2)}</dd></div>
            <div><dt className="muted">Lines in use</dt><dd>{s.lines_in_use}</dd></div>
            <div><dt className="muted">Agents free / logged in</dt><dd>{s.agents_free} / {s.agents_logged_in}</dd></div>
            <div><dt className="muted">Live answers (30 d)</dt><dd>{s.live_answers_30d}</dd></div>
            <div><dt className="muted">Abandoned, US 30 d</dt><dd>{pct(s.abandonment_30d)} ({s.abandoned_30d})</dd></div>
            <div><dt className="muted">Abandoned, UK 24 h</dt><dd>{pct(s.abandonment_24h)} ({s.abandoned_24h})</dd></div>
            <div><dt className="muted">Leads remaining</dt><dd>{s.leads_remaining}</dd></div>
          </dl>
          <p>Dispositions: {dispositions}</p>
        </>
      )}
    </section>
  );
}
