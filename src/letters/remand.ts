import type { LetterRemand } from './model.js';

/**
 * The sentence that heads a letter issued on remand (LC 4610.6(i); imr-process.md §2.12), shared
 * by the determination, the letter as mailed and the publication. It stands before the header
 * block, where the letter reader keeps to what it knows (it reads such a letter as any other).
 */

const US_DATE = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');

/** "This determination follows the remand of case CM24-0001234, ordered by the WCAB on 05/01/2024, …" */
export function remandSentence(r: LetterRemand): string {
  return (
    `This determination follows the remand of case ${r.originalCaseNumber}, ordered by the Workers' Compensation Appeals Board (WCAB) on ${US_DATE(r.orderedOn)}. ` +
    'It is the result of a new review of the disputed treatment by a different expert reviewer (Labor Code section 4610.6(i)).'
  );
}
