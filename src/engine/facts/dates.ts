import { isoDay } from '../../shared/iso-day.js';

/** A date found in text: full (YYYY-MM-DD), month (YYYY-MM) or year (YYYY), with its span. */
export interface DateMention {
  value: string;
  precision: 'day' | 'month' | 'year';
  start: number;
  end: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH_NAMES = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_RE = new RegExp(
  [
    '(?<![\\d/])(\\d{1,2})[/-](\\d{1,2})[/-] ?(\\d{4}|\\d{2})(?![\\d/])', // 10/15/2011, 10-15-11, 10/14/ 2016
    '(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)', // 2011-10-15
    `\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, // October 15, 2011
    `\\b(${MONTH_NAMES})\\.?,?\\s+(?:of\\s+)?(\\d{4})\\b`, // October 2011
    '(?<![\\d/])(\\d{1,2})/(\\d{4})(?![\\d/])', // 10/2011
    '\\b((?:19|20)\\d{2})\\b', // 2011
  ].join('|'),
  'gi',
);

const HAS_DIGIT = /\d/;

function year(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n > 50 ? 1900 + n : 2000 + n) : n;
}



/** All dates in `text`, in order. */
export function findDates(text: string): DateMention[] {
  const out: DateMention[] = [];
  // every date form has a digit: most sentences have none
  if (!HAS_DIGIT.test(text)) return out;
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(text)) !== null) {
    const start = m.index;
    const end = m.index + m[0].length;
    let value: string | null = null;
    let precision: DateMention['precision'] = 'day';
    if (m[1]) value = isoDay(year(m[3]), Number(m[1]), Number(m[2]));
    else if (m[4]) value = isoDay(Number(m[4]), Number(m[5]), Number(m[6]));
    else if (m[7]) value = isoDay(Number(m[9]), MONTHS[m[7].toLowerCase().slice(0, 3)], Number(m[8]));
    else if (m[10]) {
      const mo = MONTHS[m[10].toLowerCase().slice(0, 3)];
      value = `${m[11]}-${String(mo).padStart(2, '0')}`;
      precision = 'month';
    } else if (m[12]) {
      const mo = Number(m[12]);
      if (mo >= 1 && mo <= 12) {
        value = `${m[13]}-${String(mo).padStart(2, '0')}`;
        precision = 'month';
      }
    } else if (m[14]) {
      value = m[14];
      precision = 'year';
    }
    if (value) out.push({ value, precision, start, end });
  }
  return out;
}

/** The digits of `s` from `a` to `b` as a number, or -1 where one is not a digit. */
function digitsAt(s: string, a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Scratch for monthsBetween: year, month, day of each date (0 where absent; read at once). */
const PARTS = new Int32Array(6);

/**
 * Year, month and day of an ISO date of 4, 7 or 10 characters (YYYY, YYYY-MM, YYYY-MM-DD) into
 * PARTS from `at` (0 where absent), without making strings; false for any other text.
 */
function isoParts(s: string, at: number): boolean {
  const n = s.length;
  if (n !== 4 && n !== 7 && n !== 10) return false;
  const y = digitsAt(s, 0, 4);
  const m = n >= 7 && s.charCodeAt(4) === 45 ? digitsAt(s, 5, 7) : n >= 7 ? -1 : 0;
  const d = n === 10 && s.charCodeAt(7) === 45 ? digitsAt(s, 8, 10) : n === 10 ? -1 : 0;
  if (y < 0 || m < 0 || d < 0) return false;
  PARTS[at] = y;
  PARTS[at + 1] = m;
  PARTS[at + 2] = d;
  return true;
}

/** Whole months from `from` (YYYY[-MM[-DD]]) to `to` (YYYY-MM-DD); partial dates count from their middle. */
export function monthsBetween(from: string, to: string): number | null {
  // ISO dates are read digit by digit (an absent part as 0, which counts as absent below)
  if (isoParts(from, 0) && isoParts(to, 3)) return monthsFrom(PARTS[0], PARTS[1], PARTS[2], PARTS[3], PARTS[4], PARTS[5]);
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return monthsFrom(fy, fm, fd, ty, tm, td);
}

/** monthsBetween from the dates' parts (0 or undefined: absent). */
function monthsFrom(fy: number, fm: number | undefined, fd: number | undefined, ty: number, tm: number | undefined, td: number | undefined): number | null {
  if (!fy || !ty) return null;
  const fMonth = fm || 7;
  const fDay = fd || (fm ? 15 : 1);
  let months = (ty - fy) * 12 + ((tm || 1) - fMonth);
  if ((td || 1) < fDay) months -= 1;
  return months;
}
