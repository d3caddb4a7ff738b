import { useEffect, useRef, useState } from 'react';
import type { CallView, DirectoryView, OfferView, TransferTarget } from './desktop-types.js';
import type { AudioDevices, Softphone } from './softphone.js';
import { clock, useNow } from './time-format.js';
import { TransferForm } from './transfer-form.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const STATUS_LABEL: Record<CallView['status'], string> = { talking: 'Talking', held: 'On hold', consulting: 'Consulting', ended: 'Call ended', wrap_up: 'Wrap-up' };

export interface SoftphoneActions {
  readonly answer: () => void;
  readonly reject: () => void;
  readonly hangup: () => void;
  readonly hold: (on: boolean) => void;
  readonly transfer: (mode: 'blind' | 'warm', to: TransferTarget) => void;
  readonly completeTransfer: () => void;
  readonly cancelTransfer: () => void;
  readonly endWrapUp: () => void;
}

function LevelMeter({ phone, live }: { phone: Softphone; live: boolean }) {
  const bar = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!live) return;
    let raf = 0;
    const tick = () => {
      if (bar.current) bar.current.style.width = `${Math.round(phone.micLevel() * 100)}%`;
      raf = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(raf);
      if (bar.current) bar.current.style.width = '0';
    };
  }, [phone, live]);
  return <span className="desk-meter" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100}><span ref={bar} /></span>;
}

