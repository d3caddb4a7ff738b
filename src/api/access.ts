import { inArray, isNull, or, sql, type SQL, type Column } from 'drizzle-orm';
import type { Role } from '../store/schema.js';
import { ApiErrors } from './errors.js';

/**
 * Access control, in one place. Every caller has a Scope: either every client
 * (admins and unconfined staff) or a fixed set of client ids, and, on top,
 * optionally a set of teams: then only agents of those teams are theirs.
 * Repositories build their WHERE clauses from it with the helpers below, so
 * a row outside the scope is never read, and "not visible" answers 404
 * exactly like "does not exist" (existence is not leaked).
 */
export interface Scope {
  readonly all: boolean;
  readonly clientIds: ReadonlySet<string>;
  /**
   * Team confinement (user_teams): absent, every team of the visible clients;
   * present, only agents whose team is in it (an agent with no team is
   * nobody's). Never set for admins. Queue-level figures ignore it.
   */
  readonly teamIds?: ReadonlySet<string>;
}

export interface Caller {
  userId: string;
  email: string;
  name: string;
  role: Role;
  scope: Scope;
  via: 'session' | 'api_key';
  ip: string;
}

export const EVERY_CLIENT: Scope = { all: true, clientIds: new Set() };

export function canSeeClient(scope: Scope, clientId: string | null | undefined): boolean {
  if (scope.all) return true;
  return clientId != null && scope.clientIds.has(clientId);
}

/** WHERE clause: the row's client column is visible. Never matches for an empty scope. */
export function clientCondition(scope: Scope, column: Column): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.clientIds.size === 0) return sql`false`;
  return inArray(column, [...scope.clientIds]);
}

/** Like clientCondition, but rows with no client (shared, horizontal) are visible too. */
export function clientOrSharedCondition(scope: Scope, column: Column): SQL | undefined {
  const c = clientCondition(scope, column);
  return c ? or(isNull(column), c) : undefined;
}

/** Whether an agent of team `teamId` is the caller's as far as teams go (clients are checked separately). */
export function canSeeAgentTeam(scope: Scope, teamId: string | null | undefined): boolean {
  if (!scope.teamIds) return true;
  return teamId != null && scope.teamIds.has(teamId);
}

/** WHERE clause on an agent's team column: undefined when the caller is not team-confined. */
export function agentTeamCondition(scope: Scope, column: Column): SQL | undefined {
  if (!scope.teamIds) return undefined;
  if (scope.teamIds.size === 0) return sql`false`;
  return inArray(column, [...scope.teamIds]);
}

/** Throws NOT_FOUND for a client the caller may not see: used when a body names a client. */
export function assertClientVisible(scope: Scope, clientId: string | null | undefined, field = 'client_id'): void {
  if (clientId != null && !canSeeClient(scope, clientId)) {
    throw ApiErrors.create('NOT_FOUND', { field }, `${field}: client not found`);
  }
}

/** Keeps only the client ids the caller may see, so a shared agent does not reveal other clients. */
export function visibleClientIds(scope: Scope, ids: readonly string[]): string[] {
  return scope.all ? [...ids] : ids.filter((id) => scope.clientIds.has(id));
}

export function requireRole(caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) throw ApiErrors.create('FORBIDDEN', { role: caller.role });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A fastify preValidation hook for `/:id` routes that checks the row is
 * visible before the body is validated, so a client's row answers 404 to
 * outsiders whatever they send (a 400 would confirm it exists).
 */
export function visibleFirst(check: (caller: Caller, id: string) => Promise<unknown>) {
  return async (req: { caller: Caller | null; params: unknown }): Promise<void> => {
    const id = (req.params as { id?: string }).id;
    if (!req.caller || !id) return;
    if (!UUID.test(id) || !(await check(req.caller, id))) throw ApiErrors.create('NOT_FOUND');
  };
}

/** A preValidation hook: the role is checked before the body, so a refused caller learns nothing from 400s. */
export function roleFirst(roles: readonly Role[]) {
  return async (req: { caller: Caller | null }): Promise<void> => {
    if (req.caller) requireRole(req.caller, roles);
  };
}
