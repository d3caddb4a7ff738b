/**
 * The one schema, for the embedded and the external PostgreSQL alike.
 * drizzle-kit generates the SQL migrations in drizzle/ from this file
 * (`npx drizzle-kit generate`); the server applies them at start.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();
const updated = () => ts('updated_at').notNull().defaultNow();

export const ROLES = ['admin', 'supervisor', 'agent', 'qa', 'planner', 'client_viewer'] as const;
export type Role = (typeof ROLES)[number];
export const CHANNELS = ['voice', 'chat', 'callback', 'work_item'] as const;
export type Channel = (typeof CHANNELS)[number];
export const POLICIES = ['longest_idle', 'most_skilled', 'least_occupied', 'round_robin', 'ring_all'] as const;
export const SITE_KINDS = ['onshore', 'nearshore', 'offshore'] as const;
export const RECORDING_POLICIES = ['inherit', 'always', 'never'] as const;

export const clients = pgTable('clients', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  code: text('code').notNull(),
  timezone: text('timezone').notNull(),
  country: text('country'),
  /** Record this client's calls unless a queue says otherwise (queues.recording). */
  recordCalls: boolean('record_calls').notNull().default(false),
  /** What a flow or an agent may dial out to for this client (transfers to numbers, callbacks). */
  dialPlan: jsonb('dial_plan').$type<DialPlan>().notNull().default({ allowed_prefixes: [] }),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('clients_code_uq').on(sql`lower(${t.code})`)]);

/** E.164 prefixes ('+1', '+4420') a client may call out to, and the trunk those calls use. */
export interface DialPlan { allowed_prefixes: string[]; trunk_id?: string | null }

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  country: text('country').notNull(),
  kind: text('kind', { enum: SITE_KINDS }).notNull().default('onshore'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  /** null: a horizontal team serving many clients; set: dedicated (vertical) to one client. */
  clientId: uuid('client_id').references(() => clients.id),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [index('teams_client_idx').on(t.clientId)]);

export const skills = pgTable('skills', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('skills_name_uq').on(sql`lower(${t.name})`)]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (see api/auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  lastLoginAt: ts('last_login_at'),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)]);

/** The clients a user is confined to. No rows: every client (admin, or unconfined staff). */
export const userClients = pgTable('user_clients', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  clientId: uuid('client_id').notNull().references(() => clients.id),
}, (t) => [primaryKey({ columns: [t.userId, t.clientId] }), index('user_clients_client_idx').on(t.clientId)]);

/**
 * The teams a supervisor is confined to, on top of their clients. No rows:
 * every team of the clients they see. With rows: only agents of these teams
 * (their states, their calls, force-state, monitor) are theirs.
 */
export const userTeams = pgTable('user_teams', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  teamId: uuid('team_id').notNull().references(() => teams.id),
}, (t) => [primaryKey({ columns: [t.userId, t.teamId] }), index('user_teams_team_idx').on(t.teamId)]);

export const agents = pgTable('agents', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  userId: uuid('user_id').references(() => users.id),
  extension: text('extension').notNull(),
  teamId: uuid('team_id').references(() => teams.id),
  siteId: uuid('site_id').references(() => sites.id),
  /** Per-channel capacity, e.g. { voice: 1, chat: 3, callback: 1, work_item: 1 }. */
  capacity: jsonb('capacity').$type<Record<Channel, number>>().notNull(),
  /**
   * Digest secrets of the agent's SIP phone (user = extension, realm
   * SIP_REALM): HA1 = H(user:realm:password) per algorithm, never the
   * password itself. Null: the extension cannot register.
   */
  sipHa1: jsonb('sip_ha1').$type<{ MD5: string; 'SHA-256': string }>(),
  /** The device the agent chose in the desktop: the browser softphone or the SIP desk phone. Null: not chosen yet. */
  device: text('device', { enum: ['browser', 'sip_phone'] }),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('agents_extension_uq').on(t.extension), uniqueIndex('agents_user_uq').on(t.userId)]);