/** The softphone: ringing, the call's controls, the keypad, and the audio devices. */
export function SoftphonePanel({ phone, offer, call, device, directory, answering, actions, onDevice }: {
  phone: Softphone; offer: OfferView | null; call: CallView | null; device: 'browser' | 'sip_phone'; directory: DirectoryView; answering: boolean;
  actions: SoftphoneActions; onDevice: (d: 'browser' | 'sip_phone') => void;
}) {
  const now = useNow();
  const [devices, setDevices] = useState<AudioDevices>({ inputs: [], outputs: [] });
  const [showTransfer, setShowTransfer] = useState(false);
  const [, redraw] = useState(0);
  useEffect(() => {
    phone.onChange = () => redraw((n) => n + 1);
    void phone.devices().then(setDevices).catch(() => undefined);
  }, [phone]);
  const live = call !== null && (call.status === 'talking' || call.status === 'held' || call.status === 'consulting');
  useEffect(() => {
    if (!live) setShowTransfer(false);
  }, [live]);

  let body;
  if (offer !== null && call === null) {
    const left = Math.max(0, (Date.parse(offer.expires_at) - now) / 1000);
    const what = offer.purpose === 'consult' ? `${offer.consult_from ?? 'A colleague'} is transferring a caller to you` : offer.queue?.name ?? 'Incoming call';
    body = (
      <div className="desk-ringing" data-testid="ringing">
        <div className="desk-ring-icon" aria-hidden="true">☎</div>
        <div className="desk-call-who">{offer.from_number}</div>
        <div className="muted">{what} · rings {Math.ceil(left)} s more</div>
        {offer.device === 'browser' ? (
          <div className="desk-row desk-big">
            <button type="button" className="btn btn-go" onClick={actions.answer} disabled={answering}>{answering ? 'Connecting…' : 'Answer'} <kbd>A</kbd></button>
            <button type="button" className="btn btn-danger" onClick={actions.reject} disabled={answering}>Decline <kbd>D</kbd></button>
          </div>
        ) : (
          <p className="desk-phone-hint" data-testid="ringing-desk-phone">Ringing on your desk phone: pick it up to answer.</p>
        )}
      </div>
    );
  } else if (call !== null) {
    const talk = (now - Date.parse(call.answered_at)) / 1000;
    const inPage = call.device === 'browser';
    body = (
      <div className="desk-call" data-testid="call">
        <div className="desk-call-head">
          <span className={`pill call-${call.status}`} data-testid="call-status">{STATUS_LABEL[call.status]}</span>
          {live && <span className="desk-call-time">{clock(talk)}</span>}
          {!inPage && <span className="pill" data-testid="call-device">Desk phone</span>}
          {call.consult && live && <span className="pill" data-testid="call-consult">{call.consult_from ?? 'A colleague'} is consulting you</span>}
          {call.status === 'consulting' && call.consulting_with !== null && <span className="pill" data-testid="consulting-with">with {call.consulting_with}</span>}
          {call.media === 'lost' && live && <span className="pill call-held" role="status">Reconnecting audio…</span>}
        </div>
        <div className="desk-call-who">{call.from_number}</div>
        <div className="muted">{call.queue?.name ?? ''}</div>
        {live && call.consult && (
          <div className="desk-row desk-controls">
            <button type="button" className="btn btn-danger" onClick={actions.hangup}>Hang up <kbd>H</kbd></button>
            <span className="muted">The caller is on hold; your colleague completes the transfer to you.</span>
          </div>
        )}
        {live && !call.consult && (
          <>
            <div className="desk-row desk-controls">
              <button type="button" className="btn btn-danger" onClick={actions.hangup}>Hang up <kbd>H</kbd></button>
              <button type="button" className="btn" aria-pressed={call.status === 'held'} onClick={() => actions.hold(call.status !== 'held')} disabled={call.status === 'consulting'}>
                {call.status === 'held' ? 'Resume' : 'Hold'}
              </button>
              {inPage && <button type="button" className="btn" aria-pressed={phone.muted} onClick={() => phone.setMuted(!phone.muted)}>{phone.muted ? 'Unmute' : 'Mute'} <kbd>M</kbd></button>}
              {call.status === 'consulting' ? (
                <>
                  <button type="button" className="btn btn-primary" onClick={actions.completeTransfer}>Complete transfer</button>
                  <button type="button" className="btn" onClick={actions.cancelTransfer}>Back to caller</button>
                </>
              ) : (
                <button type="button" className="btn" aria-expanded={showTransfer} onClick={() => setShowTransfer((v) => !v)}>Transfer</button>
              )}
            </div>
            {showTransfer && call.status !== 'consulting' && (
              <TransferForm directory={directory} onCancel={() => setShowTransfer(false)} onTransfer={(mode, to) => { setShowTransfer(false); actions.transfer(mode, to); }} />
            )}
            {inPage && (
              <div className="desk-keypad" role="group" aria-label="Keypad">
                {KEYS.map((k) => <button key={k} type="button" className="btn" onClick={() => phone.dtmf(k)} aria-label={`Key ${k}`}>{k}</button>)}
              </div>
            )}
          </>
        )}
        {call.status === 'wrap_up' && (
          <div className="desk-row">
            <button type="button" className="btn btn-primary" onClick={actions.endWrapUp}>End wrap-up <kbd>W</kbd></button>
          </div>
        )}
      </div>
    );
  } else {
    body = (
      <div className="desk-idle">
        <div className="desk-ring-icon idle" aria-hidden="true">☎</div>
        <p className="muted">{device === 'browser' ? 'Calls ring here when you are available.' : 'Calls ring on your desk phone.'}</p>
      </div>
    );
  }

  return (
    <section className="panel desk-phone" aria-labelledby="softphone-title">
      <div className="desk-panel-head">
        <h2 id="softphone-title">Phone</h2>
        <select aria-label="Take calls on" value={device} onChange={(e) => onDevice(e.target.value as 'browser' | 'sip_phone')} disabled={call !== null || offer !== null}>
          <option value="browser">This browser</option>
          <option value="sip_phone">Desk phone</option>
        </select>
      </div>
      {body}
      {device === 'browser' && (
        <div className="desk-devices">
          <label>Microphone
            <select value={phone.micId} onChange={(e) => void phone.setMicrophone(e.target.value).then(() => redraw((n) => n + 1))}>
              <option value="">Default</option>
              {devices.inputs.filter((d) => d.deviceId !== 'default' && d.deviceId !== '').map((d) => <option key={d.deviceId} value={d.deviceId}>{d.label || 'Microphone'}</option>)}
            </select>
          </label>
          <label>Speaker
            <select value={phone.speakerId} onChange={(e) => void phone.setSpeaker(e.target.value).then(() => redraw((n) => n + 1))}>
              <option value="">Default</option>
              {devices.outputs.filter((d) => d.deviceId !== 'default' && d.deviceId !== '').map((d) => <option key={d.deviceId} value={d.deviceId}>{d.label || 'Speaker'}</option>)}
            </select>
          </label>
          <div className="desk-meter-row"><span className="muted">Mic</span><LevelMeter phone={phone} live={live} /></div>
        </div>
      )}
    </section>
  );
}
