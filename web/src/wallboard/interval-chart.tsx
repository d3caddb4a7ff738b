import { intervalSeries, localMidnight } from './interval-series.js';
import type { IntervalBucket, QueueFigures } from './wallboard-types.js';

const W = 960, H = 230, PAD_L = 40, PAD_R = 44, PAD_T = 14, PAD_B = 26;
const hhmm = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * Today's volume per 15-minute interval (stacked bars: answered,
 * abandoned, other outcomes) and service level (line, right axis) against
 * the target (dashed), for the queues shown. Plain SVG, redrawn on every
 * pushed `queue.interval` event.
 */
export function IntervalChart({ buckets, queues, now }: { buckets: readonly IntervalBucket[]; queues: readonly QueueFigures[]; now: number }) {
  const day = localMidnight(now);
  // The day so far, at least 8 hours wide so the first hours are not a few fat bars.
  const { points, target } = intervalSeries(buckets, queues, day, now);
  const slots = Math.max(points.length, 32);
  const first = Math.max(0, points.length - 96);
  const shown = points.slice(first);
  const max = Math.max(4, ...shown.map((p) => p.offered));
  const plotW = W - PAD_L - PAD_R, plotH = H - PAD_T - PAD_B;
  const bw = plotW / slots;
  const x = (k: number) => PAD_L + k * bw;
  const y = (v: number) => PAD_T + plotH - (v / max) * plotH;
  const ySl = (v: number) => PAD_T + plotH - v * plotH;
  const slPath = shown.map((p, k) => (p.sl === null ? null : `${x(k) + bw / 2},${ySl(p.sl)}`)).filter(Boolean);
  const total = shown.reduce((s, p) => ({ offered: s.offered + p.offered, answered: s.answered + p.answered, abandoned: s.abandoned + p.abandoned }), { offered: 0, answered: 0, abandoned: 0 });
  const hourTicks = shown.map((p, k) => ({ p, k })).filter(({ p }) => new Date(p.start).getMinutes() === 0 && new Date(p.start).getHours() % 2 === 0);
  return (
    <figure className="interval-chart" aria-labelledby="interval-chart-title">
      <figcaption>
        <span id="interval-chart-title" className="chart-title">Today by 15-minute interval</span>
        <span className="legend"><i className="sw sw-answered" />Answered {total.answered}</span>
        <span className="legend"><i className="sw sw-abandoned" />Abandoned {total.abandoned}</span>
        <span className="legend"><i className="sw sw-other" />Other {total.offered - total.answered - total.abandoned}</span>
        <span className="legend"><i className="sw sw-sl" />Service level</span>
        {target !== null && <span className="legend"><i className="sw sw-target" />Target {Math.round(target * 100)}%</span>}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Offered ${total.offered}, answered ${total.answered}, abandoned ${total.abandoned} today`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD_L} x2={W - PAD_R} y1={ySl(f)} y2={ySl(f)} className="grid" />
            <text x={PAD_L - 6} y={ySl(f) + 4} className="axis" textAnchor="end">{Math.round(max * f)}</text>
            <text x={W - PAD_R + 6} y={ySl(f) + 4} className="axis">{Math.round(f * 100)}%</text>
          </g>
        ))}
        {shown.map((p, k) => {
          const other = p.offered - p.answered - p.abandoned;
          return (
            <g key={p.start} data-interval={new Date(p.start).toISOString()} data-offered={p.offered}>
              <title>{`${hhmm(p.start)}: offered ${p.offered}, answered ${p.answered}, abandoned ${p.abandoned}${p.sl === null ? '' : `, SL ${Math.round(p.sl * 100)}%`}`}</title>
              {p.answered > 0 && <rect className="bar-answered" x={x(k) + 1} width={Math.max(1, bw - 2)} y={y(p.answered)} height={plotH - (y(p.answered) - PAD_T)} />}
              {p.abandoned > 0 && <rect className="bar-abandoned" x={x(k) + 1} width={Math.max(1, bw - 2)} y={y(p.answered + p.abandoned)} height={y(p.answered) - y(p.answered + p.abandoned)} />}
              {other > 0 && <rect className="bar-other" x={x(k) + 1} width={Math.max(1, bw - 2)} y={y(p.offered)} height={y(p.answered + p.abandoned) - y(p.offered)} />}
            </g>
          );
        })}
        {target !== null && <line className="sl-target" x1={PAD_L} x2={W - PAD_R} y1={ySl(target)} y2={ySl(target)} />}
        {slPath.length > 1 && <polyline className="sl-line" points={slPath.join(' ')} />}
        {shown.map((p, k) => (p.sl === null ? null : <circle key={p.start} className={target !== null && p.sl < target ? 'sl-dot below' : 'sl-dot'} cx={x(k) + bw / 2} cy={ySl(p.sl)} r={2.5} />))}
        {hourTicks.map(({ p, k }) => <text key={p.start} x={x(k)} y={H - 8} className="axis">{hhmm(p.start)}</text>)}
        <line x1={PAD_L} x2={W - PAD_R} y1={PAD_T + plotH} y2={PAD_T + plotH} className="baseline" />
      </svg>
    </figure>
  );
}
