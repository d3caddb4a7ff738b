import type { Role } from '../api/types.js';

/** The admin areas, in sub-navigation order; each is /admin/<key>. */
export const ADMIN_AREAS = [
  'clients', 'sites', 'teams', 'skills', 'users', 'agents', 'queues', 'campaigns', 'dnc',
  'trunks', 'numbers', 'flows', 'prompts', 'business-hours', 'api-keys', 'audit',
] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

/** Telephony set-up, grouped under its own heading in the admin sub-navigation. */
export const TELEPHONY_AREAS: readonly AdminArea[] = ['trunks', 'numbers', 'flows', 'prompts', 'business-hours'];

/** Areas whose records have their own page (/admin/<area>/<id>). */
const DETAIL_AREAS: readonly AdminArea[] = ['campaigns', 'flows'];

export type Route =
  | { page: 'login' }
  | { page: 'home' }
  | { page: 'agent' }
  | { page: 'wallboard' }
  | { page: 'reports' }
  /** Call records; `id`: the interaction whose detail is open (/calls/<id>). */
  | { page: 'calls'; id?: string }
  /** The CRM; `id`: one customer's or case's page (/customers/<id>, /cases/<id>). */
  | { page: 'customers'; id?: string }
  | { page: 'cases'; id?: string }
  /** `id`: one record's detail page: campaigns and flows have one (/admin/campaigns/<id>, /admin/flows/<id or "new">). */
  | { page: 'admin'; area: AdminArea | null; id?: string }
  | { page: 'not_found'; path: string };

/** Maps a pathname to a page; trailing slashes are ignored. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p.length > 0);
  const [first, second, third, ...rest] = parts;
  if (first === undefined) return { page: 'home' };
  if (rest.length > 0) return { page: 'not_found', path: pathname };
  if (third !== undefined) {
    return first === 'admin' && second !== undefined && isAdminArea(second) && DETAIL_AREAS.includes(second)
      ? { page: 'admin', area: second, id: decodeURIComponent(third) } : { page: 'not_found', path: pathname };
  }
  switch (first) {
    case 'calls':
      return second === undefined ? { page: 'calls' } : { page: 'calls', id: decodeURIComponent(second) };
    case 'customers':
    case 'cases':
      return second === undefined ? { page: first } : { page: first, id: decodeURIComponent(second) };
    case 'login':
    case 'agent':
    case 'wallboard':
    case 'reports':
      return second === undefined ? { page: first } : { page: 'not_found', path: pathname };
    case 'admin':
      if (second === undefined) return { page: 'admin', area: null };
      return isAdminArea(second) ? { page: 'admin', area: second } : { page: 'not_found', path: pathname };
    default:
      return { page: 'not_found', path: pathname };
  }
}

function isAdminArea(s: string): s is AdminArea {
  return (ADMIN_AREAS as readonly string[]).includes(s);
}

/** Roles the API lets create API keys (POST /api-keys); others could only list and revoke keys they cannot have. */
const API_KEY_ROLES: readonly Role[] = ['admin', 'supervisor', 'planner', 'qa'];

/** Admin areas a role may open. Server-side checks are the real guard; this only hides dead ends. */
export function adminAreasFor(role: Role): AdminArea[] {
  if (role === 'admin') return [...ADMIN_AREAS];
  if (role === 'supervisor') return ['clients', 'sites', 'teams', 'skills', 'agents', 'queues', 'campaigns', 'dnc', 'numbers', 'flows', 'prompts', 'business-hours', 'api-keys'];
  return API_KEY_ROLES.includes(role) ? ['api-keys'] : [];
}

/** Whether a role may open customers and cases (the CRM API serves agents and staff, not client viewers or planners). */
export function canSeeCrm(role: Role): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'agent' || role === 'qa';
}

/** Whether a role may open the call records (the interactions API serves staff only). */
export function canSeeCalls(role: Role): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'qa' || role === 'planner';
}

/** Whether a role may create, edit and disable rows of an area (mirrors the API's rules). */
export function canEditArea(role: Role, area: AdminArea): boolean {
  if (area === 'audit') return false;
  if (area === 'api-keys') return API_KEY_ROLES.includes(role);
  if (role === 'admin') return true;
  return role === 'supervisor' && (area === 'agents' || area === 'queues' || area === 'campaigns' || area === 'dnc');
}

/** Where `/` sends a signed-in user: agents to their desktop, staff to their work, client viewers to their reports. */
export function homePathFor(role: Role): string {
  if (role === 'agent') return '/agent';
  if (adminAreasFor(role).includes('clients')) return '/admin/clients';
  return role === 'client_viewer' ? '/reports' : '/wallboard';
}
