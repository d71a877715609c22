import type { LetterCorrection } from './model.js';

/**
 * The words that head a corrected letter, shared by the renderer (which writes them) and the
 * reader (which reads them back): a heading line, then one paragraph naming the version and
 * issue date the letter supersedes and the reason. Pure.
 */

export const CORRECTION_HEADING = 'CORRECTED DETERMINATION';

const US_DATE = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');

/** "This corrected determination supersedes version 1, issued 03/21/2024. Reason for the correction: …" */
export function correctionSentence(c: LetterCorrection): string {
  return `This corrected determination supersedes version ${c.supersedesVersion}, issued ${US_DATE(c.supersedesIssuedOn)}. Reason for the correction: ${oneLine(c.reason)}`;
}

/** Text as one line with single spaces (how a paragraph reads back). */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The paragraph's wording, for the reader (group 1: version; 2–4: month, day, year; 5: reason). */
export const CORRECTION_SENTENCE = /^This corrected determination supersedes version (\d{1,4}), issued (\d{2})\/(\d{2})\/(\d{4})\. Reason for the correction: (.+)$/;
