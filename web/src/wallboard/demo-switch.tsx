import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';

interface DemoState { enabled: boolean }

/** Admins start and stop simulated demo traffic; its interactions are flagged simulated. */
export function DemoSwitch() {
  const api = useApi();
  const [state, setState] = useState<DemoState | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { api.get<DemoState>('/demo-mode').then(setState, () => setState(null)); }, [api]);
  if (!state) return null;
  const toggle = () => {
    setBusy(true);
    api.post<DemoState>('/demo-mode', { enabled: !state.enabled }).then(setState, () => undefined).finally(() => setBusy(false));
  };
  return (
    <div className="demo-switch">
      <span className={state.enabled ? 'pill pill-demo' : 'pill'}>{state.enabled ? 'Demo traffic running (simulated)' : 'Demo traffic off'}</span>
      <button type="button" className="btn" onClick={toggle} disabled={busy}>{state.enabled ? 'Stop demo traffic' : 'Start demo traffic'}</button>
    </div>
  );
}
