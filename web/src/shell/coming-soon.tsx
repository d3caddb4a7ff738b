/** An honest placeholder for a page a later release fills: what it will hold, no fake data. */
export function ComingSoon({ title, intro, features }: { title: string; intro: string; features: string[] }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <div className="panel coming-soon">
        <p className="muted">Coming in a later release.</p>
        <p>{intro}</p>
        <ul>{features.map((f) => <li key={f}>{f}</li>)}</ul>
      </div>
    </section>
  );
}
