import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { messageOf } from '../api/api-error.js';
import type { ListPage } from '../api/types.js';
import type { Option } from './form/fields.js';

const PAGE = 100;
const MAX_PAGES = 50;

export interface Options<T> {
  items: T[];
  byId: Map<string, T>;
  loading: boolean;
  error: string | null;
}

/**
 * Every row of a list endpoint, for selects and for showing names instead of
 * ids. Includes disabled rows so an existing reference still has a label.
 * A new `generation` loads again (after a change made on the page).
 */
export function useOptions<T extends { id: string }>(path: string, generation = 0): Options<T> {
  const api = useApi();
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    async function loadAll(): Promise<T[]> {
      const all: T[] = [];
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await api.get<ListPage<T>>(path, { limit: PAGE, offset: all.length, include_disabled: true });
        all.push(...page.items);
        if (page.items.length === 0 || all.length >= page.total) break;
      }
      return all;
    }
    loadAll().then(
      (rows) => {
        if (cancelled) return;
        setItems(rows);
        setLoading(false);
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
  }, [api, path, generation]);

  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  return { items, byId, loading, error };
}

/**
 * Choices for a select: enabled rows, plus disabled ones still referenced by
 * the form (marked), so editing never silently drops an existing link.
 */
export function toOptions<T extends { id: string; disabled: boolean }>(rows: T[], label: (r: T) => string, keep: string[] = []): Option[] {
  return rows
    .filter((r) => !r.disabled || keep.includes(r.id))
    .map((r) => ({ value: r.id, label: r.disabled ? `${label(r)} (disabled)` : label(r) }));
}

/** The label of a referenced row, or a short id if it is not visible to this user. */
export function nameOf<T extends { id: string }>(byId: Map<string, T>, id: string | null, label: (r: T) => string): string {
  if (!id) return '—';
  const row = byId.get(id);
  return row ? label(row) : `#${id.slice(0, 8)}`;
}
