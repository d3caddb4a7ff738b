import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context.js';
import { messageOf } from '../../api/api-error.js';
import type { FlowValidationResult } from '../voice-types.js';
import { locateIssues, readFlowText, type FlowIssue, type FlowText, type LocatedIssue } from './flow-text.js';

export const VALIDATE_DEBOUNCE_MS = 400;

export interface FlowValidation {
  flow: FlowText;
  /** Syntax problems at once; the server's errors and warnings once it has answered for this text. */
  issues: LocatedIssue[];
  /** 'pending': typed since the last answer (or the answer is on its way). */
  state: 'pending' | 'checked' | 'unchecked';
  /** True / false once checked; null when the server could not be asked. */
  ok: boolean | null;
  /** Why the server could not check (network, older server). */
  checkError: string | null;
  /** Issues from a refused save, shown until the text changes. */
  setSaveIssues: (issues: FlowIssue[]) => void;
}

interface Answer { text: string; clientId: string; errors: FlowIssue[]; warnings: FlowIssue[]; ok: boolean | null; error: string | null }

/**
 * Validates as the user types: JSON syntax locally on every keystroke, the
 * flow itself by a debounced dry run (`POST /flows/validate`) with the same
 * checks as a save (verbs, branch targets, the client's queues and prompts).
 */
export function useFlowValidation(text: string, clientId: string): FlowValidation {
  const api = useApi();
  const flow = useMemo(() => readFlowText(text), [text]);
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (flow.value === undefined || clientId === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.post<FlowValidationResult>('/flows/validate', { client_id: clientId, definition: flow.value }).then(
        (r) => { if (!cancelled) setAnswer({ text, clientId, errors: r.issues, warnings: r.warnings ?? [], ok: r.ok, error: null }); },
        (err: unknown) => { if (!cancelled) setAnswer({ text, clientId, errors: [], warnings: [], ok: null, error: messageOf(err) }); },
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, flow, text, clientId]);

  const current = answer !== null && answer.text === text && answer.clientId === clientId ? answer : null;
  let issues: LocatedIssue[];
  if (flow.syntaxError) {
    const e = flow.syntaxError;
    issues = [{ path: `line ${e.line}, column ${e.column}`, message: `not valid JSON: ${e.message}`, severity: 'error', line: e.line, step: null }];
  } else {
    issues = current ? locateIssues(text, flow, { errors: current.errors, warnings: current.warnings }) : [];
  }
  const state = flow.syntaxError || clientId === '' ? 'unchecked' : current ? 'checked' : 'pending';
  return {
    flow,
    issues,
    state,
    ok: flow.syntaxError ? false : current?.ok ?? null,
    checkError: current?.error ?? null,
    setSaveIssues: (errors) => setAnswer({ text, clientId, errors, warnings: [], ok: false, error: null }),
  };
}
