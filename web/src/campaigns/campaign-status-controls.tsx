import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import { actionLabel, legalActions, statusLabel, type CampaignAction } from './campaign-status.js';
import type { Campaign, CampaignStatus } from './campaign-types.js';
import { changeCampaignStatus } from './outbound-api.js';

const BADGE: Record<CampaignStatus, string> = { draft: 'badge', running: 'badge badge-on', paused: 'badge', stopped: 'badge badge-off' };

export function StatusBadge({ status }: { status: CampaignStatus }) {
  return <span className={BADGE[status]} data-status={status}>{statusLabel(status)}</span>;
}

/**
 * The campaign's status and only the buttons its state machine allows from
 * there. Stop is final, so it asks first.
 */
export function CampaignStatusControls({ campaign, canEdit, onChanged }: {
  campaign: Campaign;
  canEdit: boolean;
  onChanged?: (c: Campaign) => void;
}) {
  const api = useApi();
  const [status, setStatus] = useState<CampaignStatus>(campaign.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setStatus(campaign.status), [campaign.status]);

  async function run(action: CampaignAction) {
    if (action === 'stop' && !window.confirm(`Stop ${campaign.name}? A stopped campaign cannot be started again.`)) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await changeCampaignStatus(api, campaign.id, action);
      setStatus(updated.status);
      onChanged?.(updated);
    } catch (err) {
      setError(`Could not ${action} ${campaign.name}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="row-actions">
      <StatusBadge status={status} />
      {canEdit && legalActions(status).map((a) => (
        <button key={a} type="button" className="btn btn-small" disabled={busy} onClick={() => void run(a)}>
          {actionLabel(a)}<span className="visually-hidden"> {campaign.name}</span>
        </button>
      ))}
      {error && <span className="form-error" role="alert">{error}</span>}
    </span>
  );
}
