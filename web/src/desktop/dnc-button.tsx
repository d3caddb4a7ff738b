import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';

type Step = { at: 'idle' } | { at: 'confirming' } | { at: 'adding' } | { at: 'listed' } | { at: 'failed'; message: string };

/**
 * "Add to do-not-call" for the caller of the agent's call: the number goes
 * on the call's client's list (POST /dnc; the server records the agent as
 * the source and audits it). Asked once more before anything is sent; a
 * number that was already listed (`created: false`, or the screen pop's `on_dnc`) is shown as listed too.
 * Keyed by interaction, so the next call starts over.
 */
export function DncButton({ clientId, phone, listed }: { clientId: string; phone: string; listed: boolean }) {
  const api = useApi();
  // `listed`: the screen pop found the number on the list already.
  const [step, setStep] = useState<Step>(listed ? { at: 'listed' } : { at: 'idle' });

  async function add() {
    setStep({ at: 'adding' });
    try {
      await api.post('/dnc', { client_id: clientId, phone });
      setStep({ at: 'listed' });
    } catch (err) {
      setStep({ at: 'failed', message: messageOf(err) });
    }
  }

  if (step.at === 'listed') {
    return <div className="desk-dnc"><button type="button" className="btn btn-small" disabled>On the do-not-call list ✓</button></div>;
  }
  if (step.at === 'confirming' || step.at === 'adding') {
    const busy = step.at === 'adding';
    return (
      <div className="desk-dnc desk-dnc-confirm" role="group" aria-label="Add to do-not-call">
        <span>Add {phone} to this client's do-not-call list? Campaigns will not call it again.</span>
        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void add()}>{busy ? 'Adding…' : 'Yes, add it'}</button>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => setStep({ at: 'idle' })}>Cancel</button>
      </div>
    );
  }
  return (
    <div className="desk-dnc">
      <button type="button" className="btn btn-small" onClick={() => setStep({ at: 'confirming' })}>Add to do-not-call</button>
      {step.at === 'failed' && <p className="field-error" role="alert">Could not add {phone} to the do-not-call list: {step.message}</p>}
    </div>
  );
}
