/**
 * Calendar days in an IANA time zone, as instants. Pure (no clock of its
 * own): the caller passes `ms` from its injected clock.
 *
 * A local day is not always 24 h (23 or 25 on daylight-saving days) and does
 * not always start at 00:00 (America/Santiago jumps from 23:59:59 to 01:00
 * on its spring-forward day), so a day's first instant is found by a binary
 * search over the zone's own calendar instead of adding hours to midnight.
 */

import { localTime } from '../../calls/flows/business-hours.js';

const DAY_MAX_MS = 26 * 3600_000; // longer than any local day (25 h)

/** The local calendar date ('2026-03-08', which sorts like the days it names) of `ms` in `zone`. Throws RangeError for an unknown zone. */
export function localDate(ms: number, zone: string): string {
  return localTime(ms, zone).date;
}

/** The first instant (ms) whose local date in `zone` is `date`, searched in (lo, hi]. */
function firstInstantOf(date: string, zone: string, lo: number, hi: number): number {
  // Invariant: localDate(lo) < date, localDate(hi) >= date.
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (localDate(mid, zone) < date) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The first instant of the local day that contains `ms`. */
export function startOfLocalDay(ms: number, zone: string): number {
  return firstInstantOf(localDate(ms, zone), zone, ms - DAY_MAX_MS, ms);
}

/** The first instant of the local day after the one that contains `ms`. */
export function startOfNextLocalDay(ms: number, zone: string): number {
  const start = startOfLocalDay(ms, zone);
  const later = start + DAY_MAX_MS; // always inside the next day: today lasts at most 25 h, tomorrow at least 23 h
  return firstInstantOf(localDate(later, zone), zone, ms, later);
}
