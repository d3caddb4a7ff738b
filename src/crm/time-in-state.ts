import type { AGENT_LOG_STATES } from '../store/schema.js';

/**
 * Time in each agent state over a window, from the agent_state_log: each
 * row is the state entered at `at`, lasting until the next row (or `to`).
 * `before` is the last change before the window opened, so a shift that
 * started yesterday evening counts from the window's start; without it the
 * agent is taken as offline until the first row.
 */
export type LoggedState = (typeof AGENT_LOG_STATES)[number];
export interface StateChange { state: LoggedState; at: Date }
export type StateSeconds = Record<'available_s' | 'busy_s' | 'wrap_up_s' | 'aux_s' | 'reserved_s' | 'offline_s', number>;

export function timeInStates(before: StateChange | undefined, changes: readonly StateChange[], from: Date, to: Date): StateSeconds {
  const ms: Record<LoggedState, number> = { offline: 0, available: 0, reserved: 0, busy: 0, wrap_up: 0, aux: 0 };
  let state: LoggedState = before?.state ?? 'offline';
  let since = from.getTime();
  const end = to.getTime();
  for (const c of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const at = Math.min(Math.max(c.at.getTime(), from.getTime()), end);
    ms[state] += Math.max(0, at - since);
    state = c.state;
    since = Math.max(since, at);
  }
  ms[state] += Math.max(0, end - since);
  const s = (k: LoggedState) => Math.round(ms[k] / 1000);
  return { available_s: s('available'), busy_s: s('busy'), wrap_up_s: s('wrap_up'), aux_s: s('aux'), reserved_s: s('reserved'), offline_s: s('offline') };
}

/** Midnight of `now`'s calendar day in `timeZone`, as an instant. */
export function startOfDay(now: Date, timeZone: string): Date {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]));
  const wallAsUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offset = wallAsUtc - Math.floor(now.getTime() / 1000) * 1000;
  const midnightWall = Date.UTC(+parts.year, +parts.month - 1, +parts.day);
  // The offset at midnight can differ from now's on a daylight-saving day: correct once with midnight's own offset.
  const guess = new Date(midnightWall - offset);
  const p2 = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(guess).map((p) => [p.type, p.value]));
  const offset2 = Date.UTC(+p2.year, +p2.month - 1, +p2.day, +p2.hour, +p2.minute, +p2.second) - guess.getTime();
  return new Date(midnightWall - offset2);
}
