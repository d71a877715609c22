import type { Frequency } from './normalised-request.js';
import { NUM, parseNumber } from './numbers.js';

const DURATION_DAYS = new RegExp(`(?<![\\w.])(${NUM})(?:\\s*-\\s*(${NUM}))?[\\s-]*(days?|weeks?|months?)\\b(?!'?\\s*supply)`, 'i');

/** How long the treatment lasts, in days: the weeks of the frequency, else "for 30 days", "6-8 weeks", "3 months" (a month is 30 days). */
export function durationDaysOf(frequency: Frequency | null, outsideFreq: string): number | null {
  let durationDays: number | null = null;
  if (frequency?.weeks) durationDays = frequency.weeks * 7;
  else {
    const dm = DURATION_DAYS.exec(outsideFreq);
    if (dm) {
      const n = parseNumber(dm[2]) ?? parseNumber(dm[1]);
      const unit = dm[3].toLowerCase();
      if (n !== null) durationDays = unit.startsWith('day') ? n : unit.startsWith('week') ? n * 7 : n * 30;
    }
  }
  return durationDays;
}
