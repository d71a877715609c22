import { ImrError } from '../../errors/imr-error.js';
import { isValidIsoDate, type IsoDate } from '../../shared/iso-date.js';

/**
 * The California state calendar the DWC keeps: weekends and the state holidays on which state
 * offices (the DWC and its IMR unit) are closed. Dates are YYYY-MM-DD strings; no time zones.
 *
 * Holidays for state employees: Government Code 19853 (CalHR "State Holidays",
 * https://www.calhr.ca.gov/employees/Pages/holidays.aspx, and the 2013/2014 lists at
 * http://www.calhr.ca.gov/employees/Pages/state-holidays.aspx):
 *   New Year's Day (Jan 1), Martin Luther King Jr. Day (3rd Monday of January), Presidents' Day
 *   (3rd Monday of February), Cesar Chavez Day (Mar 31), Memorial Day (last Monday of May),
 *   Independence Day (Jul 4), Labor Day (1st Monday of September), Veterans Day (Nov 11),
 *   Thanksgiving Day (4th Thursday of November), the day after Thanksgiving, Christmas Day (Dec 25).
 * Weekend rules (same CalHR pages): a holiday on a Sunday is observed the following Monday; a
 * holiday on a Saturday is not moved (employees accrue holiday credit; offices open Friday),
 * except Veterans Day, which on a Saturday is observed the preceding Friday.
 * Not included: the other Government Code 6700 days (Lincoln Day, Admission Day, Columbus Day,
 * Native American Day, Juneteenth, Genocide Remembrance Day, Lunar New Year…), which are not on
 * CalHR's paid-holiday lists (2013, 2014, 2016 and 2024 lists checked) and on which state offices
 * open. Note Civil Code 9 would count Saturdays as business days; DWC offices are closed on
 * weekends, so this calendar does not (confidence U). If a paid state holiday is added, add it to
 * HOLIDAY_RULES with the year it starts.
 */

export interface Holiday {
  date: IsoDate;
  name: string;
  /** The nominal date when the holiday is observed on another day (Sunday → Monday). */
  observedFor?: IsoDate;
}

/** The years the holiday table covers; dates outside it are refused rather than guessed. */
const CALENDAR_FIRST_YEAR = 2013;
const CALENDAR_LAST_YEAR = 2035;

type HolidayRule =
  | { name: string; kind: 'fixed'; month: number; day: number; saturdayToFriday?: boolean }
  | { name: string; kind: 'nth-weekday'; month: number; weekday: number; nth: number }
  | { name: string; kind: 'last-weekday'; month: number; weekday: number }
  | { name: string; kind: 'day-after-thanksgiving' };

// weekday: 0 Sunday … 6 Saturday
const HOLIDAY_RULES: HolidayRule[] = [
  { name: "New Year's Day", kind: 'fixed', month: 1, day: 1 },
  { name: 'Martin Luther King Jr. Day', kind: 'nth-weekday', month: 1, weekday: 1, nth: 3 },
  { name: "Presidents' Day", kind: 'nth-weekday', month: 2, weekday: 1, nth: 3 },
  { name: 'Cesar Chavez Day', kind: 'fixed', month: 3, day: 31 },
  { name: 'Memorial Day', kind: 'last-weekday', month: 5, weekday: 1 },
  { name: 'Independence Day', kind: 'fixed', month: 7, day: 4 },
  { name: 'Labor Day', kind: 'nth-weekday', month: 9, weekday: 1, nth: 1 },
  { name: 'Veterans Day', kind: 'fixed', month: 11, day: 11, saturdayToFriday: true },
  { name: 'Thanksgiving Day', kind: 'nth-weekday', month: 11, weekday: 4, nth: 4 },
  { name: 'Day after Thanksgiving', kind: 'day-after-thanksgiving' },
  { name: 'Christmas Day', kind: 'fixed', month: 12, day: 25 },
];

const DAY_MS = 86_400_000;

