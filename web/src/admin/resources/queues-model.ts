import { CHANNELS, QUEUE_RECORDING, ROUTING_POLICIES, type Channel, type Queue, type QueueRecording, type RoutingPolicy } from '../../api/types.js';
import { validateSkillRows, type SkillLevelDraft } from '../form/skill-levels-editor.js';
import { checkInt, isBlank, requireFields, type FieldErrors } from '../form/validate.js';

export interface QueueDraft {
  client_id: string;
  name: string;
  channel: Channel | '';
  priority: string;
  policy: RoutingPolicy;
  required_skills: SkillLevelDraft[];
  sl_threshold_s: string;
  /** Shown as a percentage; the API takes a 0–1 fraction. */
  sl_target: string;
  max_wait_s: string;
  wrap_up_s: string;
  ring_timeout_s: string;
  recording: QueueRecording;
  dispositions: string[];
  script: string;
}

/** Defaults from the API contract, so a new queue starts with what the server would pick. */
export function queueDraft(row: Queue | null): QueueDraft {
  return {
    client_id: row?.client_id ?? '',
    name: row?.name ?? '',
    channel: row?.channel ?? '',
    priority: String(row?.priority ?? 5),
    policy: row?.policy ?? 'longest_idle',
    required_skills: (row?.required_skills ?? []).map((s) => ({ skill_id: s.skill_id, level: String(s.min_level) })),
    sl_threshold_s: String(row?.sl_threshold_s ?? 20),
    sl_target: String(Math.round((row?.sl_target ?? 0.8) * 1000) / 10),
    max_wait_s: String(row?.max_wait_s ?? 600),
    wrap_up_s: String(row?.wrap_up_s ?? 30),
    ring_timeout_s: String(row?.ring_timeout_s ?? 20),
    recording: row?.recording ?? 'inherit',
    dispositions: row?.dispositions ?? [],
    script: row?.script ?? '',
  };
}

export function validateQueue(d: QueueDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['client_id', 'name', 'channel'], errors);
  if (d.channel !== '' && !CHANNELS.includes(d.channel)) errors['channel'] = 'Choose a channel';
  if (!ROUTING_POLICIES.includes(d.policy)) errors['policy'] = 'Choose a policy';
  checkInt(errors, 'priority', d.priority, 1, 10);
  // No upper bounds here: back-office (work_item) queues measure SL and waits in hours or days.
  checkInt(errors, 'sl_threshold_s', d.sl_threshold_s, 1);
  checkInt(errors, 'max_wait_s', d.max_wait_s, 1);
  checkInt(errors, 'wrap_up_s', d.wrap_up_s, 0);
  checkInt(errors, 'ring_timeout_s', d.ring_timeout_s, 1);
  const target = Number(d.sl_target);
  if (isBlank(d.sl_target)) errors['sl_target'] = 'Required';
  else if (!Number.isFinite(target) || target < 0 || target > 100) errors['sl_target'] = 'A percentage from 0 to 100';
  validateSkillRows(d.required_skills, 'required_skills', 'min_level', errors);
  if (!QUEUE_RECORDING.includes(d.recording)) errors['recording'] = 'Choose a recording policy';
  if (d.dispositions.some((x) => x.length > 60)) errors['dispositions'] = 'At most 60 characters each';
  return errors;
}

export function queueBody(d: QueueDraft): Record<string, unknown> {
  return {
    client_id: d.client_id,
    name: d.name.trim(),
    channel: d.channel,
    priority: Number(d.priority),
    policy: d.policy,
    required_skills: d.required_skills.map((s) => ({ skill_id: s.skill_id, min_level: Number(s.level) })),
    sl_threshold_s: Number(d.sl_threshold_s),
    // Percent → fraction, rounded so 80 becomes 0.8 and not 0.8000000000000002.
    sl_target: Math.round(Number(d.sl_target) * 10) / 1000,
    max_wait_s: Number(d.max_wait_s),
    wrap_up_s: Number(d.wrap_up_s),
    ring_timeout_s: Number(d.ring_timeout_s),
    recording: d.recording,
    dispositions: d.dispositions,
    script: d.script,
  };
}
