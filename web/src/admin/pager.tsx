import { PAGE_SIZE } from './use-list-query.js';

export function Pager({ total, offset, shown, onOffset }: {
  total: number;
  offset: number;
  shown: number;
  onOffset: (n: number) => void;
}) {
  const from = shown === 0 ? 0 : offset + 1;
  const to = offset + shown;
  return (
    <nav className="pager" aria-label="Pages">
      <span>{total === 0 ? 'No rows' : `${from}–${to} of ${total}`}</span>
      <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        Previous
      </button>
      <button type="button" className="btn btn-small" disabled={offset + PAGE_SIZE >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        Next
      </button>
    </nav>
  );
}
