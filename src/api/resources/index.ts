import { agentsResource } from './agents.js';
import { clientsResource } from './clients.js';
import { queuesResource } from './queues.js';
import { sitesResource } from './sites.js';
import { skillsResource } from './skills.js';
import { teamsResource } from './teams.js';
import { usersResource } from './users.js';
import type { ResourceDef } from './resource.js';

/** The admin resources, each served at /api/v1/<path>. */
export const ADMIN_RESOURCES = [clientsResource, sitesResource, teamsResource, skillsResource, usersResource, agentsResource, queuesResource] as unknown as ResourceDef<{ id: string }, unknown, unknown>[];
