import type { SimulationReport } from './contact-center-sim.js';
import type { OccupancyRow } from './occupancy-stats.js';
import type { QueueRow } from './queue-interval-stats.js';

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const secs = (x: number | null): string => (x === null ? '-' : x.toFixed(1));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const QUEUE_HEADER = ['', 'offered', 'answered', 'abandoned', 'exited', 'timed out', 'unfinished', 'SL', 'SL ex.short', 'aband.', 'P(wait)', 'ASA s', 'AHT s'];

function queueCells(label: string, r: QueueRow): string[] {
  return [label, String(r.offered), String(r.answered), String(r.abandoned), String(r.exited), String(r.timedOut), String(r.unfinished),
    pct(r.serviceLevel), pct(r.serviceLevelExShortAbandons), pct(r.abandonRate), pct(r.pWait), secs(r.asaS), secs(r.ahtS)];
}

function occupancyCells(label: string, r: OccupancyRow, agents?: number): string[] {
  const h = (s: number) => (s / 3600).toFixed(1);
  return [label, ...(agents === undefined ? [] : [String(agents)]), h(r.handlingS), h(r.availableS), h(r.auxS), pct(r.occupancy)];
}

/**
 * The human-readable report of `switchboard simulate`: per queue, per agent
 * group, then one table per queue by 15-minute interval (intervals where
 * nothing arrived are left out). SL counts abandons against; "SL ex.short"
 * leaves out calls abandoned within the threshold.
 */
export function formatReport(r: SimulationReport, opts: { intervals?: boolean } = {}): string {
  const hours = (s: number) => `${(s / 3600).toFixed(2).replace(/\.?0+$/, '')} h`;
  const out: string[] = [
    `${r.name}`,
    `seed ${String(r.seed)}, start ${r.start}, ${hours(r.durationS)} of arrivals, ended after ${hours(r.endS)}; ` +
      `${r.interactions} interactions, ${r.events} events`,
    '',
    'Queues (SL: answered within the threshold ÷ offered; SL ex.short: short abandons left out)',
    table(QUEUE_HEADER.map((h, i) => (i === 0 ? 'queue' : h)), [
      ...r.queues.map((q) => queueCells(`${q.queueId} (T=${q.thresholdS}s)`, q.total)),
      queueCells('all queues', r.total),
    ]),
    '',
    'Agent groups (occupancy: handling ÷ (handling + available); ringing counts as handling)',
    table(['group', 'agents', 'handling h', 'available h', 'aux h', 'occupancy'], r.groups.map((g) => occupancyCells(g.group, g.total, g.agents))),
  ];
  if (opts.intervals === false) return out.join('\n');
  for (const q of r.queues) {
    const rows = q.intervals.filter((x) => x.offered > 0).map((x) => queueCells(x.time, x));
    out.push('', `Queue ${q.queueId} by interval`, table(QUEUE_HEADER.map((h, i) => (i === 0 ? 'interval' : h)), rows));
  }
  for (const g of r.groups) {
    const rows = g.intervals.filter((x) => x.handlingS + x.availableS + x.auxS > 0).map((x) => occupancyCells(x.time, x));
    out.push('', `Group ${g.group} by interval`, table(['interval', 'handling h', 'available h', 'aux h', 'occupancy'], rows));
  }
  return out.join('\n');
}

/** camelCase keys → snake_case, recursively, for the JSON output (the API's style). */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = snakeKeys(v);
  return out;
}
