import { agentsResourceFor, DEFAULT_SIP_REALM } from './agents.js';
import { clientsResource } from './clients.js';
import { queuesResource } from './queues.js';
import { sitesResource } from './sites.js';
import { skillsResource } from './skills.js';
import { teamsResource } from './teams.js';
import { usersResource } from './users.js';
import type { ResourceDef } from './resource.js';

/** The admin resources, each served at /api/v1/<path>. `sipRealm`: the SIP_REALM agents' phone secrets are made for. */
export function adminResources(opts: { sipRealm?: string } = {}): ResourceDef<{ id: string }, unknown, unknown>[] {
  return [clientsResource, sitesResource, teamsResource, skillsResource, usersResource, agentsResourceFor(opts.sipRealm ?? DEFAULT_SIP_REALM), queuesResource];
}
