import type { AuditEntry } from '../../api/types.js';
import { ResourceList, type Column } from '../resource-list.js';

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.before == null && entry.after == null) return <>—</>;
  return (
    <details>
      <summary>Show</summary>
      <div className="audit-diff">
        <div><strong>Before</strong><pre>{JSON.stringify(entry.before, null, 2) ?? '—'}</pre></div>
        <div><strong>After</strong><pre>{JSON.stringify(entry.after, null, 2) ?? '—'}</pre></div>
      </div>
    </details>
  );
}

const columns: Column<AuditEntry>[] = [
  { header: 'When', cell: (e) => <time dateTime={e.at}>{when(e.at)}</time> },
  { header: 'Who', cell: (e) => e.actor_email ?? e.actor_user_id ?? 'system' },
  { header: 'Action', cell: (e) => e.action },
  { header: 'Entity', cell: (e) => (e.entity_id ? `${e.entity} #${e.entity_id.slice(0, 8)}` : e.entity) },
  { header: 'IP', cell: (e) => e.ip ?? '—' },
  { header: 'Changes', cell: (e) => <Changes entry={e} /> },
];

/** Read-only: who did what, newest first as the server orders it. */
export function AuditAdmin() {
  return (
    <ResourceList<AuditEntry> title="Audit log" singular="entry" path="/audit" columns={columns}
      rowLabel={(e) => e.id} canEdit={false} supportsDisabled={false}
      intro="Every change made through the API or this app, with the values before and after." />
  );
}
