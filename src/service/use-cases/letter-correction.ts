import { isDeepStrictEqual } from 'node:util';
import { ImrError } from '../../errors/imr-error.js';
import { oneLine } from '../../letters/correction.js';
import type { Letter, LetterCorrection } from '../../letters/model.js';
import type { LetterRow } from '../store/tables.js';

/** What a correction of `previous` states at its head: the version and date it supersedes and the reason. */
export function correctionOf(previous: Pick<LetterRow, 'version' | 'issued_on'>, reason: string): LetterCorrection {
  return { supersedesVersion: previous.version, supersedesIssuedOn: previous.issued_on, reason: oneLine(reason) };
}

/**
 * Refuses a correction that would issue the same determination again: every item (request,
 * decision, citations, rationale), the clinical summary and the rest of the letter as they were in
 * the version it corrects (its own correction head aside).
 */
export function assertCorrectionChanges(previous: Letter, next: Letter, previousVersion: number, caseId: string): void {
  const plain = (l: Letter) => {
    const { correction: _, ...rest } = JSON.parse(JSON.stringify(l)) as Letter;
    return rest;
  };
  if (isDeepStrictEqual(plain(previous), plain(next))) {
    throw new ImrError(
      'IMR_ERR_CORRECTION_UNCHANGED',
      `The correction changes nothing: every item's decision, citation and rationale and the clinical summary are as in letter version ${previousVersion}. Change what is wrong (an item or the summary) and issue the correction again, or leave the letter as it is.`,
      { subject: caseId },
    );
  }
}
