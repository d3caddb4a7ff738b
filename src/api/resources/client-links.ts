import { inArray } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { clients } from '../../store/schema.js';
import type { Scope } from '../access.js';
import { validationError, ApiErrors } from '../errors.js';

/**
 * Many-to-many client lists (a user's confinement, the clients an agent
 * serves) edited by a confined caller: they may only add or remove clients
 * they can see; links to clients they cannot see are kept untouched (and
 * were never shown to them).
 */
export async function mergeClientIds(db: Db, scope: Scope, requested: string[], current: string[], field = 'client_ids'): Promise<string[]> {
  const wanted = [...new Set(requested)];
  const hidden = wanted.find((id) => !scope.all && !scope.clientIds.has(id));
  if (hidden) throw ApiErrors.create('NOT_FOUND', { field }, `${field}: client not found`);
  if (wanted.length) {
    const found = new Set((await db.select({ id: clients.id }).from(clients).where(inArray(clients.id, wanted))).map((r) => r.id));
    const bad = wanted.findIndex((id) => !found.has(id));
    if (bad >= 0) throw validationError([{ path: `${field}.${bad}`, message: 'no such client' }]);
  }
  const keptHidden = scope.all ? [] : current.filter((id) => !scope.clientIds.has(id));
  return [...new Set([...wanted, ...keptHidden])];
}

/** Loads `link` rows for many owners at once: owner id → client ids. */
export async function loadLinks<T extends { owner: string; clientId: string }>(rows: Promise<T[]>): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const r of await rows) {
    const list = map.get(r.owner) ?? [];
    list.push(r.clientId);
    map.set(r.owner, list);
  }
  return map;
}

