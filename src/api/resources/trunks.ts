import { isIP } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids.js';
import { encryptSecret } from '../../platform/secrets.js';
import { TRUNK_TRANSPORTS, trunks } from '../../store/schema.js';
import { healthJson, type TrunkHealth } from '../../calls/trunk-health.js';
import { registrationJson, type TrunkRegistration } from '../../calls/trunk-register.js';
import { validationError } from '../errors.js';
import { assertClientVisible, clientOrSharedCondition } from '../access.js';
import { ADMIN, pageRows, type ResourceDef } from './resource.js';
import { iso, name, patchOf, stamps, uuid } from './fields.js';

/** An IPv4 / IPv6 address, or a CIDR block of either ("203.0.113.0/24", "2001:db8::/32"). */
export function isAddressOrCidr(v: string): boolean {
  const [addr, bits, extra] = v.split('/');
  const family = isIP(addr);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const host = z.string().trim().refine((v) => HOSTNAME.test(v) || isIP(v) !== 0, 'must be a host name or an IP address (no scheme, no port)');
const source = z.string().trim().refine(isAddressOrCidr, 'must be an IPv4 or IPv6 address or CIDR block, like 203.0.113.10 or 203.0.113.0/24');

const shape = {
  /** null or absent: shared by every client (the BPO's own carrier). */
  client_id: uuid.nullable().optional(),
  name,
  host,
  port: z.number().int().min(1).max(65535).default(5060),
  transport: z.enum(TRUNK_TRANSPORTS).default('udp'),
  username: z.string().trim().min(1).max(200).nullable().optional(),
  /** Write-only: stored encrypted, never returned. null removes it. */
  password: z.string().min(1).max(200).nullable().optional(),
  allowed_sources: z.array(source).max(100).default([]),
  max_channels: z.number().int().min(1).max(10_000).default(30),
  /** Register with the carrier (RFC 3261 §10): for carriers that send an account's calls to where it registered. Needs username and password. */
  register: z.boolean().default(false),
  register_expires_s: z.number().int().min(60).max(86_400).default(600),
};
/** What the OPTIONS monitor last saw (calls/trunk-health.ts): unknown until checked, and for a disabled trunk. */
const health = z.object({
  status: z.enum(['unknown', 'up', 'down']), checked_at: z.string().nullable(), response_code: z.number().nullable(),
  rtt_ms: z.number().nullable(), since: z.string().nullable(),
});
/** What the registration keeps (calls/trunk-register.ts): off for a trunk that does not register, or a disabled one. */
const registration = z.object({
  status: z.enum(['off', 'registering', 'registered', 'failed']), since: z.string().nullable(), expires_at: z.string().nullable(),
  response_code: z.number().nullable(), reason: z.string().nullable(),
});
const row = z.object({
  id: z.string(), client_id: z.string().nullable(), name: z.string(), host: z.string(), port: z.number(), transport: z.enum(TRUNK_TRANSPORTS),
  username: z.string().nullable(), has_password: z.boolean(), allowed_sources: z.array(z.string()), max_channels: z.number(), health,
  register: z.boolean(), register_expires_s: z.number(), registration, ...stamps,
});
type Row = z.infer<typeof row>;
type Create = z.infer<z.ZodObject<typeof shape>>;
type Patch = z.infer<ReturnType<typeof patchOf<typeof shape>>>;

/** A trunk's health as the monitor knows it now; undefined when it has never looked at that trunk. */
export type TrunkHealthLookup = (trunkId: string) => TrunkHealth | undefined;
/** A trunk's registration as the registrar keeps it now; undefined when it does not register it. */
export type TrunkRegistrationLookup = (trunkId: string) => TrunkRegistration | undefined;

const toRowWith = (lookup: TrunkHealthLookup | undefined, registered: TrunkRegistrationLookup | undefined) => (t: typeof trunks.$inferSelect): Row => ({
  id: t.id, client_id: t.clientId, name: t.name, host: t.host, port: t.port, transport: t.transport, username: t.username,
  has_password: t.passwordEnc !== null, allowed_sources: t.allowedSources, max_channels: t.maxChannels,
  // A disabled trunk is not pinged: whatever was last seen of it is stale.
  health: healthJson(t.disabled ? undefined : lookup?.(t.id)),
  register: t.register, register_expires_s: t.registerExpiresS,
  registration: registrationJson(t.disabled || !t.register ? undefined : registered?.(t.id)),
  disabled: t.disabled, created_at: iso(t.createdAt), updated_at: iso(t.updatedAt),
});

/**
 * SIP trunks to carriers. Carrier credentials and addresses are the BPO's
 * infrastructure, so only admins read or write them; a trunk is either one
 * client's (client_id) or shared by all (client_id null). The password is
 * write-only: encrypted with platform/secrets.ts (the call engine decrypts
 * it to answer the carrier's challenge), shown only as `has_password`.
 * Rows carry `health`, the OPTIONS monitor's last view of the carrier.
 */
export function trunksResource(secretKey: Buffer, health?: TrunkHealthLookup, registration?: TrunkRegistrationLookup): ResourceDef<Row, Create, Patch> {
  const toRow = toRowWith(health, registration);
  // Registering needs an account: refused with the field named, before anything is stored.
  const mustHaveAccount = (r: { register: boolean; username: string | null | undefined; hasPassword: boolean }) => {
    if (r.register && (r.username == null || !r.hasPassword)) throw validationError([{ path: 'register', message: 'needs a username and a password' }]);
  };
  const columns = (p: Partial<Create> & { disabled?: boolean }) => ({
    clientId: p.client_id, name: p.name, host: p.host, port: p.port, transport: p.transport, username: p.username,
    passwordEnc: p.password === undefined ? undefined : p.password === null ? null : encryptSecret(p.password, secretKey),
    allowedSources: p.allowed_sources, maxChannels: p.max_channels, register: p.register, registerExpiresS: p.register_expires_s, disabled: p.disabled,
  });
  return {
    path: 'trunks', entity: 'trunk', clientScope: 'entity', row,
    create: z.object(shape).strict(), patch: patchOf(shape), readRoles: ADMIN, writeRoles: ADMIN,
    clientOf: (r) => r.client_id,
    list: ({ db, caller }, q) => pageRows(db, trunks, [clientOrSharedCondition(caller.scope, trunks.clientId)], [trunks.name, trunks.host], q, trunks.disabled,
      async (w) => (await db.select().from(trunks).where(w).orderBy(asc(trunks.name)).limit(q.limit).offset(q.offset)).map(toRow)),
    async get({ db, caller }, id) {
      const [t] = await db.select().from(trunks).where(and(eq(trunks.id, id), clientOrSharedCondition(caller.scope, trunks.clientId)));
      return t && toRow(t);
    },
    async insert({ db, caller }, b) {
      assertClientVisible(caller.scope, b.client_id);
      mustHaveAccount({ register: b.register, username: b.username, hasPassword: b.password != null });
      const [t] = await db.insert(trunks).values({ id: newId(), ...columns(b), clientId: b.client_id ?? null, name: b.name, host: b.host }).returning();
      return toRow(t);
    },
    async update({ db, caller }, id, p, before) {
      if (p.client_id !== undefined) assertClientVisible(caller.scope, p.client_id);
      mustHaveAccount({ register: p.register ?? before.register, username: p.username === undefined ? before.username : p.username,
        hasPassword: p.password === undefined ? before.has_password : p.password !== null });
      const [t] = await db.update(trunks).set({ ...columns(p), updatedAt: new Date() }).where(eq(trunks.id, id)).returning();
      return toRow(t);
    },
  };
}
