import type { IsoDate } from '../../shared/iso-date.js';
import { isoDay } from '../../shared/iso-day.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date as letters write it: 12/16/2013, 5-20-2009, 3/21/94, 10-13-16, January 5, 2015. */
export const DATE_PATTERN =
  '(?:\\d{1,2}[/-]\\d{1,2}[/-](?:\\d{4}|\\d{2})(?!\\d)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2},?\\s+\\d{4})';

function fullYear(y: number, digits: number): number {
  if (digits >= 4) return y;
  return y >= 50 ? 1900 + y : 2000 + y;
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
