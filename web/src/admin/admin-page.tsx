import { useEffect } from 'react';
import { useCurrentUser } from '../auth/session-context.js';
import { Link } from '../router/link.js';
import { CampaignDetail } from '../campaigns/campaign-detail.js';
import { CampaignsAdmin } from '../campaigns/campaigns-admin.js';
import { DncAdmin } from '../campaigns/dnc-admin.js';
import { navigate, usePath } from '../router/router.js';
import { adminAreasFor, canEditArea, matchRoute, TELEPHONY_AREAS, type AdminArea } from '../router/routes.js';
import { BusinessHoursAdmin } from '../voice/business-hours/business-hours-admin.js';
import { FlowEditor } from '../voice/flows/flow-editor.js';
import { FlowsAdmin } from '../voice/flows/flows-admin.js';
import { NumbersAdmin } from '../voice/numbers/numbers-admin.js';
import { PromptsAdmin } from '../voice/prompts/prompts-admin.js';
import { TrunksAdmin } from '../voice/trunks/trunks-admin.js';
import { AgentsAdmin } from './resources/agents-admin.js';
import { ApiKeysAdmin } from './resources/api-keys-admin.js';
import { AuditAdmin } from './resources/audit-admin.js';
import { ClientsAdmin } from './resources/clients-admin.js';
import { QueuesAdmin } from './resources/queues-admin.js';
import { SitesAdmin } from './resources/sites-admin.js';
import { SkillsAdmin } from './resources/skills-admin.js';
import { TeamsAdmin } from './resources/teams-admin.js';
import { UsersAdmin } from './resources/users-admin.js';

const LABELS: Record<AdminArea, string> = {
  clients: 'Clients', sites: 'Sites', teams: 'Teams', skills: 'Skills',
  users: 'Users', agents: 'Agents', queues: 'Queues', campaigns: 'Campaigns', dnc: 'Do-not-call', 'api-keys': 'API keys', audit: 'Audit log',
  trunks: 'Trunks', numbers: 'Numbers', flows: 'Flows', prompts: 'Prompts', 'business-hours': 'Business hours',
};

function AreaPage({ area, canEdit, id }: { area: AdminArea; canEdit: boolean; id: string | undefined }) {
  switch (area) {
    case 'clients': return <ClientsAdmin canEdit={canEdit} />;
    case 'sites': return <SitesAdmin canEdit={canEdit} />;
    case 'teams': return <TeamsAdmin canEdit={canEdit} />;
    case 'skills': return <SkillsAdmin canEdit={canEdit} />;
    case 'users': return <UsersAdmin canEdit={canEdit} />;
    case 'agents': return <AgentsAdmin canEdit={canEdit} />;
    case 'queues': return <QueuesAdmin canEdit={canEdit} />;
    case 'campaigns': return id === undefined ? <CampaignsAdmin canEdit={canEdit} /> : <CampaignDetail id={id} canEdit={canEdit} />;
    case 'dnc': return <DncAdmin canEdit={canEdit} />;
    case 'trunks': return <TrunksAdmin canEdit={canEdit} />;
    case 'numbers': return <NumbersAdmin canEdit={canEdit} />;
    case 'flows': return id === undefined ? <FlowsAdmin canEdit={canEdit} /> : <FlowEditor id={id} canEdit={canEdit} />;
    case 'prompts': return <PromptsAdmin canEdit={canEdit} />;
    case 'business-hours': return <BusinessHoursAdmin canEdit={canEdit} />;
    case 'api-keys': return <ApiKeysAdmin canEdit={canEdit} />;
    case 'audit': return <AuditAdmin />;
  }
}

export function AdminPage({ area }: { area: AdminArea | null }) {
  const user = useCurrentUser();
  const areas = adminAreasFor(user.role);
  // The shell routes by area only; a record's detail page (/admin/campaigns/<id>) is read from the path here.
  const route = matchRoute(usePath());
  const id = route.page === 'admin' ? route.id : undefined;
  const telephony = areas.filter((a) => TELEPHONY_AREAS.includes(a));
  const tab = (a: AdminArea) => (
    <li key={a}>
      <Link href={`/admin/${a}`} className={a === area ? 'tab active' : 'tab'} aria-current={a === area ? 'page' : undefined}>
        {LABELS[a]}
      </Link>
    </li>
  );

  useEffect(() => {
    if (area === null && areas[0]) navigate(`/admin/${areas[0]}`, { replace: true });
  }, [area, areas]);

  return (
    <div className="page admin-page">
      <h1>Admin</h1>
      <nav className="sub-nav" aria-label="Admin sections">
        <ul>
          {areas.filter((a) => !TELEPHONY_AREAS.includes(a)).map(tab)}
          {telephony.length > 0 && (
            <li className="tab-group">
              <span className="tab-group-label" id="telephony-tabs">Telephony</span>
              <ul aria-labelledby="telephony-tabs">{telephony.map(tab)}</ul>
            </li>
          )}
        </ul>
      </nav>
      {area !== null && (areas.includes(area)
        // key: a fresh list state (search, page) for each section.
        ? <AreaPage key={`${area}/${id ?? ''}`} area={area} id={id} canEdit={canEditArea(user.role, area)} />
        : <p className="form-error" role="alert">Your role ({user.role}) cannot open {LABELS[area]}.</p>)}
    </div>
  );
}
