import { auditLog } from '../store/schema.js';
import type { Db } from '../store/database.js';
import type { Clock } from '../platform/clock.js';
import type { Caller } from './access.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  clientId?: string | null;
  actor?: Caller;
  actorEmail?: string;
  before?: unknown;
  after?: unknown;
  ip?: string;
}

const SECRET_KEYS = /password|hash|secret|token/i;

/** Drops secrets from before/after images: the audit log must never hold a hash. */
function scrub(v: unknown): unknown {
  if (v == null || typeof v !== 'object') return v ?? null;
  if (Array.isArray(v)) return v.map(scrub);
  return Object.fromEntries(Object.entries(v).filter(([k]) => !SECRET_KEYS.test(k)).map(([k, x]) => [k, scrub(x)]));
}

/** Who did what, when, before and after. Written in the same request that made the change. */
export class AuditLog {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async record(e: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      at: new Date(this.clock.now()),
      actorUserId: e.actor?.userId ?? null,
      actorEmail: e.actor?.email ?? e.actorEmail ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      clientId: e.clientId ?? null,
      before: scrub(e.before),
      after: scrub(e.after),
      ip: e.ip ?? e.actor?.ip ?? null,
    });
  }
}
