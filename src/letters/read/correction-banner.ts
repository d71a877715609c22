import { CORRECTION_HEADING, CORRECTION_SENTENCE } from '../correction.js';
import type { LetterCorrection } from '../model.js';
import { BREAK, joinLines } from './clean-text.js';
import { parseLetterDate } from './dates.js';

/**
 * The correction a letter states at its head ("CORRECTED DETERMINATION", then "This corrected
 * determination supersedes version 1, issued 03/21/2024. Reason for the correction: …"), read
 * from the lines before its first section; null when the letter states none (or states it in
 * other words: such a letter reads as it always did).
 */
export function correctionIn(lines: readonly string[]): LetterCorrection | null {
  const at = lines.indexOf(CORRECTION_HEADING);
  if (at < 0) return null;
  const paragraph: string[] = [];
  for (let i = at + 1; i < lines.length && lines[i] !== BREAK; i++) paragraph.push(lines[i]);
  const m = CORRECTION_SENTENCE.exec(joinLines(paragraph));
  const issued = m ? parseLetterDate(`${m[2]}/${m[3]}/${m[4]}`) : null;
  if (!m || issued === null) return null;
  return { supersedesVersion: Number(m[1]), supersedesIssuedOn: issued, reason: m[5] };
}
