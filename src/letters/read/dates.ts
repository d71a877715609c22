import type { IsoDate } from '../../shared/iso-date.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date as letters write it: 12/16/2013, 5-20-2009, 3/21/94, 10-13-16, January 5, 2015. */
export const DATE_PATTERN =
  '(?:\\d{1,2}[/-]\\d{1,2}[/-](?:\\d{4}|\\d{2})(?!\\d)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2},?\\s+\\d{4})';

function fullYear(y: number, digits: number): number {
  if (digits >= 4) return y;
  return y >= 50 ? 1900 + y : 2000 + y;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * YYYY-MM-DD for a real day, else null: the same answer as `isoDateFromParts` (src/shared) for
 * the years a letter can write (four digits at most), without building a Date for every date of
 * every letter (a hot path). Like it, this rejects years 0–99, which Date.UTC reads as 1900–1999.
 */
function isoDay(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || year < 100 || year > 9999) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return null;
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Parses one date as written into YYYY-MM-DD, or null when it is not a real day. */
export function parseLetterDate(s: string): IsoDate | null {
  const t = s.trim();
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(t);
  if (m) return isoDay(fullYear(Number(m[3]), m[3].length), Number(m[1]), Number(m[2]));
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) {
    const mi = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
    if (mi >= 0) return isoDay(Number(m[3]), mi + 1, Number(m[2]));
  }
  return null;
}