/** The clients an agent serves (horizontal BPO: many; vertical: one). */
export const agentClients = pgTable('agent_clients', {
  agentId: uuid('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  clientId: uuid('client_id').notNull().references(() => clients.id),
}, (t) => [primaryKey({ columns: [t.agentId, t.clientId] }), index('agent_clients_client_idx').on(t.clientId)]);

export const agentSkills = pgTable('agent_skills', {
  agentId: uuid('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  skillId: uuid('skill_id').notNull().references(() => skills.id),
  level: smallint('level').notNull(),
}, (t) => [primaryKey({ columns: [t.agentId, t.skillId] })]);

export interface RequiredSkill { skill_id: string; min_level: number }
/** An overflow step: after `after_s` of waiting, widen who may take it, or leave the queue. */
export interface OverflowStep {
  after_s: number;
  min_level?: number;
  add_team_ids?: string[];
  action?: 'callback' | 'voicemail' | 'queue';
  target_queue_id?: string;
}

export const queues = pgTable('queues', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  name: text('name').notNull(),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  priority: smallint('priority').notNull().default(5),
  requiredSkills: jsonb('required_skills').$type<RequiredSkill[]>().notNull().default([]),
  policy: text('policy', { enum: POLICIES }).notNull().default('longest_idle'),
  slThresholdS: integer('sl_threshold_s').notNull().default(20),
  slTarget: real('sl_target').notNull().default(0.8),
  maxWaitS: integer('max_wait_s').notNull().default(600),
  wrapUpS: integer('wrap_up_s').notNull().default(30),
  ringTimeoutS: integer('ring_timeout_s').notNull().default(20),
  overflow: jsonb('overflow').$type<OverflowStep[]>().notNull().default([]),
  /** inherit: the client's record_calls; always / never override it. */
  recording: text('recording', { enum: RECORDING_POLICIES }).notNull().default('inherit'),
  /** Wrap-up disposition codes the agent picks from. */
  dispositions: jsonb('dispositions').$type<string[]>().notNull().default([]),
  /** The agent's script (markdown with {{variables}}), shown in the screen pop. */
  script: text('script').notNull().default(''),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [index('queues_client_idx').on(t.clientId)]);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The first characters of the key, shown in lists so a key can be recognised. */
  prefix: text('prefix').notNull(),
  /** SHA-256 of the whole key: keys are long random tokens, so a fast hash is enough. */
  keyHash: text('key_hash').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id),
  createdAt: created(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash)]);

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: created(),
  expiresAt: ts('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorEmail: text('actor_email'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  clientId: uuid('client_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
}, (t) => [index('audit_at_idx').on(t.at), index('audit_client_idx').on(t.clientId)]);

export const INTERACTION_STATES = ['created', 'queued', 'offered', 'active', 'wrap_up', 'done', 'abandoned', 'failed'] as const;

/**
 * One row per interaction of any channel: a call, a chat, a callback, a
 * back-office work item. Later issues fill it; its shape is set here so they
 * add rows, not columns for basics. Timestamps follow the lifecycle; the
 * *_ms durations are derived at the end and stored for fast reports.
 */
export const interactions = pgTable('interactions', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  direction: text('direction', { enum: ['inbound', 'outbound', 'internal'] }).notNull().default('inbound'),
  state: text('state', { enum: INTERACTION_STATES }).notNull().default('created'),
  queueId: uuid('queue_id').references(() => queues.id),
  agentId: uuid('agent_id').references(() => agents.id),
  /** The CRM customer (src/crm/): found or created by the caller's number at screen pop. */
  customerId: uuid('customer_id').references(() => customers.id),
  /** Caller's number, chat visitor's email, ... as first seen. */
  customerAddress: text('customer_address'),
  /** The number or address the customer reached (DID, chat widget id). */
  serviceAddress: text('service_address'),
  priority: smallint('priority').notNull().default(5),
  subject: text('subject'),
  /** For transfers and callbacks: the interaction this one continues. */
  parentId: uuid('parent_id'),
  /** SIP Call-ID, chat session id, campaign attempt id... */
  externalRef: text('external_ref'),
  campaignId: uuid('campaign_id'),
  createdAt: created(),
  queuedAt: ts('queued_at'),
  offeredAt: ts('offered_at'),
  answeredAt: ts('answered_at'),
  endedAt: ts('ended_at'),
  wrapUpEndedAt: ts('wrap_up_ended_at'),
  dueAt: ts('due_at'),
  /** answered | abandoned | failed | voicemail | callback_requested | transferred | completed */
  outcome: text('outcome'),
  disposition: text('disposition'),
  notes: text('notes'),
  waitMs: integer('wait_ms'),
  talkMs: integer('talk_ms'),
  holdMs: integer('hold_ms'),
  wrapMs: integer('wrap_ms'),
  offers: smallint('offers').notNull().default(0),
  /** After-call survey answer, 1-5. */
  csat: smallint('csat'),
  /** IVR path, digits, variables: what the agent's screen pop shows. */
  attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
  /** Simulated (demo) traffic is kept apart from real reports. */
  simulated: boolean('simulated').notNull().default(false),
}, (t) => [
  index('interactions_client_created_idx').on(t.clientId, t.createdAt),
  index('interactions_queue_created_idx').on(t.queueId, t.createdAt),
  index('interactions_agent_created_idx').on(t.agentId, t.createdAt),
  index('interactions_open_idx').on(t.state).where(sql`${t.state} not in ('done', 'abandoned', 'failed')`),
  index('interactions_customer_created_idx').on(t.customerId, t.createdAt),
]);

