import { ResourceList, type Column } from '../admin/resource-list.js';
import { nameOf, useOptions } from '../admin/use-options.js';
import type { Client } from '../api/types.js';
import { Link } from '../router/link.js';
import { CampaignForm, modeLabel, typeLabel } from './campaign-form.js';
import { CampaignStatusControls } from './campaign-status-controls.js';
import type { Campaign } from './campaign-types.js';

export const campaignPath = (id: string): string => `/admin/campaigns/${encodeURIComponent(id)}`;

export function CampaignsAdmin({ canEdit }: { canEdit: boolean }) {
  const clients = useOptions<Client>('/clients');
  const columns: Column<Campaign>[] = [
    { header: 'Name', cell: (c) => <Link href={campaignPath(c.id)}>{c.name}</Link> },
    { header: 'Client', cell: (c) => nameOf(clients.byId, c.client_id, (x) => x.name) },
    { header: 'Type', cell: (c) => typeLabel(c.type) },
    { header: 'Mode', cell: (c) => modeLabel(c.mode) },
    { header: 'Leads', cell: (c) => c.lead_count },
    { header: 'Campaign status', cell: (c) => <CampaignStatusControls campaign={c} canEdit={canEdit} /> },
  ];
  return (
    <ResourceList<Campaign> title="Campaigns" singular="campaign" path="/campaigns" columns={columns}
      rowLabel={(c) => c.name} canEdit={canEdit} Form={CampaignForm}
      intro="Outbound calling: lead lists, calling windows in each lead's local time, retry rules and do-not-call checks. Open a campaign to import leads." />
  );
}
