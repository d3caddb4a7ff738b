import { checkInt, isBlank, requireFields, type FieldErrors } from '../../admin/form/validate.js';
import { TRUNK_TRANSPORTS, type Trunk, type TrunkHealth, type TrunkRegistration, type TrunkTransport } from '../voice-types.js';

export interface TrunkDraft {
  name: string;
  /** '' = shared by every client. */
  client_id: string;
  host: string;
  port: string;
  transport: TrunkTransport;
  username: string;
  /** Write-only: blank on edit keeps the stored one. */
  password: string;
  /** One address or CIDR per line (commas also split). */
  allowed_sources: string;
  max_channels: string;
  register: boolean;
  register_expires_s: string;
}

export function trunkDraft(row: Trunk | null): TrunkDraft {
  return {
    name: row?.name ?? '',
    client_id: row?.client_id ?? '',
    host: row?.host ?? '',
    port: String(row?.port ?? 5060),
    transport: row?.transport ?? 'udp',
    username: row?.username ?? '',
    password: '',
    allowed_sources: (row?.allowed_sources ?? []).join('\n'),
    max_channels: String(row?.max_channels ?? 30),
    register: row?.register ?? false,
    register_expires_s: String(row?.register_expires_s ?? 600),
  };
}

export const splitList = (text: string): string[] => text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s.length > 0);

/** A loose shape check (IPv4, IPv6, optional /prefix); the server checks the real thing. */
const ADDRESS = /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/[0-9]{1,3})?$/;

/** `hasPassword`: a password is stored already (editing), so a blank one keeps it. */
export function validateTrunk(d: TrunkDraft, hasPassword = false): FieldErrors {
  const errors: FieldErrors = {};
  if (d.register) {
    checkInt(errors, 'register_expires_s', d.register_expires_s, 60, 86400);
    if (isBlank(d.username)) errors['username'] = 'Registering needs the carrier account’s username';
    if (isBlank(d.password) && !hasPassword) errors['password'] = 'Registering needs the account’s password';
  }
  requireFields(d, ['name', 'host'], errors);
  if (!errors['host'] && /\s|:\/\//.test(d.host.trim())) errors['host'] = 'A host name or address only, e.g. sip.carrier.example';
  checkInt(errors, 'port', d.port, 1, 65535);
  checkInt(errors, 'max_channels', d.max_channels, 1, 10000);
  if (!TRUNK_TRANSPORTS.includes(d.transport)) errors['transport'] = 'Choose UDP or TCP';
  const bad = splitList(d.allowed_sources).find((a) => !ADDRESS.test(a));
  if (bad !== undefined) errors['allowed_sources'] = `“${bad}” is not an IP address or CIDR range`;
  return errors;
}

export function trunkBody(d: TrunkDraft, isNew: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    host: d.host.trim(),
    port: Number(d.port),
    transport: d.transport,
    username: isBlank(d.username) ? null : d.username.trim(),
    allowed_sources: splitList(d.allowed_sources),
    max_channels: Number(d.max_channels),
    register: d.register,
  };
  if (d.register) body['register_expires_s'] = Number(d.register_expires_s);
  // The owner is fixed once created (numbers and dial plans point at the trunk).
  if (isNew) body['client_id'] = d.client_id === '' ? null : d.client_id;
  if (!isBlank(d.password)) body['password'] = d.password;
  return body;
}

/** The registration pill: null for a trunk that does not register; else its words, colour and the last answer. */
export function trunkRegistrationPill(r: TrunkRegistration): { label: string; tone: string; title: string } | null {
  if (r.status === 'off') return null;
  if (r.status === 'registering') return { label: 'Registering…', tone: '', title: 'Waiting for the carrier’s answer' };
  if (r.status === 'registered') {
    return { label: 'Registered', tone: 'pill-ok', title: `Registered${r.expires_at === null ? '' : ` until ${new Date(r.expires_at).toLocaleString()}`}; refreshed before then` };
  }
  return { label: 'Not registered', tone: 'pill-error', title: `${r.reason ?? 'Registration failed'}${r.response_code === null ? '' : ` (${r.response_code})`}; retrying` };
}

/** The status pill of a trunk's health: its words, its colour class and a tooltip with the last check. */
export function trunkHealthPill(h: TrunkHealth, disabled: boolean): { label: string; tone: string; title: string } {
  if (disabled || h.status === 'unknown') {
    return { label: 'Not checked', tone: '', title: disabled ? 'Disabled trunks are not checked' : 'No OPTIONS answer or timeout yet (or checks are off)' };
  }
  const since = h.since === null ? '' : ` since ${new Date(h.since).toLocaleString()}`;
  if (h.status === 'up') {
    return { label: 'Up', tone: 'pill-ok', title: `Answered OPTIONS with ${h.response_code ?? '?'} in ${h.rtt_ms ?? '?'} ms; up${since}` };
  }
  return { label: 'Down', tone: 'pill-error', title: `No answer to OPTIONS; down${since}` };
}
