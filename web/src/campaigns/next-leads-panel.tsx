import { useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { NextLeads } from './campaign-types.js';
import { LeadRows } from './leads-table.js';
import { fetchNextLeads } from './outbound-api.js';

/** A datetime-local value (the browser's zone) as an ISO instant; undefined when empty or unreadable. */
export function localToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * What preview mode would dial now (or at a chosen moment): the server
 * leaves out do-not-call numbers and leads outside their local calling window.
 */
export function NextLeadsPanel({ campaignId }: { campaignId: string }) {
  const api = useApi();
  const [at, setAt] = useState('');
  const [result, setResult] = useState<NextLeads | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await fetchNextLeads(api, campaignId, 25, localToIso(at)));
    } catch (err) {
      setResult(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="next-title">
      <h3 id="next-title">Next leads</h3>
      <form className="list-toolbar" onSubmit={(e) => void load(e)}>
        <div className="field">
          <label htmlFor="next-at">At</label>
          <input id="next-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby="next-at-hint" />
          <small id="next-at-hint" className="hint">Empty: now. Your browser's time zone.</small>
        </div>
        <button type="submit" className="btn" disabled={busy}>Show next leads</button>
      </form>
      {error && <p className="form-error" role="alert">Could not get the next leads: {error}</p>}
      {result && (
        <div data-testid="next-leads">
          <p className="muted">{result.items.length} lead{result.items.length === 1 ? '' : 's'} callable at {new Date(result.at).toLocaleString()}.</p>
          <LeadRows leads={result.items} caption="Next leads" />
        </div>
      )}
    </section>
  );
}
