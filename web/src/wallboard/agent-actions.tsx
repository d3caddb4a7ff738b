import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { monitorInBrowser, type BrowserMonitor, type MonitorMode } from './browser-monitor.js';
import { ConfirmDialog } from './confirm-dialog.js';
import type { AgentFigures } from './wallboard-types.js';

type Action = { kind: 'available' } | { kind: 'aux' } | { kind: 'offline' } | { kind: 'monitor'; mode: 'listen' | 'whisper' | 'barge' };

const EXTENSION_KEY = 'switchboard.supervisor.extension';
const DEVICE_KEY = 'switchboard.supervisor.monitor-device';

/** The one call this page is monitoring in the browser, if any (a supervisor has one pair of ears). */
let listening: BrowserMonitor | undefined;
const MONITOR_LABEL = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge in' } as const;
const MONITOR_ON = { listen: 'Listening', whisper: 'Whispering', barge: 'In the call' } as const;
const MONITOR_HELP = {
  listen: 'You hear the agent and the caller; neither hears you.',
  whisper: 'The agent hears you; the caller does not.',
  barge: 'You join the conversation: both hear you.',
} as const;

/**
 * A supervisor's buttons on an agent's row: make available, aux (with a
 * reason), log out; and listen / whisper / barge on the call in hand,
 * heard in this browser (WebRTC) or on the supervisor's SIP phone (the
 * choice and extension remembered in this browser). Each asks for
 * confirmation first.
 */
export function AgentActions({ agent }: { agent: AgentFigures }) {
  const api = useApi();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('Coaching');
  const [extension, setExtension] = useState(() => localStorage.getItem(EXTENSION_KEY) ?? '');
  const [device, setDevice] = useState<'browser' | 'phone'>(() => (localStorage.getItem(DEVICE_KEY) === 'phone' ? 'phone' : 'browser'));
  // The mode this page is monitoring this agent's call in, from the browser (the button in force is shown pressed).
  const [inBrowser, setInBrowser] = useState<MonitorMode | null>(() => (listening !== undefined && listening.interactionId === agent.current?.interaction_id ? listening.mode : null));
  const onCall = agent.current?.state === 'active';
  const force = (state: 'available' | 'aux' | 'offline') =>
    api.post(`/agents/${agent.id}/force-state`, state === 'aux' ? { state, reason: reason.trim() } : { state });
  const monitor = async (mode: 'listen' | 'whisper' | 'barge') => {
    localStorage.setItem(DEVICE_KEY, device);
    const id = agent.current!.interaction_id;
    if (device === 'phone') {
      localStorage.setItem(EXTENSION_KEY, extension.trim());
      return api.post(`/interactions/${id}/call/monitor`, { extension: extension.trim(), mode });
    }
    if (listening !== undefined && listening.interactionId === id) {
      await listening.setMode(mode);
      setInBrowser(mode);
      return;
    }
    await listening?.stop();
    listening = await monitorInBrowser(api, id, mode, () => {
      listening = undefined;
      setInBrowser(null);
    });
    setInBrowser(mode);
  };
  const stopListening = async () => {
    await listening?.stop();
    listening = undefined;
    setInBrowser(null);
  };
  const close = () => setAction(null);
  return (
    <div className="row-actions">
      {agent.state !== 'available' && agent.state !== 'busy' && agent.state !== 'reserved' && agent.state !== 'wrap_up' && (
        <button type="button" className="btn btn-small" onClick={() => setAction({ kind: 'available' })} aria-label={`Make ${agent.name} available`}>Available</button>
      )}
      {agent.state !== 'aux' && agent.state !== 'offline' && (
        <button type="button" className="btn btn-small" onClick={() => setAction({ kind: 'aux' })} aria-label={`Put ${agent.name} in aux`}>Aux</button>
      )}
      {agent.state !== 'offline' && (
        <button type="button" className="btn btn-small" onClick={() => setAction({ kind: 'offline' })} aria-label={`Log ${agent.name} out`}>Log out</button>
      )}
      {onCall && (['listen', 'whisper', 'barge'] as const).map((mode) => (
        <button key={mode} type="button" className={`btn btn-small btn-monitor${inBrowser === mode ? ' on' : ''}`} onClick={() => setAction({ kind: 'monitor', mode })}
          aria-label={`${MONITOR_LABEL[mode]}: ${agent.name}`} aria-pressed={inBrowser === mode}>{inBrowser === mode ? `● ${MONITOR_ON[mode]}` : MONITOR_LABEL[mode]}</button>
      ))}
      {onCall && inBrowser !== null && (
        <button type="button" className="btn btn-small btn-monitor" onClick={() => void stopListening()} aria-label={`Stop monitoring ${agent.name}`}>Stop</button>
      )}
      {action?.kind === 'available' && (
        <ConfirmDialog title={`Make ${agent.name} available?`} confirmLabel="Make available" onConfirm={() => force('available')} onClose={close}>
          <p>{agent.name} will start receiving calls and chats at once.</p>
        </ConfirmDialog>
      )}
      {action?.kind === 'aux' && (
        <ConfirmDialog title={`Put ${agent.name} in aux?`} confirmLabel="Put in aux" ready={reason.trim().length > 0} onConfirm={() => force('aux')} onClose={close}>
          <p>No new work is offered; work in hand is finished first.</p>
          <label className="field">Reason <input value={reason} maxLength={40} onChange={(e) => setReason(e.target.value)} /></label>
        </ConfirmDialog>
      )}
      {action?.kind === 'offline' && (
        <ConfirmDialog title={`Log ${agent.name} out?`} confirmLabel="Log out" danger onConfirm={() => force('offline')} onClose={close}>
          <p>{agent.name} is logged out{agent.state === 'offline' || agent.state === 'available' || agent.state === 'aux' ? ' now' : ' when the current work ends'}.</p>
        </ConfirmDialog>
      )}
      {action?.kind === 'monitor' && (
        <ConfirmDialog title={`${MONITOR_LABEL[action.mode]}: ${agent.name}`} confirmLabel={device === 'phone' ? 'Ring my phone' : MONITOR_LABEL[action.mode]}
          ready={device === 'browser' || /^[0-9]{2,8}$/.test(extension.trim())} onConfirm={() => monitor(action.mode)} onClose={close}>
          <p>{MONITOR_HELP[action.mode]}</p>
          <fieldset className="field">
            <legend>Hear it on</legend>
            <label><input type="radio" name="monitor-device" checked={device === 'browser'} onChange={() => setDevice('browser')} /> This browser (headset)</label>
            <label><input type="radio" name="monitor-device" checked={device === 'phone'} onChange={() => setDevice('phone')} /> My desk phone</label>
          </fieldset>
          {device === 'phone' && (
            <label className="field">Your extension <input value={extension} inputMode="numeric" onChange={(e) => setExtension(e.target.value)} /></label>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
