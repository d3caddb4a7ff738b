import { useEffect, useRef, type ReactNode } from 'react';
import { nameOf } from '../admin/use-options.js';
import type { Agent, Client, Queue } from '../api/types.js';
import { channelLabel } from '../shell/labels.js';
import { formatDuration, recordingAudioUrl } from '../voice/voice-api.js';
import { CallLegsTable } from './call-legs-table.js';
import { clock, durations, ivrTrace, resultLabel, resultTone, timeline, type CallRow, type Recording } from './call-model.js';
import { useCallDetail } from './use-call-detail.js';

export interface Names {
  clients: Map<string, Client>;
  queues: Map<string, Queue>;
  agents: Map<string, Agent>;
}

function Timeline({ row }: { row: CallRow }) {
  return (
    <ol className="call-timeline">
      {timeline(row).map((t) => (
        <li key={t.key}>
          <span className="tl-label">{t.label}</span>
          <time dateTime={t.at}>{new Date(t.at).toLocaleTimeString()}</time>
          <span className="tl-offset">{t.offsetMs === 0 ? '' : `+${clock(t.offsetMs)}`}</span>
        </li>
      ))}
    </ol>
  );
}

function IvrPath({ row }: { row: CallRow }) {
  const trace = ivrTrace(row.attributes);
  if (trace.path.length === 0 && trace.digits.length === 0) return <p className="muted">No IVR steps recorded.</p>;
  return (
    <div className="ivr-trace">
      {trace.flow && <p className="muted">Flow: <strong>{trace.flow}</strong></p>}
      <ol className="ivr-path" aria-label="IVR path">
        {trace.path.map((p, i) => (
          <li key={i}>
            <span className="ivr-chip">
              <span className="ivr-verb">{p.verb}</span>
              {p.id && <span className="ivr-id">{p.id}</span>}
              {p.outcome && <span className="ivr-outcome">{p.outcome}</span>}
            </span>
          </li>
        ))}
      </ol>
      {trace.digits.length > 0 && (
        <p>Digits pressed: {trace.digits.map((d, i) => (
          <kbd key={i} title={d.verb ? `at ${d.verb}${d.step !== null ? ` (steps[${d.step}])` : ''}` : undefined}>{d.digits}</kbd>
        ))}</p>
      )}
    </div>
  );
}

function Recordings({ recordings }: { recordings: Recording[] }) {
  if (recordings.length === 0) return <p className="muted">This call was not recorded.</p>;
  return (
    <ul className="recordings">
      {recordings.map((r) => (
        <li key={r.id}>
          <div className="recording-head">
            <strong>{r.kind === 'voicemail' ? 'Voicemail' : 'Call recording'}</strong>
            <span className="muted">{formatDuration(r.duration_ms)}{r.paused_ms ? ` · paused ${formatDuration(r.paused_ms)}` : ''}</span>
            {r.state !== 'complete' && <span className={r.state === 'failed' ? 'pill pill-error' : 'pill pill-live'}>{r.state}</span>}
          </div>
          <audio controls preload="metadata" src={recordingAudioUrl(r.id)} aria-label={`${r.kind === 'voicemail' ? 'Voicemail' : 'Recording'} of this call`} />
          <a className="small-link" href={recordingAudioUrl(r.id)} download>Download WAV</a>
        </li>
      ))}
    </ul>
  );
}

function Csat({ score }: { score: number | null | undefined }) {
  if (score === null || score === undefined) return <>—</>;
  return <span className="csat" aria-label={`${score} out of 5`}>{'★'.repeat(score)}<span className="csat-off">{'★'.repeat(Math.max(0, 5 - score))}</span> {score}/5</span>;
}

function Body({ id, names }: { id: string; names: Names }) {
  const d = useCallDetail(id);
  if (d.error) return <p className="form-error" role="alert">Could not load the call: {d.error}</p>;
  if (!d.row) return <p className="muted">Loading…</p>;
  const row = d.row;
  const { waitMs, talkMs } = durations(row);
  const facts: [string, ReactNode][] = [
    ['Client', nameOf(names.clients, row.client_id, (c) => c.name)],
    ['Channel', `${channelLabel(row.channel)}${row.direction ? ` · ${row.direction}` : ''}`],
    ['Caller', row.customer_address ? <code>{row.customer_address}</code> : '—'],
    ['Number dialed', row.service_address ? <code>{row.service_address}</code> : '—'],
    ['Queue', nameOf(names.queues, row.queue_id, (q) => q.name)],
    ['Agent', nameOf(names.agents, row.agent_id, (a) => a.name)],
    ['Waited', clock(waitMs)],
    ['Talked', clock(talkMs)],
    ['Disposition', row.disposition ?? '—'],
    ['CSAT', <Csat key="csat" score={row.csat} />],
  ];
  return (
    <>
      <div className="drawer-summary">
        <span className={`pill tone-${resultTone(row)}`}>{resultLabel(row)}</span>
        {row.simulated && <span className="pill pill-demo">Simulated</span>}
        <span className="muted">{new Date(row.created_at).toLocaleString()}</span>
      </div>
      {d.partErrors.length > 0 && <div className="form-error" role="alert">{d.partErrors.map((m) => <p key={m}>{m}</p>)}</div>}
      <section aria-labelledby="call-recording-h">
        <h3 id="call-recording-h">Recording</h3>
        {d.recordings === null ? <p className="muted">Not available.</p> : <Recordings recordings={d.recordings} />}
      </section>
      <section aria-labelledby="call-facts-h">
        <h3 id="call-facts-h">Details</h3>
        <dl className="facts">
          {facts.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}
        </dl>
        {row.notes && <p className="call-notes">{row.notes}</p>}
      </section>
      <section aria-labelledby="call-timeline-h">
        <h3 id="call-timeline-h">Timeline</h3>
        <Timeline row={row} />
      </section>
      <section aria-labelledby="call-ivr-h">
        <h3 id="call-ivr-h">IVR</h3>
        <IvrPath row={row} />
      </section>
      <section aria-labelledby="call-legs-h">
        <h3 id="call-legs-h">Call legs (CDR)</h3>
        {d.legs === null ? <p className="muted">Not available.</p> : <CallLegsTable legs={d.legs} agents={names.agents} />}
      </section>
    </>
  );
}

/** The call's record in a panel over the right side of the page; Escape or Close returns to the list. */
export function CallDetailDrawer({ id, names, onClose }: { id: string; names: Names; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="drawer" aria-labelledby="call-drawer-title" onCancel={(e) => { e.preventDefault(); onClose(); }}
      onClick={(e) => { if (e.target === ref.current) onClose(); }}>
      <div className="drawer-inner">
        <header className="drawer-header">
          <h2 id="call-drawer-title">Call record</h2>
          <button type="button" className="btn btn-small" onClick={onClose}>Close</button>
        </header>
        <div className="drawer-body">
          <Body key={id} id={id} names={names} />
        </div>
      </div>
    </dialog>
  );
}
