import type { RejectedRow } from './campaign-types.js';

/** Counts as "label: n" tiles, then every rejected row with its line so the list can be fixed. */
export function ImportReport({ title, counts, rejected }: {
  title: string;
  counts: { label: string; value: number }[];
  rejected: RejectedRow[];
}) {
  return (
    <section className="panel import-report" aria-label={title}>
      <h4>{title}</h4>
      <dl className="tiles">
        {counts.map((c) => (
          <div key={c.label} className="tile">
            <dt className="tile-l">{c.label}</dt>
            <dd className="tile-n">{c.value}</dd>
          </div>
        ))}
      </dl>
      {rejected.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <caption>Rejected rows</caption>
            <thead><tr><th scope="col">Line</th><th scope="col">Problem</th><th scope="col">Reason</th></tr></thead>
            <tbody>
              {rejected.map((r) => (
                <tr key={`${r.line}-${r.code}`}>
                  <td>Line {r.line}</td><td><code>{r.code}</code></td><td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
