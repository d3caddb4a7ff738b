/**
 * Calling hours in the called party's local time (US TCPA 47 CFR
 * 64.1200(c)(1): 8 a.m. to 9 p.m. local time; the campaign may narrow it).
 * A lead that may be in several zones is inside the window only when every
 * one of them is.
 */
export interface LocalTime {
  /** 'YYYY-MM-DD' in that zone. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(zone: string, nowMs: number): LocalTime {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(nowMs)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** 'HH:MM' → minutes since midnight; undefined when malformed. '24:00' is allowed as an end. */
export function parseClock(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) return undefined;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 24 * 60 ? v : undefined;
}

export interface CallingWindow {
  /** Minutes since local midnight, inclusive. */
  startMin: number;
  /** Minutes since local midnight, exclusive. */
  endMin: number;
}

export function insideWindow(zones: readonly string[], nowMs: number, w: CallingWindow): boolean {
  if (zones.length === 0) return false;
  return zones.every((z) => {
    const { minutes } = localTime(z, nowMs);
    return minutes >= w.startMin && minutes < w.endMin;
  });
}

/** True when the local date in any of the zones is one of the holidays. */
export function onHoliday(zones: readonly string[], nowMs: number, holidays: ReadonlySet<string>): boolean {
  return holidays.size > 0 && zones.some((z) => holidays.has(localTime(z, nowMs).date));
}

const STEP_MS = 15 * 60_000;

/**
 * The first minute after `fromMs`, on a later local date than `fromMs`'s (in
 * the first zone), when the window is open in every zone; for "call again
 * tomorrow" retry rules. Searches up to 8 days ahead, else undefined.
 */
export function nextDayWindowOpening(zones: readonly string[], fromMs: number, w: CallingWindow): number | undefined {
  if (zones.length === 0 || w.endMin <= w.startMin) return undefined;
  const today = localTime(zones[0], fromMs).date;
  const ok = (t: number) => localTime(zones[0], t).date > today && insideWindow(zones, t, w);
  const start = Math.floor(fromMs / 60_000) * 60_000;
  for (let t = start + STEP_MS; t < fromMs + 8 * 86_400_000; t += STEP_MS) {
    if (!ok(t)) continue;
    // Walk back to the exact minute the window opened.
    let first = t;
    while (first - 60_000 > t - STEP_MS && ok(first - 60_000)) first -= 60_000;
    return first;
  }
  return undefined;
}
