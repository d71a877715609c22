import type { IsoDate } from './iso-date.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * YYYY-MM-DD for a real day, else null: the answer of `isoDateFromParts` (iso-date.ts) for whole-number
 * parts with years of at most four digits, without building a Date for every date of every letter and
 * sentence (the letter reader's and the fact extractor's hot paths; this module loads nothing else, so
 * a one-letter parse does not load zod). Like it, this rejects years 0-99, which Date.UTC reads as 1900-1999.
 */
export function isoDay(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || year < 100 || year > 9999) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return null;
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
