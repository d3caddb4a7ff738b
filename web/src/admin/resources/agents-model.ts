import { CHANNELS, type Agent, type Capacity } from '../../api/types.js';
import type { CapacityDraft } from '../form/capacity-editor.js';
import { validateSkillRows, type SkillLevelDraft } from '../form/skill-levels-editor.js';
import { checkInt, requireFields, type FieldErrors } from '../form/validate.js';

/** A new agent takes one call, or three chats, at a time (the usual blend). */
export const DEFAULT_CAPACITY: Capacity = { voice: 1, chat: 3, callback: 1, work_item: 1 };

export interface AgentDraft {
  name: string;
  extension: string;
  user_id: string;
  team_id: string;
  site_id: string;
  client_ids: string[];
  skills: SkillLevelDraft[];
  capacity: CapacityDraft;
  /** Write-only: the SIP phone's password for the extension; blank keeps the current one. */
  sip_password: string;
}

export const MIN_SIP_PASSWORD = 8;

export function agentDraft(row: Agent | null): AgentDraft {
  const cap = row?.capacity ?? DEFAULT_CAPACITY;
  return {
    name: row?.name ?? '',
    extension: row?.extension ?? '',
    user_id: row?.user_id ?? '',
    team_id: row?.team_id ?? '',
    site_id: row?.site_id ?? '',
    client_ids: row?.client_ids ?? [],
    skills: (row?.skills ?? []).map((s) => ({ skill_id: s.skill_id, level: String(s.level) })),
    capacity: {
      voice: String(cap.voice ?? DEFAULT_CAPACITY.voice),
      chat: String(cap.chat ?? DEFAULT_CAPACITY.chat),
      callback: String(cap.callback ?? DEFAULT_CAPACITY.callback),
      work_item: String(cap.work_item ?? DEFAULT_CAPACITY.work_item),
    },
    sip_password: '',
  };
}

export function validateAgent(d: AgentDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name', 'extension'], errors);
  if (!errors['extension'] && !/^\d{2,10}$/.test(d.extension.trim())) errors['extension'] = 'Digits only, e.g. 1001';
  validateSkillRows(d.skills, 'skills', 'level', errors);
  for (const ch of CHANNELS) checkInt(errors, `capacity.${ch}`, d.capacity[ch], 0, 50);
  if (CHANNELS.some((ch) => errors[`capacity.${ch}`])) errors['capacity'] ??= 'Check the capacities';
  if (d.sip_password !== '' && d.sip_password.length < MIN_SIP_PASSWORD) errors['sip_password'] = `At least ${MIN_SIP_PASSWORD} characters`;
  return errors;
}

const orNull = (id: string): string | null => (id === '' ? null : id);

export function agentBody(d: AgentDraft): Record<string, unknown> {
  const capacity = Object.fromEntries(CHANNELS.map((ch) => [ch, Number(d.capacity[ch])])) as Capacity;
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    extension: d.extension.trim(),
    user_id: orNull(d.user_id),
    team_id: orNull(d.team_id),
    site_id: orNull(d.site_id),
    client_ids: d.client_ids,
    skills: d.skills.map((s) => ({ skill_id: s.skill_id, level: Number(s.level) })),
    capacity,
  };
  if (d.sip_password !== '') body['sip_password'] = d.sip_password;
  return body;
}
