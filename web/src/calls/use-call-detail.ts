import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { CallLeg, CallRow, Recording } from './call-model.js';

export interface CallDetail {
  row: CallRow | null;
  legs: CallLeg[] | null;
  recordings: Recording[] | null;
  error: string | null;
  /** Parts that could not be loaded (the call itself loaded). */
  partErrors: string[];
}

/** A list answer may be a bare array or a page ({ items }). */
const itemsOf = <T,>(r: T[] | { items: T[] }): T[] => (Array.isArray(r) ? r : r.items);

/** One call with its CDR legs and recordings, loaded in parallel. */
export function useCallDetail(id: string): CallDetail {
  const api = useApi();
  const [detail, setDetail] = useState<CallDetail>({ row: null, legs: null, recordings: null, error: null, partErrors: [] });

  useEffect(() => {
    let cancelled = false;
    const enc = encodeURIComponent(id);
    setDetail({ row: null, legs: null, recordings: null, error: null, partErrors: [] });
    void (async () => {
      const [row, legs, recs] = await Promise.allSettled([
        api.get<CallRow>(`/interactions/${enc}`),
        api.get<CallLeg[] | { items: CallLeg[] }>(`/interactions/${enc}/legs`),
        api.get<Recording[] | { items: Recording[] }>('/recordings', { interaction_id: id }),
      ]);
      if (cancelled) return;
      if (row.status === 'rejected') {
        setDetail({ row: null, legs: null, recordings: null, error: messageOf(row.reason), partErrors: [] });
        return;
      }
      const partErrors: string[] = [];
      if (legs.status === 'rejected') partErrors.push(`Call legs: ${messageOf(legs.reason)}`);
      if (recs.status === 'rejected') partErrors.push(`Recordings: ${messageOf(recs.reason)}`);
      setDetail({
        row: row.value,
        legs: legs.status === 'fulfilled' ? itemsOf(legs.value) : null,
        recordings: recs.status === 'fulfilled' ? itemsOf(recs.value) : null,
        error: null,
        partErrors,
      });
    })();
    return () => { cancelled = true; };
  }, [api, id]);

  return detail;
}
