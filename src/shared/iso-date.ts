import { z } from 'zod';

/** A calendar date with no time zone, as YYYY-MM-DD. Legal deadlines are date-only. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is YYYY-MM-DD and names a real day (no 2015-02-30). */
export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export const isoDateSchema = z
  .string()
  .refine(isValidIsoDate, { message: 'must be a real date in YYYY-MM-DD form' })
  .describe('Calendar date, YYYY-MM-DD');

/** Builds an ISO date from numeric parts, or null when the parts do not form a real day. */
export function isoDateFromParts(year: number, month: number, day: number): IsoDate | null {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isValidIsoDate(s) ? s : null;
}

/** 2024-03-20 → 03/20/2024, as the letters and the workbench write dates; anything else is returned as given. */
export function usDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}
