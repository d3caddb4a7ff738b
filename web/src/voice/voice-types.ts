/** Row shapes of the inbound-voice API (src/api/voice-*.ts, resources/), snake_case as sent. */

export const TRUNK_TRANSPORTS = ['udp', 'tcp'] as const;
export type TrunkTransport = (typeof TRUNK_TRANSPORTS)[number];

interface Row {
  id: string;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface Trunk extends Row {
  name: string;
  /** null: shared by every client. */
  client_id: string | null;
  host: string;
  port: number;
  transport: TrunkTransport;
  username: string | null;
  /** The password is write-only; rows only say whether one is set. */
  has_password: boolean;
  allowed_sources: string[];
  max_channels: number;
  /** What the server's OPTIONS pings last saw of the carrier. */
  health: TrunkHealth;
  /** Registers with the carrier (needs username and password). */
  register: boolean;
  register_expires_s: number;
  registration: TrunkRegistration;
}

/** off: the trunk does not register (or is disabled). */
export type TrunkRegistrationStatus = 'off' | 'registering' | 'registered' | 'failed';

export interface TrunkRegistration {
  status: TrunkRegistrationStatus;
  since: string | null;
  expires_at: string | null;
  response_code: number | null;
  /** Why the last attempt failed, in words. */
  reason: string | null;
}

export type TrunkHealthStatus = 'unknown' | 'up' | 'down';

export interface TrunkHealth {
  status: TrunkHealthStatus;
  checked_at: string | null;
  /** The carrier's final response to the last ping; null when nothing answered. */
  response_code: number | null;
  rtt_ms: number | null;
  since: string | null;
}

export const NUMBER_KINDS = ['did', 'toll_free'] as const;
export type NumberKind = (typeof NUMBER_KINDS)[number];

export interface PhoneNumber extends Row {
  client_id: string;
  e164: string;
  kind: NumberKind;
  label: string;
  flow_id: string | null;
  trunk_id: string | null;
}

export interface FlowRow extends Row {
  client_id: string;
  name: string;
  definition: Record<string, unknown>;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Open ranges per weekday, "HH:MM" in the client's time zone. */
export type WeeklyHours = Partial<Record<Weekday, [string, string][]>>;

export interface Holiday {
  date: string;
  name?: string | null;
}

export interface BusinessHours extends Row {
  client_id: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
}

export interface Prompt {
  id: string;
  client_id: string;
  name: string;
  duration_ms: number;
  size_bytes: number;
  created_at: string;
}

/** `POST /flows/validate`: a dry run of the save-time checks. */
export interface FlowValidationResult {
  ok: boolean;
  issues: { path: string; message: string }[];
  /** Worth fixing, not blocking a save (unreachable steps...), when the server sends them. */
  warnings?: { path: string; message: string }[];
}
