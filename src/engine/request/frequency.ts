import type { Frequency } from './normalised-request.js';
import { NUM, parseNumber } from './numbers.js';

/** "weeks", "wk", "weekly": the unit of a duration in weeks. */
export const WEEK = '(?:weeks?|wks?|weekly)';
const PER_WEEK = `(?:\\s*(?:x|times?|visits?|sessions?|treatments?|×)?\\s*(?:a|per|\\/|each|every|in\\s+a)?\\s*(?:week|wk)\\b|\\s*(?:x|times?|visits?|sessions?)?\\s*weekly\\b)`;
/** "2 x week x 4 weeks", "3 times a week for 4 weeks", "2-3 times a week for 6 weeks", "twice weekly for 6 weeks". */
const FREQUENCY = new RegExp(
  `(?<![\\w.])(${NUM})(?:\\s*(?:-|to|or)\\s*(${NUM}))?${PER_WEEK}(?:\\s*(?:x|×|for|over|times|,)?\\s*(?:a\\s+(?:total\\s+of\\s+)?|the\\s+next\\s+)?(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*${WEEK})?`,
  'i',
);
/** "2x4", "2 x 4", "3x4 weeks" shorthand for times per week × weeks. */
const FREQ_SHORTHAND = new RegExp(`(?<![\\w.#/-])(\\d)\\s*[x×]\\s*(\\d{1,2})(?:\\s*${WEEK})?(?![\\w.%/])`, 'i');

/** The weekly frequency of a request and where it is written (so the other readers can skip it). */
export function frequencyOf(s: string): { freq: Frequency; start: number; end: number } | null {
  const m = FREQUENCY.exec(s);
  if (m) {
    const lo = parseNumber(m[1]);
    const hi = parseNumber(m[2]);
    const weeksLo = parseNumber(m[3]);
    const weeksHi = parseNumber(m[4]);
    if (lo !== null && lo > 0 && lo <= 14) {
      const weeks = weeksHi !== null && weeksLo !== null ? Math.max(weeksHi, weeksLo) : weeksLo;
      const weeksMin = weeksHi !== null && weeksLo !== null ? Math.min(weeksHi, weeksLo) : weeksLo;
      return { freq: { timesPerWeek: lo, timesPerWeekMax: hi !== null && hi > lo ? hi : null, weeks, weeksMin }, start: m.index, end: m.index + m[0].length };
    }
  }
  const sh = FREQ_SHORTHAND.exec(s);
  if (sh) {
    const per = Number(sh[1]);
    const weeks = Number(sh[2]);
    if (per >= 1 && per <= 7 && weeks >= 1 && weeks <= 26) return { freq: { timesPerWeek: per, timesPerWeekMax: null, weeks, weeksMin: weeks }, start: sh.index, end: sh.index + sh[0].length };
  }
  return null;
}
