import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../admin/form/fields.js';
import { toOptions } from '../admin/use-options.js';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { Client } from '../api/types.js';
import type { DncEntry, DncImportReport } from './campaign-types.js';
import { ImportReport } from './import-report.js';
import { importDnc } from './outbound-api.js';

/** '' in the select means the global list, which the server keeps for admins. */
function ListField({ clients, value, onChange, allowGlobal }: { clients: Client[]; value: string; onChange: (v: string) => void; allowGlobal: boolean }) {
  return (
    <SelectField label="List" value={value} onChange={onChange} emptyLabel={allowGlobal ? 'Global (every client)' : undefined}
      options={toOptions(clients, (c) => c.name)} hint="A client's list, or the global one that applies to every campaign" />
  );
}

export function DncAddForm({ clients, allowGlobal, onAdded }: { clients: Client[]; allowGlobal: boolean; onAdded: (e: DncEntry & { created: boolean }) => void }) {
  const api = useApi();
  const [clientId, setClientId] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (phone.trim() === '') { setError('Enter a phone number.'); return; }
    setBusy(true);
    setError(null);
    try {
      const added = await api.post<DncEntry & { created: boolean }>('/dnc', { client_id: clientId || null, phone: phone.trim() });
      setPhone('');
      onAdded(added);
    } catch (err) {
      setError(`Could not add ${phone.trim()}: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="panel" aria-labelledby="dnc-add-title" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="dnc-add-title">Add a number</h3>
      <ListField clients={clients} value={clientId} onChange={setClientId} allowGlobal={allowGlobal} />
      <TextField label="Phone number" value={phone} onChange={setPhone} hint="Any format: (212) 555-0134 or +12125550134" />
      {error && <p className="form-error" role="alert">{error}</p>}
      <button type="submit" className="btn btn-primary" disabled={busy}>Add to list</button>
    </form>
  );
}

export function DncImportForm({ clients, allowGlobal, onImported }: { clients: Client[]; allowGlobal: boolean; onImported: () => void }) {
  const api = useApi();
  const [clientId, setClientId] = useState('');
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<DncImportReport | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (csv.trim() === '') { setError('Choose a file or paste CSV.'); return; }
    setBusy(true);
    setError(null);
    try {
      setReport(await importDnc(api, clientId || null, csv));
      onImported();
    } catch (err) {
      setError(`Import failed: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="panel" aria-labelledby="dnc-import-title" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="dnc-import-title">Import numbers</h3>
      <ListField clients={clients} value={clientId} onChange={setClientId} allowGlobal={allowGlobal} />
      <div className="field">
        <label htmlFor="dnc-file">DNC CSV file</label>
        <input id="dnc-file" type="file" accept=".csv,text/csv,text/plain"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) f.text().then(setCsv, (err: unknown) => setError(messageOf(err))); }} />
      </div>
      <div className="field">
        <label htmlFor="dnc-csv">DNC CSV text</label>
        <textarea id="dnc-csv" rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder={'phone\n(212) 555-0134'}
          aria-describedby="dnc-csv-hint" />
        <small id="dnc-csv-hint" className="hint">The column headed phone/number/tel/mobile, else the first column.</small>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Importing…' : 'Import numbers'}</button>
      {report && (
        <ImportReport title="DNC import report" rejected={report.rejected_rows} counts={[
          { label: 'Rows read', value: report.rows },
          { label: 'Added', value: report.added },
          { label: 'Already listed', value: report.already_listed },
          { label: 'Rejected', value: report.rejected },
        ]} />
      )}
    </form>
  );
}
