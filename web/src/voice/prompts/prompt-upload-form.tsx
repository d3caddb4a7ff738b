import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../admin/form/fields.js';
import { toOptions } from '../../admin/use-options.js';
import { useApi } from '../../api/api-context.js';
import { ApiError, messageOf } from '../../api/api-error.js';
import type { Client } from '../../api/types.js';
import { formatDuration, promptNameFromFile, uploadPrompt } from '../voice-api.js';
import type { Prompt } from '../voice-types.js';

const MAX_BYTES = 20 * 1024 * 1024;

/** Upload a WAV as one client's prompt; the name is what flows use in "prompt". */
export function PromptUploadForm({ clients, onUploaded }: { clients: Client[]; onUploaded: (p: Prompt, message: string) => void }) {
  const api = useApi();
  const [clientId, setClientId] = useState('');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function chooseFile(f: File | null) {
    setFile(f);
    if (f && name.trim() === '') setName(promptNameFromFile(f.name));
    setErrors((e) => ({ ...e, file: '' }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (clientId === '') found['client_id'] = 'Required';
    if (name.trim() === '') found['name'] = 'Required';
    if (!file) found['file'] = 'Choose a WAV file';
    else if (file.size > MAX_BYTES) found['file'] = 'At most 20 MB';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !file) return;
    setBusy(true);
    try {
      const p = await uploadPrompt(api, clientId, name.trim(), file);
      onUploaded(p, `Uploaded prompt ${p.name} (${formatDuration(p.duration_ms)}).`);
      setName('');
      setFile(null);
      setFileKey((k) => k + 1);
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues : [];
      if (issues.length > 0) {
        const byField: Record<string, string> = {};
        for (const i of issues) byField[i.path === 'client_id' || i.path === 'name' ? i.path : 'file'] ??= i.message;
        setErrors(byField);
      } else {
        setFormError(`Upload failed: ${messageOf(err)}`);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel upload-panel" aria-labelledby="upload-title" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id="upload-title">Upload a prompt</h3>
      {formError && <p className="form-error" role="alert">{formError}</p>}
      <div className="form-grid">
        <SelectField label="Client" required value={clientId} onChange={setClientId} emptyLabel="Choose a client…"
          options={toOptions(clients, (c) => c.name)} error={errors['client_id'] || undefined} />
        <TextField label="Prompt name" required value={name} onChange={setName} error={errors['name'] || undefined}
          hint="Flows name it in “prompt”, e.g. main-menu" autoComplete="off" />
        <div className={errors['file'] ? 'field has-error' : 'field'}>
          <label htmlFor="prompt-file">WAV file<span className="required" aria-hidden="true"> *</span></label>
          <input key={fileKey} id="prompt-file" type="file" accept=".wav,audio/wav,audio/x-wav,audio/wave"
            aria-invalid={errors['file'] ? true : undefined} aria-describedby="prompt-file-hint"
            onChange={(e) => chooseFile(e.target.files?.[0] ?? null)} />
          <small id="prompt-file-hint" className="hint">16-bit PCM, mono or stereo, 8–48 kHz; stored as 8 kHz mono for the phone network</small>
          {errors['file'] && <small className="field-error">{errors['file']}</small>}
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Uploading…' : 'Upload prompt'}</button>
    </form>
  );
}
