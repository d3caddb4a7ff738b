import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SelectField, TextField } from '../../admin/form/fields.js';
import { toOptions, useOptions } from '../../admin/use-options.js';
import { useApi } from '../../api/api-context.js';
import { ApiError, messageOf } from '../../api/api-error.js';
import type { Client, Queue } from '../../api/types.js';
import { Link } from '../../router/link.js';
import { navigate } from '../../router/router.js';
import type { FlowRow } from '../voice-types.js';
import { flowPath, FLOWS_PATH } from './flow-links.js';
import { flowTemplate, flowToText } from './flow-template.js';
import { IssueList } from './issue-list.js';
import { JsonEditor, type JsonEditorHandle, type LineBand, type LineMark } from './json-editor.js';
import { stepStatus, StepOutline } from './step-outline.js';
import { useFlowValidation, type FlowValidation } from './use-flow-validation.js';
import '../voice.css';

const firstVoiceQueue = (queues: Queue[], clientId: string): string | null =>
  queues.find((q) => q.client_id === clientId && q.channel === 'voice' && !q.disabled)?.name ?? null;

/** Bands behind the text: failing steps softly, the exact lines issues name strongly. */
function bandsOf(v: FlowValidation): { bands: LineBand[]; marks: Map<number, LineMark> } {
  const bands: LineBand[] = [];
  const marks = new Map<number, LineMark>();
  for (const s of v.flow.steps) {
    const status = stepStatus(v.issues, s.index);
    if (status) bands.push({ startLine: s.startLine, endLine: s.endLine, kind: status === 'error' ? 'step-error' : 'step-warning' });
  }
  for (const i of v.issues) {
    if (i.line === null) continue;
    bands.push({ startLine: i.line, endLine: i.line, kind: i.severity === 'error' ? 'line-error' : 'line-warning' });
    if (marks.get(i.line) !== 'error') marks.set(i.line, i.severity);
  }
  return { bands, marks };
}

function ValidationStatus({ v, clientId }: { v: FlowValidation; clientId: string }) {
  const errors = v.issues.filter((i) => i.severity === 'error').length;
  let text: string, cls: string;
  if (clientId === '') [text, cls] = ['Choose a client to check the flow', 'pill'];
  else if (v.flow.syntaxError) [text, cls] = ['Not valid JSON', 'pill pill-error'];
  else if (v.state === 'pending') [text, cls] = ['Checking…', 'pill'];
  else if (v.checkError) [text, cls] = [`Could not check: ${v.checkError}`, 'pill pill-warn'];
  else if (v.ok) [text, cls] = ['Valid', 'pill pill-ok'];
  else [text, cls] = [`${errors} ${errors === 1 ? 'error' : 'errors'}`, 'pill pill-error'];
  return <span className={cls} role="status" data-testid="flow-status">{text}</span>;
}

/**
 * Splits a refused save's issues: the definition's (the API marks them with
 * details.field "definition", paths inside it) go to the editor, the rest
 * (a taken name...) to the form.
 */
function splitSaveIssues(err: ApiError): { flow: { path: string; message: string }[]; other: string[] } {
  const definition = err.details?.['field'] === 'definition';
  const flow: { path: string; message: string }[] = [];
  const other: string[] = [];
  for (const i of err.issues) {
    if (definition || i.path.startsWith('steps')) flow.push({ ...i, path: i.path.replace(/^definition\./, '') });
    else other.push(i.path ? `${i.path}: ${i.message}` : i.message);
  }
  if (err.issues.length === 0) other.push(err.message);
  return { flow, other };
}

interface Loaded { row: FlowRow | null; text: string; name: string; clientId: string }

/** The flow editor (/admin/flows/<id>, or /admin/flows/new?client=<id>): JSON with live validation. */
export function FlowEditor({ id, canEdit }: { id: string; canEdit: boolean }) {
  const api = useApi();
  const isNew = id === 'new';
  const clients = useOptions<Client>('/clients');
  const queues = useOptions<Queue>('/queues');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (isNew) {
      const clientId = new URLSearchParams(window.location.search).get('client') ?? '';
      setLoaded({ row: null, text: '', name: '', clientId });
      return;
    }
    let cancelled = false;
    api.get<FlowRow>(`/flows/${encodeURIComponent(id)}`).then(
      (row) => { if (!cancelled) setLoaded({ row, text: flowToText(row.definition), name: row.name, clientId: row.client_id }); },
      (err: unknown) => { if (!cancelled) setLoadError(messageOf(err)); },
    );
    return () => { cancelled = true; };
  }, [api, id, isNew]);

  if (loadError) return <p className="form-error" role="alert">Could not load the flow: {loadError}</p>;
  if (!loaded || (isNew && queues.loading)) return <p className="muted">Loading…</p>;
  return <FlowForm key={loaded.row?.id ?? 'new'} loaded={loaded} canEdit={canEdit} clients={clients.items} queues={queues.items} />;
}

