import type { FieldErrors } from '../../admin/form/validate.js';
import { WEEKDAYS, type BusinessHours, type Weekday } from '../voice-types.js';

export interface RangeDraft { start: string; end: string }
export interface HolidayDraft { date: string; name: string }
export interface HoursDraft {
  weekly: Record<Weekday, RangeDraft[]>;
  holidays: HolidayDraft[];
}

export const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

const NINE_TO_FIVE: RangeDraft[] = [{ start: '09:00', end: '17:00' }];

/** A client without hours starts from Monday–Friday 09:00–17:00. */
export function hoursDraft(row: BusinessHours | null): HoursDraft {
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => {
    if (!row) return [d, d === 'sat' || d === 'sun' ? [] : NINE_TO_FIVE];
    return [d, (row.weekly[d] ?? []).map(([start, end]) => ({ start, end }))];
  })) as Record<Weekday, RangeDraft[]>;
  return { weekly, holidays: (row?.holidays ?? []).map((h) => ({ date: h.date, name: h.name ?? '' })) };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** An end may also be 24:00 (midnight at the end of the day), as the `hours` verb allows. */
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** A range whose end is at or before its start runs past midnight (as the flow's `hours` verb reads it). */
export const isOvernight = (r: RangeDraft): boolean => HHMM.test(r.start) && END.test(r.end) && minutes(r.end) <= minutes(r.start);

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The API may name one end of a range (`weekly.mon.0.1`); the form shows it at the range. */
export const rangeKey = (path: string): string => path.replace(/^(weekly\.[a-z]{3}\.\d+)\.\d+$/, '$1');

/** Errors keyed `weekly.mon.0` (a range), `holidays.2.date`, as the API's issue paths are. */
export function validateHours(d: HoursDraft): FieldErrors {
  const errors: FieldErrors = {};
  for (const day of WEEKDAYS) {
    const ranges = d.weekly[day];
    ranges.forEach((r, i) => {
      if (!HHMM.test(r.start) || !END.test(r.end)) errors[`weekly.${day}.${i}`] = 'Times are HH:MM, 00:00–23:59';
    });
    // Same-day ranges must not overlap; an overnight range is allowed only as the day's last.
    const sorted = ranges.map((r, i) => ({ ...r, i })).filter((r) => HHMM.test(r.start) && END.test(r.end))
      .sort((a, b) => minutes(a.start) - minutes(b.start));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1];
      if (isOvernight(prev) || minutes(sorted[k].start) < minutes(prev.end)) errors[`weekly.${day}.${sorted[k].i}`] ??= 'Overlaps another range that day';
    }
  }
  const seen = new Set<string>();
  d.holidays.forEach((h, i) => {
    if (!isDate(h.date)) errors[`holidays.${i}.date`] = 'A date, YYYY-MM-DD';
    else if (seen.has(h.date)) errors[`holidays.${i}.date`] = 'Listed twice';
    seen.add(h.date);
  });
  return errors;
}

export function hoursBody(d: HoursDraft): { weekly: Partial<Record<Weekday, [string, string][]>>; holidays: { date: string; name?: string }[] } {
  const weekly: Partial<Record<Weekday, [string, string][]>> = {};
  for (const day of WEEKDAYS) {
    const ranges = [...d.weekly[day]].sort((a, b) => minutes(a.start) - minutes(b.start));
    if (ranges.length > 0) weekly[day] = ranges.map((r) => [r.start, r.end]);
  }
  const holidays = [...d.holidays].sort((a, b) => a.date.localeCompare(b.date))
    .map((h) => (h.name.trim() ? { date: h.date, name: h.name.trim() } : { date: h.date }));
  return { weekly, holidays };
}

/** Segments of a day's 24-hour bar, in percent; an overnight range shows until midnight. */
export function daySegments(ranges: RangeDraft[]): { left: number; width: number }[] {
  return ranges.filter((r) => HHMM.test(r.start) && END.test(r.end)).map((r) => {
    const a = minutes(r.start);
    const b = isOvernight(r) ? 24 * 60 : minutes(r.end);
    return { left: (a / 1440) * 100, width: ((b - a) / 1440) * 100 };
  });
}
