import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { ListPage } from '../api/types.js';

export const PAGE_SIZE = 25;

export interface ListQuery<T> {
  page: ListPage<T> | null;
  loading: boolean;
  error: string | null;
  search: string;
  /** The search as sent (trimmed, after the debounce). */
  query: string;
  setSearch: (q: string) => void;
  includeDisabled: boolean;
  setIncludeDisabled: (on: boolean) => void;
  offset: number;
  setOffset: (n: number) => void;
  reload: () => void;
}

/** Loads one page of a list endpoint; search is debounced and resets to the first page. */
export function useListQuery<T>(path: string, options: { supportsDisabled: boolean; params?: Record<string, string | undefined> }): ListQuery<T> {
  const api = useApi();
  const [search, setSearchText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [includeDisabled, setIncludeDisabledState] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // Extra filters (a status tab, say) as one stable key: a new filter starts at the first page.
  const params = JSON.stringify(options.params ?? {});
  useEffect(() => setOffset(0), [params]);

  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.get<ListPage<T>>(path, {
      ...(JSON.parse(params) as Record<string, string | undefined>),
      limit: PAGE_SIZE,
      offset,
      q: debounced || undefined,
      include_disabled: options.supportsDisabled && includeDisabled ? true : undefined,
    }).then(
      (p) => {
        if (cancelled) return;
        setPage(p);
        setError(null);
        setLoading(false);
        // A page emptied by a disable or a narrower search: step back to the last real page.
        if (p.items.length === 0 && offset > 0 && p.total > 0) setOffset(Math.max(0, Math.floor((p.total - 1) / PAGE_SIZE) * PAGE_SIZE));
      },
      (err: unknown) => {
        if (cancelled) return;
        setError(messageOf(err));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, path, offset, debounced, includeDisabled, options.supportsDisabled, generation, params]);

  const setSearch = useCallback((q: string) => {
    setSearchText(q);
    setOffset(0);
  }, []);
  const setIncludeDisabled = useCallback((on: boolean) => {
    setIncludeDisabledState(on);
    setOffset(0);
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { page, loading, error, search, query: debounced, setSearch, includeDisabled, setIncludeDisabled, offset, setOffset, reload };
}
