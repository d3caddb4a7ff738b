export function ListToolbar({ title, search, onSearch, includeDisabled, onIncludeDisabled }: {
  title: string;
  search: string;
  onSearch: (q: string) => void;
  /** null hides the toggle (lists without disabled rows). */
  includeDisabled: boolean | null;
  onIncludeDisabled: (on: boolean) => void;
}) {
  return (
    <div className="list-toolbar" role="search">
      <label className="search-box">
        <span className="visually-hidden">Search {title.toLowerCase()}</span>
        <input type="search" placeholder="Search…" value={search} onChange={(e) => onSearch(e.target.value)} />
      </label>
      {includeDisabled !== null && (
        <label className="toggle">
          <input type="checkbox" checked={includeDisabled} onChange={(e) => onIncludeDisabled(e.target.checked)} />
          Show disabled
        </label>
      )}
    </div>
  );
}
