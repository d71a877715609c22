import { ImrError } from '../../errors/imr-error.js';
import { specialtyFit, type AssignmentCaseInfo, type SpecialtyFit } from './assignment.js';
import { checkConflicts } from './conflict.js';
import { checkQualification } from './qualification.js';
import type { Reviewer } from './reviewer.js';

/**
 * Intake's override of the automatic choice of reviewer. Qualification and conflicts are rules:
 * a reviewer who fails either is refused, saying why. Specialty fit and load are judgement: a
 * reviewer who does not fit every disputed item, or is at capacity, is allowed with a warning.
 * A reviewer who recused from the case, or who already has it, is refused.
 */

export interface OverrideScreening {
  reviewerId: string;
  fit: SpecialtyFit;
  load: number;
  capacity: number;
  /** Said to intake, never a refusal: specialty mismatch, at capacity. */
  warnings: string[];
  /** Why the override is checked and allowed, one sentence each (no patient data). */
  reasons: string[];
}

export interface OverrideContext extends AssignmentCaseInfo {
  /** The reviewer who has the case now. */
  currentReviewerId: string | null;
  /** Reviewers who recused from this case (they may not get it back). */
  recusedReviewerIds: string[];
  /** On a remand's new review: reviewers who had the remanded case (LC 4610.6(i) asks for a different one). */
  priorReviewerIds?: string[];
  load: number;
}

/** Why the reviewer may not take the case (empty: they may), and what intake should be warned about. */
export function overrideCandidate(reviewer: Reviewer, ctx: OverrideContext): { refusals: string[]; warnings: string[]; fit: SpecialtyFit } {
  const refusals: string[] = [];
  if (ctx.recusedReviewerIds.includes(reviewer.id)) refusals.push('recused from this case earlier');
  if (ctx.priorReviewerIds?.includes(reviewer.id)) refusals.push('reviewed the case the WCAB remanded; a remand goes to a different reviewer (LC 4610.6(i))');
  const q = checkQualification(reviewer);
  for (const r of q.reasons) if (!r.passed) refusals.push(r.message.replace(/\.$/, ''));
  const c = checkConflicts(reviewer, ctx.parties);
  for (const x of c.conflicts) refusals.push(x.message.replace(/\.$/, ''));
  const fit = specialtyFit(reviewer, ctx.itemCategories);
  const warnings: string[] = [];
  if (fit.warning) warnings.push(fit.warning);
  if (ctx.load >= reviewer.capacity) warnings.push(`The reviewer already has ${ctx.load} open case${ctx.load === 1 ? '' : 's'}, at or over their capacity of ${reviewer.capacity}.`);
  return { refusals, warnings, fit };
}

/** Whether `reviewer` may take the case, and what intake should be warned about; throws when not. */
export function screenOverride(reviewer: Reviewer, ctx: OverrideContext): OverrideScreening {
  if (reviewer.id === ctx.currentReviewerId) {
    throw new ImrError('IMR_ERR_VALIDATION', 'This reviewer already has the case; choose another reviewer.', { details: [{ path: 'body.reviewerId', message: 'is the reviewer assigned now' }] });
  }
  const { refusals, warnings, fit } = overrideCandidate(reviewer, ctx);
  if (refusals.length) {
    throw new ImrError('IMR_ERR_REVIEWER_UNSUITABLE', `The reviewer cannot take this case: ${refusals.join('; ')}. Choose a qualified, conflict-free reviewer.`, {
      details: [{ path: 'body.reviewerId', message: refusals.join('; ') }],
    });
  }
  const reasons = [
    'Chosen by intake over the automatic choice (reason kept with the assignment).',
    'Qualified: licensed in California, more than 5 years in active practice, at least 24 hours a week, active.',
    'No affiliation with the employer, claims administrator or insurer, requesting provider or group, or UR organization.',
    fit.unfitted.length === 0
      ? `Specialty (${reviewer.specialty}${reviewer.subspecialty ? `, ${reviewer.subspecialty}` : ''}) fits every disputed item category: ${fit.categories.join(', ')}.`
      : `Specialty (${reviewer.specialty}) fits ${fit.fitted.length} of ${fit.categories.length} disputed item categories.`,
    `Load ${ctx.load} of capacity ${reviewer.capacity}.`,
  ];
  return { reviewerId: reviewer.id, fit, load: ctx.load, capacity: reviewer.capacity, warnings, reasons };
}
