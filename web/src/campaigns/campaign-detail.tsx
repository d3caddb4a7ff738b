import { useEffect, useState } from 'react';
import { nameOf, useOptions } from '../admin/use-options.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { Client } from '../api/types.js';
import { Link } from '../router/link.js';
import { delayLabel } from './campaign-model.js';
import { modeLabel, typeLabel } from './campaign-form.js';
import { CampaignStatusControls } from './campaign-status-controls.js';
import type { Campaign } from './campaign-types.js';
import { LeadImportPanel } from './lead-import-panel.js';
import { LeadsTable } from './leads-table.js';
import { LiveFiguresPanel } from './live-figures-panel.js';
import { NextLeadsPanel } from './next-leads-panel.js';

// styles.css belongs to the shell; a two-column term/value grid is all this needs.
const SUMMARY_STYLE = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem', margin: '0 0 1rem' } as const;

function Summary({ c, clientName }: { c: Campaign; clientName: string }) {
  const rules = Object.entries(c.retry_rules).map(([d, v]) => `${d} → ${delayLabel(v)}`).join(', ') || 'none';
  return (
    <dl className="campaign-summary" style={SUMMARY_STYLE}>
      <dt className="muted">Client</dt><dd>{clientName}</dd>
      <dt className="muted">Type / mode</dt><dd>{typeLabel(c.type)} · {modeLabel(c.mode)}</dd>
      <dt className="muted">Caller ID</dt><dd><code>{c.caller_id}</code></dd>
      <dt className="muted">Compliance</dt><dd>{c.compliance_profile}</dd>
      <dt className="muted">Calling window</dt><dd>{c.window_start}–{c.window_end} (lead's local time)</dd>
      <dt className="muted">Max attempts</dt><dd>{c.max_attempts}</dd>
      <dt className="muted">Retry rules</dt><dd>{rules}</dd>
    </dl>
  );
}

/** One campaign: its settings, status buttons, leads, lead import and the next-leads preview. */
export function CampaignDetail({ id, canEdit }: { id: string; canEdit: boolean }) {
  const api = useApi();
  const clients = useOptions<Client>('/clients');
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.get<Campaign>(`/campaigns/${encodeURIComponent(id)}`).then(
      (c) => { if (!cancelled) setCampaign(c); },
      (err: unknown) => { if (!cancelled) setError(messageOf(err)); },
    );
    return () => { cancelled = true; };
  }, [api, id]);

  if (error) return <p className="form-error" role="alert">Could not load the campaign: {error}</p>;
  if (!campaign) return <p className="muted">Loading…</p>;
  return (
    <section className="campaign-detail" aria-labelledby="campaign-title">
      <p><Link href="/admin/campaigns">← All campaigns</Link></p>
      <div className="page-header">
        <h2 id="campaign-title">{campaign.name}</h2>
        <CampaignStatusControls campaign={campaign} canEdit={canEdit} onChanged={setCampaign} />
      </div>
      <Summary c={campaign} clientName={nameOf(clients.byId, campaign.client_id, (c) => c.name)} />
      {campaign.mode !== 'preview' && <LiveFiguresPanel campaignId={campaign.id} />}
      {canEdit && campaign.status !== 'stopped' && (
        <LeadImportPanel campaignId={campaign.id} onImported={() => setGeneration((g) => g + 1)} />
      )}
      <LeadsTable campaignId={campaign.id} generation={generation} />
      <NextLeadsPanel campaignId={campaign.id} />
    </section>
  );
}