function toUtc(date: IsoDate): number {
  if (!isValidIsoDate(date)) {
    throw new ImrError('IMR_ERR_INVALID_DATE', `"${date}" is not a real date in YYYY-MM-DD form; give a date such as 2024-03-15.`);
  }
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): IsoDate {
  return fromUtc(Date.UTC(y, m - 1, d));
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: IsoDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

function nthWeekday(year: number, month: number, wd: number, nth: number): IsoDate {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return ymd(year, month, 1 + ((wd - first + 7) % 7) + (nth - 1) * 7);
}

function lastWeekday(year: number, month: number, wd: number): IsoDate {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const diff = (lastDay.getUTCDay() - wd + 7) % 7;
  return ymd(year, month, lastDay.getUTCDate() - diff);
}

const holidayCache = new Map<number, readonly Holiday[]>();

/** The state holidays observed in `year`, in date order, generated from the rules above. */
export function holidaysOf(year: number): readonly Holiday[] {
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new ImrError(
      'IMR_ERR_INVALID_DATE',
      `The holiday table covers ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}; ${year} is outside it. Use a date in that range or extend the table in calendar.ts.`,
    );
  }
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const out: Holiday[] = [];
  for (const rule of HOLIDAY_RULES) {
    switch (rule.kind) {
      case 'fixed': {
        const nominal = ymd(year, rule.month, rule.day);
        const wd = weekday(nominal);
        if (wd === 0) out.push({ date: addCalendarDays(nominal, 1), name: rule.name, observedFor: nominal });
        else if (wd === 6 && rule.saturdayToFriday) out.push({ date: addCalendarDays(nominal, -1), name: rule.name, observedFor: nominal });
        else if (wd === 6) {
          // Saturday: not observed on a weekday (holiday credit instead); the day is a weekend anyway.
        } else out.push({ date: nominal, name: rule.name });
        break;
      }
      case 'nth-weekday':
        out.push({ date: nthWeekday(year, rule.month, rule.weekday, rule.nth), name: rule.name });
        break;
      case 'last-weekday':
        out.push({ date: lastWeekday(year, rule.month, rule.weekday), name: rule.name });
        break;
      case 'day-after-thanksgiving':
        out.push({ date: addCalendarDays(nthWeekday(year, 11, 4, 4), 1), name: rule.name });
        break;
    }
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(out.map((h) => Object.freeze(h)));
  holidayCache.set(year, frozen);
  return frozen;
}

/** The whole table: every observed holiday from `fromYear` to `toYear` (default: all covered years). */
export function holidayTable(fromYear = CALENDAR_FIRST_YEAR, toYear = CALENDAR_LAST_YEAR): Holiday[] {
  const out: Holiday[] = [];
  for (let y = fromYear; y <= toYear; y++) out.push(...holidaysOf(y));
  return out;
}

/** The holiday observed on `date`, or null. */
export function holidayOn(date: IsoDate): Holiday | null {
  toUtc(date);
  return holidaysOf(Number(date.slice(0, 4))).find((h) => h.date === date) ?? null;
}

function isWeekend(date: IsoDate): boolean {
  const wd = weekday(date);
  return wd === 0 || wd === 6;
}

/** A day the DWC is open: Monday to Friday and not an observed state holiday. */
export function isBusinessDay(date: IsoDate): boolean {
  return !isWeekend(date) && holidayOn(date) === null;
}

export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new ImrError('IMR_ERR_USAGE', `A day count must be a whole number, got ${n}.`);
  return fromUtc(toUtc(date) + n * DAY_MS);
}

/**
 * The n-th business day after `date` (n > 0) or before it (n < 0); `date` itself is not counted,
 * as in "within one business day". n = 0 returns `date` unchanged.
 */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new ImrError('IMR_ERR_USAGE', `A day count must be a whole number, got ${n}.`);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = date;
  toUtc(d);
  while (left > 0) {
    d = addCalendarDays(d, step);
    if (isBusinessDay(d)) left--;
  }
  return d;
}

/** The first business day on or after `date` (CCP 12a: a deadline on a holiday moves to the next business day). */
export function nextBusinessDayOnOrAfter(date: IsoDate): IsoDate {
  let d = date;
  while (!isBusinessDay(d)) d = addCalendarDays(d, 1);
  return d;
}

/** Calendar days from a to b (negative when b is before a). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/**
 * Business days after `a` up to and including `b` (so Friday → next Monday is 1); negative when
 * b is before a, 0 when equal. Inverse of addBusinessDays for business-day endpoints.
 */
export function businessDaysBetween(a: IsoDate, b: IsoDate): number {
  const from = toUtc(a);
  const to = toUtc(b);
  if (from === to) return 0;
  if (to < from) return -businessDaysBetween(b, a);
  // Weekdays in (a, b], by whole weeks plus the remainder, then minus the observed holidays in
  // (a, b] (observed holidays always fall on weekdays). Constant time per year spanned.
  const days = Math.round((to - from) / DAY_MS);
  let weekdays = Math.floor(days / 7) * 5;
  const startWd = new Date(from).getUTCDay();
  for (let i = 1; i <= days % 7; i++) {
    const wd = (startWd + i) % 7;
    if (wd !== 0 && wd !== 6) weekdays++;
  }
  let holidays = 0;
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) {
    for (const h of holidaysOf(y)) if (h.date > a && h.date <= b) holidays++;
  }
  return weekdays - holidays;
}