/** Small key/value settings (demo-mode switch, seed marker). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updated(),
});

export const CAMPAIGN_TYPES = ['telemarketing', 'collections', 'survey'] as const;
export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export const COMPLIANCE_PROFILES = ['US', 'UK'] as const;
export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'stopped'] as const;
export const MACHINE_ACTIONS = ['hangup', 'message', 'agent'] as const;
/** Minutes until the next attempt after a disposition, or 'next_day' (the next calling window's opening). */
export type RetryRules = Record<string, number | 'next_day'>;

/** An outbound campaign: who it calls for, how it paces, when it may call. */
export const campaigns = pgTable('campaigns', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  name: text('name').notNull(),
  type: text('type', { enum: CAMPAIGN_TYPES }).notNull(),
  mode: text('mode', { enum: DIAL_MODES }).notNull().default('preview'),
  /** E.164 number presented to the called party. */
  callerId: text('caller_id').notNull(),
  complianceProfile: text('compliance_profile', { enum: COMPLIANCE_PROFILES }).notNull().default('US'),
  /** ISO 3166 country assumed for lead numbers written in national format. */
  defaultCountry: text('default_country').notNull().default('US'),
  /** Calling window in the lead's local time, 'HH:MM' (end exclusive). */
  windowStart: text('window_start').notNull().default('08:00'),
  windowEnd: text('window_end').notNull().default('21:00'),
  maxAttempts: smallint('max_attempts').notNull().default(3),
  retryRules: jsonb('retry_rules').$type<RetryRules>().notNull().default({ busy: 30, no_answer: 240, machine: 'next_day' }),
  /** Local dates ('YYYY-MM-DD') on which the client does not call. */
  holidays: jsonb('holidays').$type<string[]>().notNull().default([]),
  queueId: uuid('queue_id').references(() => queues.id),
  /** What the live dialer does with an answering machine: hang up, leave `machine_message` after the beep, or pass it to an agent. */
  machineAction: text('machine_action', { enum: MACHINE_ACTIONS }).notNull().default('hangup'),
  /** Spoken (TTS) to a machine after its beep when machine_action is 'message'. */
  machineMessage: text('machine_message'),
  status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [index('campaigns_client_idx').on(t.clientId)]);

/** new: never tried; retry: tried, another attempt scheduled; done: finished; exhausted: max attempts reached. */
export const LEAD_STATUSES = ['new', 'retry', 'done', 'exhausted'] as const;

