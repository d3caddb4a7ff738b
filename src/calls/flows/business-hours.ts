/**
 * Business hours in the client's IANA time zone, with Intl doing the zone
 * math (DST included): the instant is turned into a local weekday, date and
 * minute of day, which the weekly schedule and the holiday list are read in.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00"–"17:30"; an end at or before the start runs past midnight into the next day. */
export type TimeRange = readonly [string, string];

export interface BusinessHours {
  readonly timeZone: string;
  readonly weekly: Partial<Record<Weekday, readonly TimeRange[]>>;
  /** Local dates "YYYY-MM-DD" on which the client is closed all day. */
  readonly holidays: readonly string[];
}

export type HoursState = 'open' | 'closed' | 'holiday';

export interface LocalTime {
  readonly weekday: Weekday;
  /** "YYYY-MM-DD" in the zone. */
  readonly date: string;
  readonly minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const weekday = parts.weekday.toLowerCase().slice(0, 3) as Weekday;
  return { weekday, date: `${parts.year}-${parts.month}-${parts.day}`, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) };
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function inRanges(ranges: readonly TimeRange[] | undefined, minute: number, part: 'same_day' | 'spill'): boolean {
  for (const [from, to] of ranges ?? []) {
    const a = minutesOf(from);
    const b = minutesOf(to);
    const overnight = b <= a;
    if (part === 'same_day' && minute >= a && (overnight || minute < b)) return true;
    if (part === 'spill' && overnight && minute < b) return true;
  }
  return false;
}

/** Open, closed, or a holiday (which wins over the weekly schedule) at instant `ms`. */
export function hoursState(hours: BusinessHours, ms: number): HoursState {
  const t = localTime(ms, hours.timeZone);
  if (hours.holidays.includes(t.date)) return 'holiday';
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(t.weekday) + 6) % 7];
  const open = inRanges(hours.weekly[t.weekday], t.minuteOfDay, 'same_day') || inRanges(hours.weekly[yesterday], t.minuteOfDay, 'spill');
  return open ? 'open' : 'closed';
}
