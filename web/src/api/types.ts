/** Row shapes of the REST API v1 (snake_case, as the server sends them). */

export type Role = 'admin' | 'supervisor' | 'agent' | 'qa' | 'planner' | 'client_viewer';
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'qa', 'planner', 'client_viewer'];

export type Channel = 'voice' | 'chat' | 'callback' | 'work_item';
export const CHANNELS: readonly Channel[] = ['voice', 'chat', 'callback', 'work_item'];

export type RoutingPolicy = 'longest_idle' | 'most_skilled' | 'least_occupied' | 'round_robin' | 'ring_all';
export const ROUTING_POLICIES: readonly RoutingPolicy[] = [
  'longest_idle', 'most_skilled', 'least_occupied', 'round_robin', 'ring_all',
];

export type SiteKind = 'onshore' | 'nearshore' | 'offshore';
export const SITE_KINDS: readonly SiteKind[] = ['onshore', 'nearshore', 'offshore'];

interface Row {
  id: string;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface User extends Row {
  email: string;
  name: string;
  role: Role;
  /** Clients the user is confined to; empty means all clients. */
  client_ids: string[];
  /** Teams the user is confined to (only their agents); empty means every team of those clients. */
  team_ids: string[];
}

/** E.164 prefixes a client may call out to (transfers, callbacks) and the trunk those calls use. */
export interface DialPlan {
  allowed_prefixes: string[];
  trunk_id?: string | null;
}

export interface Client extends Row {
  name: string;
  code: string;
  timezone: string;
  country: string | null;
  /** Record this client's calls unless a queue says otherwise. */
  record_calls: boolean;
  dial_plan: DialPlan;
}

export interface Site extends Row {
  name: string;
  timezone: string;
  country: string;
  kind: SiteKind | null;
}

export interface Team extends Row {
  name: string;
  site_id: string;
  /** null: a horizontal team serving many clients. */
  client_id: string | null;
}

export interface Skill extends Row {
  name: string;
  description: string | null;
}

export interface SkillLevel {
  skill_id: string;
  level: number;
}

export type Capacity = Record<Channel, number>;

export interface Agent extends Row {
  name: string;
  user_id: string | null;
  extension: string;
  team_id: string | null;
  site_id: string | null;
  client_ids: string[];
  skills: SkillLevel[];
  capacity: Capacity;
  /** Whether a SIP password is set (the password itself is write-only). */
  sip_registered_secret: boolean;
}

export interface RequiredSkill {
  skill_id: string;
  min_level: number;
}

export interface Queue extends Row {
  client_id: string;
  name: string;
  channel: Channel;
  priority: number;
  required_skills: RequiredSkill[];
  policy: RoutingPolicy;
  sl_threshold_s: number;
  sl_target: number;
  max_wait_s: number;
  wrap_up_s: number;
  ring_timeout_s: number;
  recording: QueueRecording;
  /** Wrap-up codes the agent picks from. */
  dispositions: string[];
  /** The agent's script, markdown with {{variables}}. */
  script: string;
}

/** inherit: follow the client's record_calls; always / never override it. */
export type QueueRecording = 'inherit' | 'always' | 'never';
export const QUEUE_RECORDING: readonly QueueRecording[] = ['inherit', 'always', 'never'];

export interface AuditEntry {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  client_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** A key for integrations (GET /api-keys); the key itself is only in the answer that created it. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters after `sbk_`, to tell keys apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  /** The user the key acts as. */
  owner: { id: string; email: string; name: string };
}

/** POST /api-keys: the one answer that carries the secret. */
export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface SessionInfo {
  user: User;
  csrf_token: string;
}