export const leads = pgTable('leads', {
  id: uuid('id').primaryKey(),
  campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
  /** E.164. */
  phone: text('phone').notNull(),
  name: text('name'),
  /** IANA zone; null when the number alone cannot tell (the selector then uses every zone it could be in). */
  timeZone: text('time_zone'),
  country: text('country'),
  fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
  status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
  /** Higher is called first among leads due at the same time. */
  priority: smallint('priority').notNull().default(5),
  attempts: smallint('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  lastAttemptAt: ts('last_attempt_at'),
  lastDisposition: text('last_disposition'),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [
  uniqueIndex('leads_campaign_phone_uq').on(t.campaignId, t.phone),
  index('leads_due_idx').on(t.campaignId, t.status, t.nextAttemptAt),
]);

export const DNC_SOURCES = ['import', 'ivr', 'agent', 'api'] as const;

/** Do-not-call numbers: a client's own list, or the global one (client_id null). */
export const dncEntries = pgTable('dnc_entries', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').references(() => clients.id),
  /** E.164. */
  phone: text('phone').notNull(),
  source: text('source', { enum: DNC_SOURCES }).notNull(),
  createdBy: uuid('created_by'),
  createdAt: created(),
}, (t) => [
  // One entry per number per list; the global list is the NULL client, made comparable here.
  uniqueIndex('dnc_entries_client_phone_uq').on(sql`coalesce(${t.clientId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.phone),
  index('dnc_entries_phone_idx').on(t.phone),
]);

export const TRUNK_TRANSPORTS = ['udp', 'tcp'] as const;

/**
 * A SIP trunk to a carrier. Inbound calls are accepted from its allowed
 * source addresses (IPs or CIDRs); outbound calls go to host:port and answer
 * the carrier's digest challenge with username / password. The password has
 * to be usable, so it is encrypted at rest (platform/secrets.ts), not hashed.
 */
export const trunks = pgTable('trunks', {
  id: uuid('id').primaryKey(),
  /** null: shared by every client (a BPO's own carrier); set: one client's. */
  clientId: uuid('client_id').references(() => clients.id),
  name: text('name').notNull(),
  host: text('host').notNull(),
  port: integer('port').notNull().default(5060),
  transport: text('transport', { enum: TRUNK_TRANSPORTS }).notNull().default('udp'),
  username: text('username'),
  passwordEnc: text('password_enc'),
  allowedSources: jsonb('allowed_sources').$type<string[]>().notNull().default([]),
  maxChannels: integer('max_channels').notNull().default(30),
  /** Register with the carrier (calls for the account come to our contact): needs username and password. */
  register: boolean('register').notNull().default(false),
  /** The registration lifetime asked for (the carrier may grant another). */
  registerExpiresS: integer('register_expires_s').notNull().default(600),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [index('trunks_client_idx').on(t.clientId)]);

export const NUMBER_KINDS = ['did', 'toll_free'] as const;

/** A number customers dial (E.164), owned by one client and answered by one flow. */
export const phoneNumbers = pgTable('phone_numbers', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  e164: text('e164').notNull(),
  kind: text('kind', { enum: NUMBER_KINDS }).notNull().default('did'),
  label: text('label').notNull().default(''),
  flowId: uuid('flow_id').references(() => flows.id),
  /** The trunk it arrives on; null: any trunk (or a phone dialing it directly). */
  trunkId: uuid('trunk_id').references(() => trunks.id),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('phone_numbers_e164_uq').on(t.e164), index('phone_numbers_client_idx').on(t.clientId)]);

/** An IVR flow (src/calls/flows/flow-schema.ts), validated on save. */
export const flows = pgTable('flows', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  name: text('name').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('flows_client_name_uq').on(t.clientId, sql`lower(${t.name})`)]);

export interface WeeklyHours { sun?: [string, string][]; mon?: [string, string][]; tue?: [string, string][]; wed?: [string, string][]; thu?: [string, string][]; fri?: [string, string][]; sat?: [string, string][] }
export interface Holiday { date: string; name?: string }

/** A client's business hours and holidays, read in the client's time zone (the `hours` verb's default). */
export const businessHours = pgTable('business_hours', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  weekly: jsonb('weekly').$type<WeeklyHours>().notNull(),
  holidays: jsonb('holidays').$type<Holiday[]>().notNull().default([]),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [uniqueIndex('business_hours_client_uq').on(t.clientId)]);

/** An uploaded prompt, 8 kHz mono WAV, stored as DATA_DIR/prompts/<client_id>/<id>.wav. */
export const prompts = pgTable('prompts', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  name: text('name').notNull(),
  durationMs: integer('duration_ms').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  createdAt: created(),
}, (t) => [uniqueIndex('prompts_client_name_uq').on(t.clientId, sql`lower(${t.name})`)]);

export const RECORDING_STATES = ['recording', 'complete', 'failed'] as const;
export const RECORDING_KINDS = ['call', 'voicemail'] as const;

/** A call's stereo recording (caller left, agent right) or a voicemail, under DATA_DIR/recordings/. */
export const recordings = pgTable('recordings', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  interactionId: uuid('interaction_id').notNull().references(() => interactions.id),
  kind: text('kind', { enum: RECORDING_KINDS }).notNull().default('call'),
  /** Relative to DATA_DIR. */
  path: text('path').notNull(),
  state: text('state', { enum: RECORDING_STATES }).notNull().default('recording'),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at'),
  durationMs: integer('duration_ms'),
  /** Time paused (card numbers), written as silence. */
  pausedMs: integer('paused_ms').notNull().default(0),
}, (t) => [index('recordings_interaction_idx').on(t.interactionId), index('recordings_client_idx').on(t.clientId, t.startedAt)]);

export const LEG_ROLES = ['caller', 'agent', 'customer', 'transfer', 'supervisor'] as const;

/** A CDR: one row per SIP leg (the caller's, each agent's ringing or answered leg, outbound legs). */
export const callLegs = pgTable('call_legs', {
  id: uuid('id').primaryKey(),
  interactionId: uuid('interaction_id').references(() => interactions.id),
  clientId: uuid('client_id').references(() => clients.id),
  sipCallId: text('sip_call_id').notNull(),
  direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
  role: text('role', { enum: LEG_ROLES }).notNull(),
  fromUri: text('from_uri').notNull(),
  toUri: text('to_uri').notNull(),
  trunkId: uuid('trunk_id').references(() => trunks.id),
  agentId: uuid('agent_id').references(() => agents.id),
  startedAt: ts('started_at').notNull(),
  answeredAt: ts('answered_at'),
  endedAt: ts('ended_at'),
  /** caller_hangup, agent_hangup, no_answer, busy, rejected, cancelled, system_restart ... */
  endReason: text('end_reason'),
  sipStatus: integer('sip_status'),
  rtpSent: integer('rtp_sent'),
  rtpReceived: integer('rtp_received'),
}, (t) => [index('call_legs_interaction_idx').on(t.interactionId), index('call_legs_open_idx').on(t.endedAt).where(sql`${t.endedAt} is null`)]);

/**
 * A client's customer (src/crm/). Numbers are E.164 in a text[] with a GIN
 * index: the screen pop asks "who in this client has +15551234567" with
 * `phones @> array[...]`, which the GIN index answers without a join, and
 * the record reads and writes as one row. A customer_phones table would buy
 * a unique constraint, but one number may rightly belong to several
 * customers (a household, a switchboard), so it is not wanted.
 */
export const customers = pgTable('customers', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  name: text('name').notNull(),
  phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
  /** Lower-case. */
  emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
  customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: created(),
  updatedAt: updated(),
}, (t) => [
  index('customers_client_name_idx').on(t.clientId, sql`lower(${t.name})`),
  index('customers_phones_gin').using('gin', t.phones),
  index('customers_emails_gin').using('gin', t.emails),
]);

export const CASE_STATUSES = ['open', 'pending', 'resolved'] as const;

/** A customer's problem, from open to resolved, with the interactions that worked on it. */
export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull().references(() => clients.id),
  customerId: uuid('customer_id').notNull().references(() => customers.id),
  subject: text('subject').notNull(),
  status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
  /** The user who opened it (null: the system). */
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: created(),
  updatedAt: updated(),
  resolvedAt: ts('resolved_at'),
}, (t) => [index('cases_client_status_idx').on(t.clientId, t.status, t.updatedAt), index('cases_customer_idx').on(t.customerId)]);

export const caseInteractions = pgTable('case_interactions', {
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  interactionId: uuid('interaction_id').notNull().references(() => interactions.id),
  createdAt: created(),
}, (t) => [primaryKey({ columns: [t.caseId, t.interactionId] }), index('case_interactions_interaction_idx').on(t.interactionId)]);

export const AGENT_LOG_STATES = ['offline', 'available', 'reserved', 'busy', 'wrap_up', 'aux'] as const;

/** Every agent state change, as the routing engine made it: time in state ("my day", reports). */
export const agentStateLog = pgTable('agent_state_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  agentId: uuid('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  /** The state entered at `at`; it lasts until the agent's next row. */
  state: text('state', { enum: AGENT_LOG_STATES }).notNull(),
  auxReason: text('aux_reason'),
  at: ts('at').notNull(),
}, (t) => [index('agent_state_log_agent_at_idx').on(t.agentId, t.at)]);
