import { SITE_KINDS, type Site, type SiteKind } from '../../api/types.js';
import { SelectField, TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { TimezoneField } from '../form/timezone-field.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { ResourceList, type Column, type FormProps } from '../resource-list.js';
import { siteBody, siteDraft, validateSite } from './sites-model.js';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const columns: Column<Site>[] = [
  { header: 'Name', cell: (s) => s.name },
  { header: 'Kind', cell: (s) => (s.kind ? capitalise(s.kind) : '—') },
  { header: 'Timezone', cell: (s) => s.timezone },
  { header: 'Country', cell: (s) => s.country },
];

function SiteForm({ row, onClose, onSaved }: FormProps<Site>) {
  const f = useResourceForm({ path: '/sites', row, initialDraft: siteDraft(row), validate: validateSite, toBody: siteBody, onSaved });
  return (
    <FormDialog title={f.isNew ? 'New site' : `Edit site ${row?.name ?? ''}`} submitting={f.submitting}
      formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose}>
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} />
      <SelectField label="Kind" value={f.draft.kind} onChange={(v) => f.set('kind', v as SiteKind | '')} emptyLabel="Not set"
        options={SITE_KINDS.map((k) => ({ value: k, label: capitalise(k) }))} error={f.errors['kind']} />
      <TimezoneField required value={f.draft.timezone} onChange={(v) => f.set('timezone', v)} error={f.errors['timezone']} />
      <TextField label="Country" required value={f.draft.country} onChange={(v) => f.set('country', v)} error={f.errors['country']}
        hint="ISO 3166 two-letter code, e.g. PH" maxLength={2} />
    </FormDialog>
  );
}

export function SitesAdmin({ canEdit }: { canEdit: boolean }) {
  return (
    <ResourceList<Site> title="Sites" singular="site" path="/sites" columns={columns}
      rowLabel={(s) => s.name} canEdit={canEdit} Form={SiteForm}
      intro="Where agents work. Each site has its own time zone; sites are shared by all clients." />
  );
}
