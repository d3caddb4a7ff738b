import { CHANNELS, QUEUE_RECORDING, ROUTING_POLICIES, type Channel, type Client, type Queue, type QueueRecording, type RoutingPolicy, type Skill } from '../../api/types.js';
import { channelLabel, policyLabel } from '../../shell/labels.js';
import { SelectField, TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { ScriptField } from '../form/script-field.js';
import { SkillLevelsEditor } from '../form/skill-levels-editor.js';
import { TagListField } from '../form/tag-list-field.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { nameOf, toOptions, useOptions } from '../use-options.js';
import { queueBody, queueDraft, validateQueue } from './queues-model.js';

const RECORDING_LABELS: Record<QueueRecording, string> = { inherit: 'As the client says', always: 'Always record', never: 'Never record' };

type SecondsOrPriority = 'priority' | 'sl_threshold_s' | 'max_wait_s' | 'wrap_up_s' | 'ring_timeout_s';

function QueueForm({ row, onClose, onSaved }: FormProps<Queue>) {
  const clients = useOptions<Client>('/clients');
  const skills = useOptions<Skill>('/skills');
  const f = useResourceForm({ path: '/queues', row, initialDraft: queueDraft(row), validate: validateQueue, toBody: queueBody, onSaved });
  const d = f.draft;
  const num = (label: string, field: SecondsOrPriority, hint?: string) => (
    <TextField label={label} type="number" required value={d[field]} onChange={(v) => f.set(field, v)}
      error={f.errors[field]} hint={hint} />
  );
  return (
    <FormDialog title={f.isNew ? 'New queue' : `Edit queue ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <div className="form-grid">
        <SelectField label="Client" required value={d.client_id} onChange={(v) => f.set('client_id', v)}
          emptyLabel={clients.loading ? 'Loading…' : 'Choose a client…'} options={toOptions(clients.items, (c) => c.name, [d.client_id])}
          error={f.errors['client_id'] ?? clients.error ?? undefined} />
        <TextField label="Name" required value={d.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
        <SelectField label="Channel" required value={d.channel} onChange={(v) => f.set('channel', v as Channel | '')}
          emptyLabel="Choose a channel…" options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))} error={f.errors['channel']} />
        <SelectField label="Routing policy" required value={d.policy} onChange={(v) => f.set('policy', v as RoutingPolicy)}
          options={ROUTING_POLICIES.map((p) => ({ value: p, label: policyLabel(p) }))} error={f.errors['policy']} />
        {num('Priority', 'priority', '1 (lowest) to 10 (highest)')}
        {num('Service level threshold (s)', 'sl_threshold_s', 'Answered within this many seconds counts as in SL')}
        <TextField label="Service level target (%)" type="number" required value={d.sl_target} onChange={(v) => f.set('sl_target', v)}
          error={f.errors['sl_target']} hint="e.g. 80 for 80/20" />
        {num('Max wait (s)', 'max_wait_s')}
        {num('Wrap-up (s)', 'wrap_up_s', 'After-call work time')}
        {num('Ring timeout (s)', 'ring_timeout_s', 'How long an offer rings before the next agent')}
      </div>
      <SkillLevelsEditor legend="Required skills" levelLabel="Minimum level" field="required_skills" levelKey="min_level"
        rows={d.required_skills} onChange={(v) => f.set('required_skills', v)} errors={f.errors}
        skills={toOptions(skills.items, (s) => s.name, d.required_skills.map((s) => s.skill_id))} />
      <div className="form-grid">
        <SelectField label="Call recording" value={d.recording} onChange={(v) => f.set('recording', v as QueueRecording)}
          options={QUEUE_RECORDING.map((r) => ({ value: r, label: RECORDING_LABELS[r] }))} error={f.errors['recording']}
          hint="“As the client says” follows the client’s Record calls setting" />
      </div>
      <TagListField label="Dispositions" value={d.dispositions} onChange={(v) => f.set('dispositions', v)} error={f.errors['dispositions']}
        placeholder="Type a code, then Enter" hint="What agents pick at wrap-up, e.g. Order placed, Refund, Escalated" />
      <ScriptField label="Agent script" value={d.script} onChange={(v) => f.set('script', v)} error={f.errors['script']}
        hint="Markdown; {{customer_name}} and other {{variables}} are filled in when the call arrives" />
    </FormDialog>
  );
}

export function QueuesAdmin({ canEdit }: { canEdit: boolean }) {
  const clients = useOptions<Client>('/clients');
  const columns: Column<Queue>[] = [
    { header: 'Name', cell: (q) => q.name },
    { header: 'Client', cell: (q) => nameOf(clients.byId, q.client_id, (c) => c.name) },
    { header: 'Channel', cell: (q) => channelLabel(q.channel) },
    { header: 'Priority', cell: (q) => q.priority },
    { header: 'Policy', cell: (q) => policyLabel(q.policy) },
    { header: 'SL', cell: (q) => `${Math.round(q.sl_target * 100)}% in ${q.sl_threshold_s}s` },
  ];
  return (
    <ResourceList<Queue> title="Queues" singular="queue" path="/queues" columns={columns}
      rowLabel={(q) => q.name} canEdit={canEdit} Form={QueueForm}
      intro="Where interactions wait for an agent: per client and channel, with required skills and service-level goals." />
  );
}
