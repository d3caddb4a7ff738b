import { useCallback, useEffect, useMemo, useState } from 'react';
import { DncButton } from './dnc-button.js';
import { MyDayPanel } from './my-day-panel.js';
import { ScreenPopPanel } from './screen-pop-panel.js';
import { Softphone } from './softphone.js';
import { SoftphonePanel, type SoftphoneActions } from './softphone-panel.js';
import { StateBar } from './state-bar.js';
import { useMyDay, useScreenPop } from './use-crm.js';
import { useDesktop } from './use-desktop.js';
import { WrapUpPanel } from './wrap-up-panel.js';
import './desktop.css';

const SHORTCUTS: Array<[string, string]> = [['A', 'Answer'], ['D', 'Decline'], ['H', 'Hang up'], ['M', 'Mute'], ['W', 'End wrap-up']];

/**
 * The agent desktop: state bar, browser softphone, screen pop, wrap-up and
 * the agent's day. Everything live comes over the desktop WebSocket; the
 * CRM panels read REST. A dropped socket reconnects and `hello` restores
 * the state, the ringing offer and the call (whose audio never stopped).
 */
export function DesktopPage() {
  const phone = useMemo(() => new Softphone(), []);
  const onMediaAnswer = useCallback((id: string, sdp: string) => void phone.accept(id, sdp), [phone]);
  const [st, send] = useDesktop(onMediaAnswer);
  const [answering, setAnswering] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { offer, call } = st;
  const ringingHere = offer !== null && call === null && offer.device === 'browser';
  const [rejoining, setRejoining] = useState<string | null>(null);
  const popFor = call?.interaction_id ?? offer?.interaction_id ?? null;
  const pop = useScreenPop(popFor);
  // The caller of the agent's own call (not a colleague's consultation), when the CRM read their number as a phone number.
  const popData = pop.status === 'ready' && call !== null && !call.consult && pop.data.interaction.id === call.interaction_id ? pop.data : null;
  const dncNumber = popData?.customer ? popData.interaction.from_number : null;
  const day = useMyDay(`${call?.status ?? 'none'}:${st.hellos}`);

  useEffect(() => {
    if (ringingHere && answering === null) phone.startRinging();
    else phone.stopRinging();
  }, [phone, ringingHere, answering]);
  useEffect(() => () => {
    phone.stopRinging();
    phone.hangUp();
  }, [phone]);
  // The call is over (or was never ours to carry): let the microphone go.
  useEffect(() => {
    const live = call !== null && (call.status === 'talking' || call.status === 'held' || call.status === 'consulting');
    if (!live && phone.interactionId !== null && answering !== phone.interactionId) phone.hangUp();
    if (call !== null || offer === null) setAnswering(null);
  }, [phone, call, offer, answering]);
  useEffect(() => setNotice(st.notice), [st.notice]);
  // A browser call this page has no media for (the page was reloaded mid-call): bring it back on a new peer connection.
  useEffect(() => {
    const live = call !== null && (call.status === 'talking' || call.status === 'held' || call.status === 'consulting');
    if (!live || call.device !== 'browser' || st.link !== 'open' || phone.active || rejoining === call.interaction_id) return;
    const id = call.interaction_id;
    setRejoining(id);
    phone.offer(id).then((sdp) => send({ type: 'rejoin', interaction_id: id, sdp })).catch((e: unknown) => {
      setNotice(`Could not bring the call's audio back: ${e instanceof Error ? e.message : String(e)}`);
    });
  }, [phone, call, st.link, rejoining, send]);

  const act = useCallback((m: Parameters<typeof send>[0]) => {
    phone.audioContext();
    if (!send(m)) setNotice('Not connected: trying again…');
  }, [phone, send]);

  const actions: SoftphoneActions = useMemo(() => ({
    answer: () => {
      if (offer === null || answering !== null) return;
      const id = offer.interaction_id;
      setAnswering(id);
      phone.stopRinging();
      phone.offer(id).then((sdp) => act({ type: 'answer', interaction_id: id, sdp })).catch((e: unknown) => {
        setAnswering(null);
        phone.hangUp();
        setNotice(`Microphone unavailable: ${e instanceof Error ? e.message : String(e)}`);
      });
    },
    reject: () => offer !== null && act({ type: 'reject', interaction_id: offer.interaction_id }),
    hangup: () => call !== null && act({ type: 'hangup', interaction_id: call.interaction_id }),
    hold: (on) => call !== null && act({ type: on ? 'hold' : 'unhold', interaction_id: call.interaction_id }),
    transfer: (mode, to) => call !== null && act({ type: 'transfer', interaction_id: call.interaction_id, mode, to }),
    completeTransfer: () => call !== null && act({ type: 'transfer_complete', interaction_id: call.interaction_id }),
    cancelTransfer: () => call !== null && act({ type: 'transfer_cancel', interaction_id: call.interaction_id }),
    endWrapUp: () => call !== null && act({ type: 'end_wrap_up', interaction_id: call.interaction_id }),
  }), [phone, act, offer, call, answering]);

  // Keyboard shortcuts, except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (t !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const k = e.key.toLowerCase();
      const live = call !== null && call.status !== 'ended' && call.status !== 'wrap_up';
      if (k === 'a' && ringingHere) actions.answer();
      else if (k === 'd' && ringingHere) actions.reject();
      else if (k === 'h' && live) actions.hangup();
      else if (k === 'm' && live) phone.setMuted(!phone.muted);
      else if (k === 'w' && call?.status === 'wrap_up') actions.endWrapUp();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, call, ringingHere, phone]);

  if (st.link === 'refused') {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">Agent desktop</h1>
        <div className="panel"><p role="alert">{st.refusal}</p></div>
      </section>
    );
  }
  if (st.agent === null) return <div className="center-screen" role="status">Connecting to your desktop…</div>;

  return (
    <section className="page desk" aria-label="Agent desktop">
      <h1 className="visually-hidden">Agent desktop</h1>
      <StateBar agentName={st.agent.name} extension={st.agent.extension} state={st.state} link={st.link}
        onState={(s, reason) => act({ type: 'state', state: s, ...(reason !== undefined ? { reason } : {}) })} />
      {notice !== null && <p className="notice desk-notice" role="alert">{notice} <button type="button" className="btn btn-small" onClick={() => setNotice(null)}>Dismiss</button></p>}
      <div className="desk-grid">
        <div className="desk-col">
          <SoftphonePanel phone={phone} offer={offer} call={call} device={st.device} directory={st.directory} answering={answering !== null} actions={actions}
            onDevice={(device) => act({ type: 'device', device })} />
          <MyDayPanel day={day} />
          <p className="desk-shortcuts muted" aria-label="Keyboard shortcuts">
            {SHORTCUTS.map(([k, what]) => <span key={k}><kbd>{k}</kbd> {what}</span>)}
          </p>
        </div>
        <div className="desk-col desk-col-wide">
          <ScreenPopPanel pop={pop} about={call ?? offer} actions={popData !== null && dncNumber ? (
            <DncButton key={popData.interaction.id} clientId={popData.interaction.client_id} phone={dncNumber} listed={popData.interaction.on_dnc} />
          ) : null} />
          {call !== null && !call.consult && <WrapUpPanel call={call} pop={pop} onEndWrapUp={actions.endWrapUp} />}
        </div>
      </div>
    </section>
  );
}
