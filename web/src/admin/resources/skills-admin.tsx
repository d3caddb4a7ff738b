import type { Skill } from '../../api/types.js';
import { TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { skillBody, skillDraft, validateSkill } from './skills-model.js';

const columns: Column<Skill>[] = [
  { header: 'Name', cell: (s) => s.name },
  { header: 'Description', cell: (s) => s.description || '—' },
];

function SkillForm({ row, onClose, onSaved }: FormProps<Skill>) {
  const f = useResourceForm({ path: '/skills', row, initialDraft: skillDraft(row), validate: validateSkill, toBody: skillBody, onSaved });
  return (
    <FormDialog title={f.isNew ? 'New skill' : `Edit skill ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
      <TextField label="Description" multiline value={f.draft.description} onChange={(v) => f.set('description', v)}
        error={f.errors['description']} />
    </FormDialog>
  );
}

export function SkillsAdmin({ canEdit }: { canEdit: boolean }) {
  return (
    <ResourceList<Skill> title="Skills" singular="skill" path="/skills" columns={columns}
      rowLabel={(s) => s.name} canEdit={canEdit} Form={SkillForm}
      intro="What agents can handle (a language, a product, a process). Agents hold each skill at a level from 1 to 10." />
  );
}
