import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

interface FormDialogProps {
  title: string;
  submitting: boolean;
  formErrors: string[];
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
  submitLabel?: string;
}

/**
 * A modal <dialog>: the browser traps focus and Escape closes it (the
 * "cancel" event), so keyboard users never get lost behind the overlay.
 */
export function FormDialog({ title, submitting, formErrors, onSubmit, onClose, children, submitLabel = 'Save' }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={ref} className="form-dialog" aria-labelledby={titleId}
      onCancel={(e) => { e.preventDefault(); if (!submitting) onClose(); }}>
      <form onSubmit={onSubmit} noValidate>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
        </header>
        <div className="dialog-body">
          {formErrors.length > 0 && (
            <div className="form-error" role="alert">
              {formErrors.map((m) => <p key={m}>{m}</p>)}
            </div>
          )}
          {children}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="btn" onClick={onClose} disabled={submitting}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={submitting}>
            {submitting ? 'Saving…' : submitLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
