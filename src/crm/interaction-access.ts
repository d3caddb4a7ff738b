import { and, eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { agents, interactions } from '../store/schema.js';
import { clientCondition, type Caller } from '../api/access.js';
import { ApiErrors } from '../api/errors.js';
import { STAFF } from '../api/resources/resource.js';

/**
 * Who may open an interaction's screen pop or wrap it up: the agent it is
 * offered to (ringing now) or handled by, and staff who may see its client.
 * Anyone else gets 404, exactly as for an interaction that does not exist.
 */
export type OfferedAgents = (interactionId: string) => string[];

export async function agentOfUser(db: Db, userId: string) {
  const [a] = await db.select().from(agents).where(eq(agents.userId, userId));
  return a;
}

export async function interactionFor(db: Db, caller: Caller, id: string, offeredTo: OfferedAgents, staff: readonly string[] = STAFF) {
  const notFound = ApiErrors.create('NOT_FOUND', { entity: 'interaction' }, 'interaction not found');
  const [row] = await db.select().from(interactions).where(and(eq(interactions.id, id), clientCondition(caller.scope, interactions.clientId)));
  if (!row) throw notFound;
  if (caller.role === 'agent') {
    const me = await agentOfUser(db, caller.userId);
    if (!me || (row.agentId !== me.id && !offeredTo(id).includes(me.id))) throw notFound;
    return { row, agent: me };
  }
  if (!staff.includes(caller.role)) throw notFound;
  return { row, agent: undefined };
}
