import { SelectField, TextField } from '../admin/form/fields.js';
import { FormDialog } from '../admin/form/form-dialog.js';
import { useResourceForm } from '../admin/form/use-resource-form.js';
import type { FormProps } from '../admin/resource-list.js';
import { toOptions, useOptions } from '../admin/use-options.js';
import type { Client, Queue } from '../api/types.js';
import { campaignBody, campaignDraft, validateCampaign } from './campaign-model.js';
import { CAMPAIGN_TYPES, COMPLIANCE_PROFILES, DIAL_MODES, MACHINE_ACTIONS, type Campaign, type CampaignType, type ComplianceProfile, type DialMode, type MachineAction } from './campaign-types.js';
import { RetryRulesEditor } from './retry-rules-editor.js';

const TYPE_LABELS: Record<CampaignType, string> = { telemarketing: 'Telemarketing', collections: 'Debt collection', survey: 'Survey' };
const MODE_LABELS: Record<DialMode, string> = { preview: 'Preview (agent decides)', progressive: 'Progressive (one line per agent)', predictive: 'Predictive (paced)' };

const MACHINE_LABELS: Record<MachineAction, string> = { hangup: 'Hang up', message: 'Leave a message after the beep', agent: 'Pass to an agent' };

export const typeLabel = (t: CampaignType): string => TYPE_LABELS[t] ?? t;
export const modeLabel = (m: DialMode): string => (MODE_LABELS[m] ?? m).replace(/ \(.*\)$/, '');

export function CampaignForm({ row, onClose, onSaved }: FormProps<Campaign>) {
  const clients = useOptions<Client>('/clients');
  const queues = useOptions<Queue>('/queues');
  const f = useResourceForm({ path: '/campaigns', row, initialDraft: campaignDraft(row), validate: validateCampaign, toBody: campaignBody, onSaved });
  const d = f.draft;
  const clientQueues = queues.items.filter((q) => q.client_id === d.client_id);
  return (
    <FormDialog title={f.isNew ? 'New campaign' : `Edit campaign ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <div className="form-grid">
        <SelectField label="Client" required value={d.client_id} disabled={!f.isNew}
          onChange={(v) => { f.set('client_id', v); f.set('queue_id', ''); }}
          emptyLabel={clients.loading ? 'Loading…' : 'Choose a client…'} options={toOptions(clients.items, (c) => c.name, [d.client_id])}
          error={f.errors['client_id'] ?? clients.error ?? undefined} hint={f.isNew ? undefined : 'A campaign stays with its client'} />
        <TextField label="Name" required value={d.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
        <SelectField label="Type" required value={d.type} onChange={(v) => f.set('type', v as CampaignType | '')} emptyLabel="Choose a type…"
          options={CAMPAIGN_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} error={f.errors['type']} />
        <SelectField label="Dialing mode" required value={d.mode} onChange={(v) => f.set('mode', v as DialMode)}
          options={DIAL_MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }))} error={f.errors['mode']} />
        <TextField label="Caller ID" required value={d.caller_id} onChange={(v) => f.set('caller_id', v)} error={f.errors['caller_id']}
          hint="The number customers see, E.164: +12125550100" />
        <SelectField label="Compliance" required value={d.compliance_profile} onChange={(v) => f.set('compliance_profile', v as ComplianceProfile)}
          options={COMPLIANCE_PROFILES.map((p) => ({ value: p, label: p === 'US' ? 'US (TCPA)' : 'UK (Ofcom)' }))} error={f.errors['compliance_profile']} />
        <TextField label="Default country" value={d.default_country} onChange={(v) => f.set('default_country', v)} maxLength={2}
          error={f.errors['default_country']} hint="How national-format numbers in lead lists are read" />
        <TextField label="Calling window start" type="time" required value={d.window_start} onChange={(v) => f.set('window_start', v)}
          error={f.errors['window_start']} hint="In each lead's local time" />
        <TextField label="Calling window end" type="time" required value={d.window_end} onChange={(v) => f.set('window_end', v)}
          error={f.errors['window_end']} />
        <TextField label="Max attempts" type="number" required value={d.max_attempts} onChange={(v) => f.set('max_attempts', v)}
          error={f.errors['max_attempts']} hint="1 to 50 per lead" />
        <SelectField label="Queue" value={d.queue_id} onChange={(v) => f.set('queue_id', v)}
          emptyLabel={d.client_id ? 'No queue' : 'Choose a client first'} disabled={!d.client_id}
          options={toOptions(clientQueues, (q) => q.name, [d.queue_id])} error={f.errors['queue_id'] ?? queues.error ?? undefined} />
        <SelectField label="Answering machine" value={d.machine_action} onChange={(v) => f.set('machine_action', v as MachineAction)}
          options={MACHINE_ACTIONS.map((a) => ({ value: a, label: MACHINE_LABELS[a] }))} error={f.errors['machine_action']} />
        {d.machine_action === 'message' && (
          <TextField label="Machine message" value={d.machine_message} onChange={(v) => f.set('machine_message', v)} error={f.errors['machine_message']}
            hint="Spoken after the beep (text to speech)" />
        )}
      </div>
      <RetryRulesEditor rows={d.retry_rules} onChange={(v) => f.set('retry_rules', v)} errors={f.errors} />
    </FormDialog>
  );
}
