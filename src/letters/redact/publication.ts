import type { Letter } from '../model.js';
import { textRedactor, type CaseIdentifier, type Removal } from './redact-text.js';

/**
 * The publication of an issued letter: the version DWC posts (imr-process.md §6.7). The letter is
 * rebuilt field by field from what a published letter holds (case number, dates, reviewer
 * credentials, worker's age and sex, summary, decisions); any other field the issued letter may
 * carry for mailing (addressees, claim number) is left out by construction. The free text is
 * scanned for the case's identifiers and for identifying patterns, which are replaced by labels.
 * Pure: no I/O.
 */

export interface Publication {
  letter: Letter;
  /** What was removed, field by field, for the signer to check. Empty when the text named no one. */
  removed: Removal[];
}

export function publicationOf(issued: Letter, identifiers: CaseIdentifier[]): Publication {
  const r = textRedactor(identifiers);
  const removed: Removal[] = [];
  const clean = (text: string, field: string): string => {
    const out = r.redact(text, field);
    removed.push(...out.removed);
    return out.text;
  };
  const letter: Letter = {
    ...(issued.reviewOrganization !== undefined ? { reviewOrganization: issued.reviewOrganization } : {}),
    header: issued.header
      ? {
          caseNumber: issued.header.caseNumber,
          dateAssigned: issued.header.dateAssigned,
          injuryDate: issued.header.injuryDate,
          decisionDate: issued.header.decisionDate,
          urDenialDate: issued.header.urDenialDate,
          priority: issued.header.priority,
          applicationReceived: issued.header.applicationReceived,
        }
      : null,
    reviewer: { licensure: [...issued.reviewer.licensure], specialty: issued.reviewer.specialty, subspecialty: issued.reviewer.subspecialty },
    worker: { age: issued.worker.age, sex: issued.worker.sex, injuryDate: issued.worker.injuryDate },
    urDecisionDate: issued.urDecisionDate,
    imrApplicationDate: issued.imrApplicationDate,
    clinicalSummary: clean(issued.clinicalSummary, 'clinicalSummary'),
    documentsReviewed: issued.documentsReviewed ? issued.documentsReviewed.map((d, k) => clean(d, `documentsReviewed.${k}`)) : null,
    items: issued.items.map((item, k) => ({
      request: clean(item.request, `items.${k}.request`),
      decision: item.decision,
      claimsAdministratorGuideline: item.claimsAdministratorGuideline,
      reviewerGuideline: item.reviewerGuideline,
      rationale: clean(item.rationale, `items.${k}.rationale`),
    })),
    // A corrected letter is published as corrected; its reason is free text and is redacted too.
    ...(issued.correction ? { correction: { ...issued.correction, reason: clean(issued.correction.reason, 'correction.reason') } } : {}),
    // A letter issued on remand is published as such (a case number and a date: nothing to redact).
    ...(issued.remand ? { remand: { ...issued.remand } } : {}),
  };
  return { letter, removed };
}

export { type CaseIdentifier } from './redact-text.js';