function FlowForm({ loaded, canEdit, clients, queues }: { loaded: Loaded; canEdit: boolean; clients: Client[]; queues: Queue[] }) {
  const api = useApi();
  const editorId = useId();
  const issuesId = useId();
  const editor = useRef<JsonEditorHandle>(null);
  const [clientId, setClientId] = useState(loaded.clientId);
  const [name, setName] = useState(loaded.name);
  const [text, setText] = useState(() => loaded.text || flowToText(flowTemplate('New flow', firstVoiceQueue(queues, loaded.clientId))));
  const [saved, setSaved] = useState({ text, name });
  // A new flow's template follows the chosen client (its queue) until the user edits the text.
  const [touched, setTouched] = useState(loaded.row !== null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).has('saved') && loaded.row ? `Saved flow ${loaded.row.name}.` : null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const validation = useFlowValidation(text, clientId);
  const { bands, marks } = useMemo(() => bandsOf(validation), [validation]);
  const existing = loaded.row;
  const isNew = existing === null;
  const dirty = text !== saved.text || name !== saved.name;
  const blocked = validation.flow.syntaxError !== undefined || validation.ok === false || validation.state === 'pending';
  // A new flow may leave the name blank: the server takes the definition's own "name".
  const missing = clientId === '' ? 'Choose a client' : !isNew && name.trim() === '' ? 'Enter a name' : null;

  function chooseClient(c: string) {
    setClientId(c);
    if (!touched) setText(flowToText(flowTemplate(name.trim() || 'New flow', firstVoiceQueue(queues, c))));
  }

  function rename(n: string) {
    setName(n);
    if (!touched) setText(flowToText(flowTemplate(n.trim() || 'New flow', firstVoiceQueue(queues, clientId))));
  }

  function edit(t: string) {
    setText(t);
    setTouched(true);
    setStatus(null);
  }

  function format() {
    if (validation.flow.value !== undefined) edit(flowToText(validation.flow.value));
  }

  async function save() {
    if (blocked || missing || validation.flow.value === undefined) return;
    setSaving(true);
    setFormErrors([]);
    try {
      const definition = validation.flow.value;
      const row = existing === null
        ? await api.post<FlowRow>('/flows', { client_id: clientId, name: name.trim() || undefined, definition })
        : await api.patch<FlowRow>(`/flows/${encodeURIComponent(existing.id)}`, { name: name.trim(), definition });
      setName(row.name);
      setSaved({ text, name: row.name });
      setStatus(`Saved flow ${row.name}.`);
      // The page for the saved flow replaces /new (the ?saved flag carries the message across).
      if (isNew) navigate(`${flowPath(row.id)}?saved=1`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        const split = splitSaveIssues(err);
        if (split.flow.length > 0) validation.setSaveIssues(split.flow);
        setFormErrors(split.other);
      } else {
        setFormErrors([messageOf(err)]);
      }
    } finally {
      setSaving(false);
    }
  }

  const clientName = clients.find((c) => c.id === clientId)?.name ?? '';
  return (
    <section className="flow-editor" aria-labelledby="flow-title">
      <p><Link href={FLOWS_PATH}>← All flows</Link></p>
      <div className="page-header">
        <h2 id="flow-title">{existing === null ? 'New flow' : existing.name}{clientName && <span className="muted title-note"> · {clientName}</span>}</h2>
        <div className="header-actions">
          <ValidationStatus v={validation} clientId={clientId} />
          <button type="button" className="btn" onClick={format} disabled={validation.flow.value === undefined}>Format</button>
          {canEdit && (
            <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving || blocked || missing !== null || (!dirty && !isNew)}>
              {saving ? 'Saving…' : 'Save flow'}
            </button>
          )}
        </div>
      </div>
      {status === null && canEdit && dirty && blocked && validation.state !== 'pending'
        ? <p className="status-line status-warn" role="status">Fix the errors to save.</p>
        : <p className="status-line" role="status">{status}</p>}
      {formErrors.length > 0 && <div className="form-error" role="alert">{formErrors.map((m) => <p key={m}>{m}</p>)}</div>}
      <div className="form-grid">
        {isNew ? (
          <SelectField label="Client" required value={clientId} onChange={chooseClient} emptyLabel="Choose a client…"
            options={toOptions(clients, (c) => c.name, [clientId])} error={clientId === '' ? missing ?? undefined : undefined} />
        ) : null}
        <TextField label="Name" required={!isNew} value={name} onChange={rename} readOnly={!canEdit}
          hint={isNew ? 'Blank: the "name" in the definition' : 'Shown in lists and on numbers'} error={!isNew && name.trim() === '' ? 'Required' : undefined} />
      </div>
      <div className="flow-workspace">
        <div className="flow-main">
          <label htmlFor={editorId} className="editor-label">Flow definition (JSON)</label>
          <JsonEditor ref={editor} id={editorId} value={text} onChange={edit} bands={bands} marks={marks}
            describedBy={issuesId} invalid={validation.issues.some((i) => i.severity === 'error')} />
          <small className="hint">Steps run in order; each is {'{ "<verb>": { … } }'} with an optional "id" that branches name. Checked as you type.</small>
          <IssueList id={issuesId} issues={validation.issues} steps={validation.flow.steps} onJump={(l) => editor.current?.goToLine(l)} />
        </div>
        <StepOutline steps={validation.flow.steps} issues={validation.issues} onJump={(l) => editor.current?.goToLine(l)} />
      </div>
    </section>
  );
}
