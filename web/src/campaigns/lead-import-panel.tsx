import { useMemo, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { LeadImportReport } from './campaign-types.js';
import { csvHeader, guessMapping, toLeadMapping, type MappingDraft } from './csv-header.js';
import { ImportReport } from './import-report.js';
import { MappingEditor } from './mapping-editor.js';
import { importLeads } from './outbound-api.js';

/** "Import leads": a CSV from a file or pasted, the column mapping, then the server's report. */
export function LeadImportPanel({ campaignId, onImported }: { campaignId: string; onImported: () => void }) {
  const api = useApi();
  const [csv, setCsv] = useState('');
  const header = useMemo(() => csvHeader(csv), [csv]);
  const headerKey = header.join('\u0000');
  // The guess is redone only when the header row changes, so edits to the data rows keep the user's choices.
  const [mapping, setMapping] = useState<{ key: string; draft: MappingDraft } | null>(null);
  const current = mapping?.key === headerKey ? mapping.draft : guessMapping(header);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<LeadImportReport | null>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    setCsv(await file.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (header.length === 0) { setError('Choose a file or paste CSV with a header row.'); return; }
    if (current.columns.phone === '') { setError('Choose which column holds the phone number.'); return; }
    setBusy(true);
    try {
      const r = await importLeads(api, campaignId, csv, toLeadMapping(current));
      setReport(r);
      onImported();
    } catch (err) {
      setError(`Import failed: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="import-title">
      <h3 id="import-title">Import leads</h3>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="lead-file">CSV file</label>
          <input id="lead-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void readFile(e.target.files?.[0])} />
        </div>
        <div className="field">
          <label htmlFor="lead-csv">CSV text</label>
          <textarea id="lead-csv" rows={6} value={csv} onChange={(e) => setCsv(e.target.value)}
            placeholder={'phone,name,account\n(212) 555-0134,Ada Lovelace,A-100'} aria-describedby="lead-csv-hint" />
          <small id="lead-csv-hint" className="hint">A header row, then one lead per line. National numbers are read in the campaign's default country.</small>
        </div>
        {header.length > 0 && (
          <MappingEditor header={header} value={current} onChange={(draft) => setMapping({ key: headerKey, draft })} />
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Importing…' : 'Import leads'}</button>
      </form>
      {report && (
        <ImportReport title="Import report" rejected={report.rejected_rows} counts={[
          { label: 'Rows read', value: report.rows },
          { label: 'Imported', value: report.imported },
          { label: 'Merged', value: report.merged_duplicates },
          { label: 'Rejected', value: report.rejected },
          { label: 'On do-not-call', value: report.on_dnc },
        ]} />
      )}
    </section>
  );
}
