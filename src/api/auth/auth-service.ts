import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import { newId, randomToken } from '../../platform/ids.js';
import type { Db } from '../../store/database.js';
import { agentClients, agents, apiKeys, sessions, userClients, userTeams, users } from '../../store/schema.js';
import { EVERY_CLIENT, type Caller, type Scope } from '../access.js';
import { ApiErrors } from '../errors.js';
import type { AuditLog } from '../audit.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyHash, verifyPassword } from './password.js';

export const SESSION_COOKIE = 'sb_session';
const SESSION_TTL_MS = 12 * 3600_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type UserRow = typeof users.$inferSelect;

export interface PublicUser {
  id: string; email: string; name: string; role: UserRow['role']; client_ids: string[]; team_ids: string[]; disabled: boolean; created_at: string; updated_at: string;
}

/** What a user may see, as stored: no clients = every client, no teams = every team of those clients. */
export interface Confinement {
  clientIds: string[];
  teamIds: string[];
  /** The clients the user's agent record serves; undefined when no agent is linked to the user. */
  agentClientIds?: string[];
}

export function toPublicUser(u: UserRow, c: Confinement): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, client_ids: c.clientIds, team_ids: c.teamIds, disabled: u.disabled,
    created_at: u.createdAt.toISOString(), updated_at: u.updatedAt.toISOString() };
}

export interface SessionInfo { caller: Caller; csrfToken: string; user: PublicUser }

/** Logins, sessions and API keys. Secrets are stored hashed; tokens are random. */
export class AuthService {
  /** Per account: a few tries. Per source address: more, since an office may share one NAT address. */
  readonly accountThrottle: LoginThrottle;
  readonly sourceThrottle: LoginThrottle;
  constructor(private readonly db: Db, private readonly clock: Clock, private readonly audit: AuditLog) {
    this.accountThrottle = new LoginThrottle(clock);
    this.sourceThrottle = new LoginThrottle(clock, { freeAttempts: 50, windowMs: 15 * 60_000, baseDelayMs: 1000, maxDelayMs: 5 * 60_000 });
  }

  /**
   * Read on every request (session or API key), never cached: an admin's
   * change of a user's clients or teams applies to that user's next request.
   */
  async confinementOf(userId: string): Promise<Confinement> {
    const [clientRows, teamRows, agentRows] = await Promise.all([
      this.db.select({ c: userClients.clientId }).from(userClients).where(eq(userClients.userId, userId)),
      this.db.select({ t: userTeams.teamId }).from(userTeams).where(eq(userTeams.userId, userId)),
      this.db.select({ a: agents.id, c: agentClients.clientId }).from(agents).leftJoin(agentClients, eq(agentClients.agentId, agents.id)).where(eq(agents.userId, userId)),
    ]);
    const agentClientIds = agentRows.length === 0 ? undefined : agentRows.flatMap((r) => (r.c === null ? [] : [r.c]));
    return { clientIds: clientRows.map((r) => r.c), teamIds: teamRows.map((r) => r.t), agentClientIds };
  }

  scopeFor(role: UserRow['role'], { clientIds, teamIds, agentClientIds }: Confinement): Scope {
    // Admins see everything: stored teams (there should be none) never confine them.
    if (role === 'admin') return EVERY_CLIENT;
    const teams = teamIds.length ? { teamIds: new Set(teamIds) } : {};
    if (role === 'agent') {
      // An agent works for the clients their agent record serves, narrowed by the user's own confinement;
      // an agent user with neither sees nothing (never every client by omission).
      const allowed = agentClientIds === undefined ? clientIds : clientIds.length === 0 ? agentClientIds : agentClientIds.filter((c) => clientIds.includes(c));
      return { all: false, clientIds: new Set(allowed) };
    }
    if (clientIds.length === 0) {
      // A client viewer must always be confined; one with no client sees nothing.
      return role === 'client_viewer' ? { all: false, clientIds: new Set() } : { ...EVERY_CLIENT, ...teams };
    }
    return { all: false, clientIds: new Set(clientIds), ...teams };
  }

  async login(email: string, password: string, ip: string, userAgent: string | undefined): Promise<SessionInfo & { token: string }> {
    const acct = [email.toLowerCase()], source = [ip];
    const wait = Math.max(this.accountThrottle.retryAfterMs(acct), this.sourceThrottle.retryAfterMs(source));
    if (wait > 0) throw ApiErrors.create('LOGIN_THROTTLED', { retry_after_s: Math.ceil(wait / 1000) });
    const [user] = await this.db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
    // Verify against a dummy hash for unknown emails so response time does not reveal accounts.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || user.disabled) {
      this.accountThrottle.fail(acct);
      this.sourceThrottle.fail(source);
      await this.audit.record({ action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, actorEmail: email, ip });
      throw ApiErrors.create('INVALID_CREDENTIALS');
    }
    this.accountThrottle.succeed(acct);
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const now = this.clock.now();
    await this.db.insert(sessions).values({ idHash: sha256(token), userId: user.id, csrfToken, createdAt: new Date(now),
      expiresAt: new Date(now + SESSION_TTL_MS), ip, userAgent: userAgent?.slice(0, 300) ?? null });
    await this.db.update(users).set({ lastLoginAt: new Date(now) }).where(eq(users.id, user.id));
    await this.db.delete(sessions).where(lt(sessions.expiresAt, new Date(now)));
    const confinement = await this.confinementOf(user.id);
    const caller = this.#caller(user, confinement, 'session', ip);
    await this.audit.record({ action: 'auth.login', entity: 'user', entityId: user.id, actor: caller, ip });
    return { token, csrfToken, caller, user: toPublicUser(user, confinement) };
  }

  async resolveSession(token: string, ip: string): Promise<SessionInfo | undefined> {
    const [row] = await this.db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.idHash, sha256(token)), gt(sessions.expiresAt, new Date(this.clock.now())))).limit(1);
    if (!row || row.users.disabled) return undefined;
    const confinement = await this.confinementOf(row.users.id);
    return { caller: this.#caller(row.users, confinement, 'session', ip), csrfToken: row.sessions.csrfToken, user: toPublicUser(row.users, confinement) };
  }

  async logout(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, sha256(token)));
  }

  async resolveApiKey(key: string, ip: string): Promise<Caller | undefined> {
    if (!key.startsWith('sbk_')) return undefined;
    const [row] = await this.db.select().from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId))
      .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt))).limit(1);
    if (!row || row.users.disabled) return undefined;
    await this.db.update(apiKeys).set({ lastUsedAt: new Date(this.clock.now()) }).where(eq(apiKeys.id, row.api_keys.id));
    return this.#caller(row.users, await this.confinementOf(row.users.id), 'api_key', ip);
  }

  /** Creates an API key acting as `userId`; the key is returned once and stored only hashed. */
  async createApiKey(userId: string, name: string): Promise<{ id: string; key: string; prefix: string }> {
    const prefix = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
    const key = `sbk_${prefix}_${randomToken(32)}`;
    const id = newId();
    await this.db.insert(apiKeys).values({ id, name, prefix, keyHash: sha256(key), userId, createdAt: new Date(this.clock.now()) });
    return { id, key, prefix };
  }

  #caller(u: UserRow, c: Confinement, via: Caller['via'], ip: string): Caller {
    return { userId: u.id, email: u.email, name: u.name, role: u.role, scope: this.scopeFor(u.role, c), via, ip };
  }
}
