import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context.js';
import { ApiError, messageOf } from '../../api/api-error.js';
import type { FieldErrors } from './validate.js';

export interface ResourceFormOptions<D, R> {
  /** Collection path, e.g. "/clients". */
  path: string;
  /** The row being edited, or null to create one. */
  row: R | null;
  initialDraft: D;
  /** Client-side checks; a non-empty result blocks the request. */
  validate: (draft: D) => FieldErrors;
  /** The JSON body for POST (isNew) or PATCH. */
  toBody: (draft: D, isNew: boolean) => unknown;
  onSaved: (row: R) => void;
}

export interface ResourceForm<D> {
  draft: D;
  set<K extends keyof D>(field: K, value: D[K]): void;
  errors: FieldErrors;
  /** Problems not tied to a visible field (or a non-validation API error). */
  formErrors: string[];
  submitting: boolean;
  isNew: boolean;
  onSubmit: (e: FormEvent) => void;
}

/**
 * Splits the API's validation issues into per-field messages. An issue at
 * "skills.0.level" is shown both at that exact path (if an input claims it)
 * and at its top-level field "skills"; issues naming no known field go to the
 * form-wide list so nothing the server said is lost.
 */
export function issuesToErrors(err: ApiError, knownFields: readonly string[]): { errors: FieldErrors; formErrors: string[] } {
  const errors: FieldErrors = {};
  const formErrors: string[] = [];
  for (const issue of err.issues) {
    const top = issue.path.split('.')[0] ?? '';
    if (issue.path && knownFields.includes(top)) {
      errors[issue.path] ??= issue.message;
      errors[top] ??= issue.message;
    } else {
      formErrors.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
  }
  if (err.issues.length === 0) formErrors.push(err.message);
  return { errors, formErrors };
}

export function useResourceForm<D extends object, R extends { id: string }>(opts: ResourceFormOptions<D, R>): ResourceForm<D> {
  const api = useApi();
  const [draft, setDraft] = useState<D>(opts.initialDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const isNew = opts.row === null;

  function set<K extends keyof D>(field: K, value: D[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
    // Editing a field clears its message; the next submit re-checks everything.
    setErrors((e) => {
      const name = String(field);
      if (!(name in e)) return e;
      const next = { ...e };
      for (const k of Object.keys(next)) if (k === name || k.startsWith(`${name}.`)) delete next[k];
      return next;
    });
  }

  async function save() {
    const found = opts.validate(draft);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFormErrors([]);
      return;
    }
    setSubmitting(true);
    setFormErrors([]);
    try {
      const body = opts.toBody(draft, isNew);
      const saved = opts.row
        ? await api.patch<R>(`${opts.path}/${encodeURIComponent(opts.row.id)}`, body)
        : await api.post<R>(opts.path, body);
      setSubmitting(false);
      opts.onSaved(saved);
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError) {
        const split = issuesToErrors(err, Object.keys(draft));
        setErrors(split.errors);
        setFormErrors(split.formErrors);
      } else {
        setFormErrors([messageOf(err)]);
      }
    }
  }

  return {
    draft,
    set,
    errors,
    formErrors,
    submitting,
    isNew,
    onSubmit(e) {
      e.preventDefault();
      void save();
    },
  };
}
