import type { Role } from '../api/types.js';

/** The admin areas, in sub-navigation order; each is /admin/<key>. */
export const ADMIN_AREAS = ['clients', 'sites', 'teams', 'skills', 'users', 'agents', 'queues', 'campaigns', 'dnc', 'audit'] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

export type Route =
  | { page: 'login' }
  | { page: 'home' }
  | { page: 'agent' }
  | { page: 'wallboard' }
  | { page: 'reports' }
  /** `id`: one record's detail page; only campaigns have one (/admin/campaigns/<id>). */
  | { page: 'admin'; area: AdminArea | null; id?: string }
  | { page: 'not_found'; path: string };

/** Maps a pathname to a page; trailing slashes are ignored. */
export function matchRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p.length > 0);
  const [first, second, third, ...rest] = parts;
  if (first === undefined) return { page: 'home' };
  if (rest.length > 0) return { page: 'not_found', path: pathname };
  if (third !== undefined) {
    return first === 'admin' && second === 'campaigns' ? { page: 'admin', area: 'campaigns', id: decodeURIComponent(third) } : { page: 'not_found', path: pathname };
  }
  switch (first) {
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

/** Admin areas a role may open. Server-side checks are the real guard; this only hides dead ends. */
export function adminAreasFor(role: Role): AdminArea[] {
  if (role === 'admin') return [...ADMIN_AREAS];
  if (role === 'supervisor') return ['clients', 'sites', 'teams', 'skills', 'agents', 'queues', 'campaigns', 'dnc'];
  return [];
}

/** Whether a role may create, edit and disable rows of an area (mirrors the API's rules). */
export function canEditArea(role: Role, area: AdminArea): boolean {
  if (area === 'audit') return false;
  if (role === 'admin') return true;
  return role === 'supervisor' && (area === 'agents' || area === 'queues' || area === 'campaigns' || area === 'dnc');
}

/** Where `/` sends a signed-in user. */
export function homePathFor(role: Role): string {
  return adminAreasFor(role).length > 0 ? '/admin/clients' : '/agent';
}
