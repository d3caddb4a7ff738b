import { window } from './scenario.js';

export interface ShiftSpec {
  start: string;
  end: string;
  breaks: readonly { start: string; end: string; reason: string }[];
}

/** What an agent's schedule asks of it at a moment, in simulated seconds from the start of the run. */
export type PresenceChange =
  | { atS: number; kind: 'login'; auxReason?: string }
  | { atS: number; kind: 'logout' }
  | { atS: number; kind: 'break_start'; reason: string }
  | { atS: number; kind: 'break_end' };

const DAY_S = 86_400;

/**
 * Expands a daily shift (times of day, repeated every day) into presence
 * changes over [0, horizonS] of a run that starts at `startOfDayS` seconds
 * after midnight. A shift already under way at 0 logs in at 0 (and starts
 * its break at 0 if one is under way); contiguous shifts ("00:00"–"24:00"
 * every day) merge into one login. Without a schedule the agent logs in at
 * 0 and stays.
 */
export function presenceChanges(schedule: ShiftSpec | undefined, startOfDayS: number, horizonS: number): PresenceChange[] {
  if (!schedule) return [{ atS: 0, kind: 'login' }];
  const shift = window(schedule.start, schedule.end);
  const breaks = schedule.breaks.map((b) => ({ ...window(b.start, b.end, shift.from), reason: b.reason }));
  const out: PresenceChange[] = [];
  let open: { from: number; to: number } | undefined;
  // Day -1 covers a night shift that began before the run.
  for (let d = -1; d * DAY_S + shift.from - startOfDayS <= horizonS; d++) {
    const base = d * DAY_S - startOfDayS;
    const from = Math.max(0, base + shift.from);
    const to = base + shift.to;
    if (to <= 0) continue;
    if (open && from <= open.to) {
      // Contiguous with the previous shift: remove its logout, keep working.
      if (out.length > 0 && out[out.length - 1].kind === 'logout') out.pop();
    } else out.push({ atS: from, kind: 'login' });
    open = { from, to };
    for (const b of breaks) {
      const bFrom = base + b.from, bTo = base + b.to;
      if (bTo <= 0 || bFrom > horizonS) continue;
      out.push({ atS: Math.max(0, bFrom), kind: 'break_start', reason: b.reason });
      // A break that ends with the shift ends in the logout, not back in the ready state.
      if (bTo <= horizonS && bTo < to) out.push({ atS: bTo, kind: 'break_end' });
    }
    if (to <= horizonS) out.push({ atS: to, kind: 'logout' });
  }
  out.sort((a, b) => a.atS - b.atS);
  return mergeLoginIntoBreak(out.filter((c) => c.atS <= horizonS));
}

// A shift that opens with a break logs in straight into aux, so the agent is
// never ready (and offered work) for an instant.
function mergeLoginIntoBreak(changes: PresenceChange[]): PresenceChange[] {
  const out: PresenceChange[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i], next = changes[i + 1];
    if (c.kind === 'login' && next?.kind === 'break_start' && next.atS === c.atS) {
      out.push({ atS: c.atS, kind: 'login', auxReason: next.reason });
      i++;
    } else out.push(c);
  }
  return out;
}
