import { useEffect, useRef, useState } from 'react';
import type { CreatedApiKey } from '../../api/types.js';
import { TextField } from '../form/fields.js';
import { FormDialog } from '../form/form-dialog.js';
import { useResourceForm } from '../form/use-resource-form.js';
import { apiKeyBody, apiKeyDraft, MAX_KEY_NAME, validateApiKey } from './api-keys-model.js';

/** Names a new key; the server answers with the secret, which `onCreated` hands on to be shown once. */
export function NewApiKeyForm({ onClose, onCreated }: { onClose: () => void; onCreated: (k: CreatedApiKey) => void }) {
  const f = useResourceForm<{ name: string }, CreatedApiKey>({
    path: '/api-keys', row: null, initialDraft: apiKeyDraft(), validate: validateApiKey, toBody: apiKeyBody, onSaved: onCreated,
  });
  return (
    <FormDialog title="New API key" submitting={f.submitting} formErrors={f.formErrors} onSubmit={f.onSubmit} onClose={onClose} submitLabel="Create key">
      <TextField label="Name" required value={f.draft.name} onChange={(v) => f.set('name', v)} error={f.errors['name']} maxLength={MAX_KEY_NAME}
        hint="What will use it, e.g. “CRM sync” or “Nightly export”. The key acts as you, with your role and clients." />
    </FormDialog>
  );
}

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * The new key's secret, shown this once: the server keeps only its hash.
 * Copy uses the clipboard where the browser allows it (HTTPS or localhost);
 * elsewhere the text is selected for the user to copy.
 */
export function NewApiKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  // Focus (and so select) the key at once: it is what the user came for, and a screen reader reads it out.
  useEffect(() => input.current?.focus(), []);

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      input.current?.select();
      setCopy('manual');
    }
  }

  return (
    <section className="panel secret-panel" aria-labelledby="new-key-title" data-testid="new-api-key">
      <h3 id="new-key-title">Copy your new key “{created.name}” now</h3>
      <p className="secret-warning"><strong>You will not see it again.</strong> Switchboard stores only a hash of it: if it is lost, revoke it and create another.</p>
      <div className="secret-row">
        <input ref={input} className="secret-value" readOnly value={created.key} aria-label={`API key ${created.name}`}
          spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn" onClick={() => void copyKey()}>{copy === 'copied' ? 'Copied ✓' : 'Copy'}</button>
      </div>
      {copy === 'manual' && <p className="hint">This browser did not allow copying: the key is selected, press Ctrl+C (⌘C).</p>}
      <p className="hint">Send it with every request as <code>Authorization: Bearer {'<key>'}</code>.</p>
      <button type="button" className="btn btn-primary" onClick={onDone}>I have copied it</button>
    </section>
  );
}
