import type { ReactNode } from 'react';
import type { OfferView } from './desktop-types.js';
import type { Loaded } from './use-crm.js';
import type { ScreenPop } from './desktop-types.js';

const IVR_KEYS: Array<[string, string]> = [['digits', 'Keys pressed'], ['flow_name', 'Line'], ['menu', 'Menu'], ['account_number', 'Account']];

/** What the IVR learnt, from the offer itself (shown even when the CRM cannot answer). */
function IvrFacts({ attributes }: { attributes: Record<string, unknown> }) {
  const facts = IVR_KEYS.filter(([k]) => typeof attributes[k] === 'string' || typeof attributes[k] === 'number')
    .map(([k, label]) => [label, String(attributes[k])] as const);
  if (facts.length === 0) return null;
  return (
    <dl className="desk-facts">
      {facts.map(([label, v]) => <div key={label}><dt>{label}</dt><dd>{v}</dd></div>)}
    </dl>
  );
}

/**
 * Who is calling: the customer the CRM found by number, their history, open cases and the queue's script.
 * `actions`: what the agent may do about this caller (shown under the name).
 */
export function ScreenPopPanel({ pop, about, actions }: { pop: Loaded<ScreenPop>; about: Pick<OfferView, 'from_number' | 'queue' | 'attributes'> | null; actions?: ReactNode }) {
  if (about === null) {
    return (
      <section className="panel desk-pop desk-empty-panel" aria-labelledby="pop-title">
        <h2 id="pop-title">Customer</h2>
        <p className="muted">The caller's details appear here the moment a call rings.</p>
      </section>
    );
  }
  const d = pop.status === 'ready' ? pop.data : null;
  return (
    <section className="panel desk-pop" aria-labelledby="pop-title" data-testid="screen-pop">
      <div className="desk-panel-head">
        <h2 id="pop-title">{d?.customer?.name ?? about.from_number}</h2>
        <span className="pill">{about.queue?.name ?? 'Direct call'}</span>
      </div>
      <div className="muted desk-sub">
        {[d?.customer && d.customer.name !== about.from_number ? about.from_number : null, d?.customer?.emails[0] ?? null, d === null ? null : d.history.length === 0 ? 'New customer' : `${d.history.length} earlier contacts`]
          .filter((x) => x !== null).join(' · ')}
      </div>
      {actions}
      <IvrFacts attributes={about.attributes} />
      {pop.status === 'loading' && <p className="muted">Looking up the customer…</p>}
      {pop.status === 'error' && <p className="notice" role="status">Customer record unavailable: {pop.message}</p>}
      {d !== null && (
        <div className="desk-pop-grid">
          <div>
            <h3>Open cases</h3>
            {d.open_cases.length === 0 ? <p className="muted">None</p> : (
              <ul className="desk-list">{d.open_cases.map((c) => <li key={c.id}><span>{c.subject}</span> <span className="pill">{c.status}</span></li>)}</ul>
            )}
            <h3>History</h3>
            {d.history.length === 0 ? <p className="muted">First contact</p> : (
              <ul className="desk-list">
                {d.history.slice(0, 6).map((h) => (
                  <li key={h.id}>
                    <span>{new Date(h.created_at).toLocaleDateString()} · {h.channel}{h.queue_name ? ` · ${h.queue_name}` : ''}</span>
                    <span className="muted">{h.disposition ?? h.outcome ?? ''}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>Script</h3>
            {d.script_html === null ? <p className="muted">No script for this queue.</p>
              // The server renders the queue's markdown script and escapes its variables.
              : <div className="desk-script" dangerouslySetInnerHTML={{ __html: d.script_html }} />}
          </div>
        </div>
      )}
    </section>
  );
}
