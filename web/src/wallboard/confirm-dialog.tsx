import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error.js';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  /** Runs on confirm; its error is shown in the dialog, which stays open. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  /** Whether the confirm button may be pressed yet (e.g. a choice is made). */
  ready?: boolean;
  danger?: boolean;
  children: ReactNode;
}

/**
 * A modal confirmation for supervisor actions that change someone else's
 * work (forcing a state, moving a caller): the browser's <dialog> traps
 * focus and Escape cancels; the server's error is shown in place.
 */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onClose, ready = true, danger = false, children }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const confirm = () => {
    setBusy(true);
    setError(null);
    onConfirm().then(onClose, (e: unknown) => { setError(e instanceof ApiError || e instanceof Error ? e.message : String(e)); setBusy(false); });
  };
  return (
    <dialog ref={ref} className="form-dialog confirm-dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); if (!busy) onClose(); }}>
      <header className="dialog-header"><h2 id={titleId}>{title}</h2></header>
      <div className="dialog-body">
        {error && <p className="form-error" role="alert">{error}</p>}
        {children}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
        <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={confirm} disabled={busy || !ready}>{busy ? 'Working…' : confirmLabel}</button>
      </footer>
    </dialog>
  );
}
