import { ImrError } from '../../../errors/imr-error.js';
import type { ErrorCode } from '../../../errors/catalogue.js';
import type { Citation, Letter, LetterHeader, LetterReviewer } from '../../model.js';
import { isOrganizationName } from '../../organization.js';
import { parseCitation } from '../citation.js';
import { joinLines } from '../clean-text.js';
import { parseReviewer } from '../reviewer-worker.js';
import type { Warnings } from '../warnings.js';

/** Parts of a letter that several layouts read alike. */

/** Thrown by the layouts; parseLetterText adds the source to the message. */
export function fail(code: ErrorCode, what: string): never {
  throw new ImrError(code, what);
}

/** The citation of a guideline line, or none (with a warning) when the item has no such line. */
export function citationOrNone(lines: string[] | null, what: string, itemNo: number, warnings: Warnings): Citation {
  if (lines === null) {
    warnings.add(`item ${itemNo}: no "${what}" line; recorded as no citation`);
    return parseCitation('');
  }
  return parseCitation(joinLines(lines));
}

export function noReviewer(warnings: Warnings): LetterReviewer {
  warnings.add('the reviewer\'s credentials (licensure, specialty) were not found');
  return { licensure: [], specialty: null, subspecialty: null };
}

/** The organisation named as the subject of `phrase` in `paragraph` (the words of its sentence before it), or null. */
export function organizationBefore(paragraph: string, phrase: string): string | null {
  const at = paragraph.indexOf(phrase);
  if (at <= 0) return null;
  // The sentence that names it: after any sentence before it.
  const name = paragraph.slice(0, at).split(/[.!?:]\s+(?=[A-Z0-9])/).pop()!.trim();
  return isOrganizationName(name) ? name : null;
}

/** A letter of a historic layout (its worker's injury date falling back to the header's). */
export function historicLetter(
  header: LetterHeader,
  worker: Letter['worker'],
  sections: Map<string, string[]>,
  warnings: Warnings,
  reviewOrganization: string | null,
  rest: Pick<Letter, 'urDecisionDate' | 'imrApplicationDate' | 'clinicalSummary' | 'documentsReviewed' | 'items'>,
): Letter {
  if (worker.injuryDate === null) worker.injuryDate = header.injuryDate;
  return { reviewOrganization, header, reviewer: parseReviewer(sections.get('qualifications') ?? []) ?? noReviewer(warnings), worker, ...rest };
}

/** An item's labelled parts: the claims administrator's guideline, the reviewer's guideline, the rationale (null when absent). */
export interface ItemParts {
  ca: string[] | null;
  reviewer: string[] | null;
  rationale: string[] | null;
}
