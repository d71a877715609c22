import { ImrError } from '../../errors/imr-error.js';

/**
 * The one state machine for an IMR case (../shared/research/imr-process.md §2.1):
 * received → eligibility → assigned → records_received → in_review → decided → letter_issued,
 * plus the end states ineligible, withdrawn and terminated.
 */
export const CASE_STATUSES = [
  'received',
  'eligibility',
  'assigned',
  'records_received',
  'in_review',
  'decided',
  'letter_issued',
  'ineligible',
  'withdrawn',
  'terminated',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Allowed moves. Notes on the less obvious ones:
 * - eligibility stays put while a liability dispute defers the case (no transition needed);
 * - assigned → in_review: the reviewer may decide without the claims administrator's records,
 *   using the UR summary plus the worker's and physician's documents (8 CCR 9792.10.6(b)(2));
 * - terminated: the IMR may be terminated at any time when the claims administrator authorizes the
 *   disputed treatment (8 CCR 9792.10.6(a)); after a decision the letter must still issue;
 * - withdrawn: the worker withdraws the application before a decision;
 * - recusal reassigns without a status change (assigned stays assigned).
 */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['eligibility', 'withdrawn', 'terminated'],
  eligibility: ['assigned', 'ineligible', 'withdrawn', 'terminated'],
  assigned: ['records_received', 'in_review', 'withdrawn', 'terminated'],
  records_received: ['in_review', 'withdrawn', 'terminated'],
  in_review: ['decided', 'withdrawn', 'terminated'],
  decided: ['letter_issued'],
  letter_issued: [],
  ineligible: [],
  withdrawn: [],
  terminated: [],
};

export function isCaseStatus(s: string): s is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(s);
}

/** The statuses a case may move to from `from` (empty for end states). */
export function allowedTransitions(from: CaseStatus): CaseStatus[] {
  const list = TRANSITIONS[from];
  if (!list) throw new ImrError('IMR_ERR_VALIDATION', `Unknown case status "${String(from)}"; use one of: ${CASE_STATUSES.join(', ')}.`);
  return [...list];
}


/**
 * Checks a status change and returns the new status; throws IMR_ERR_INVALID_TRANSITION naming the
 * allowed targets when the move is impossible.
 */
export function transition(from: CaseStatus, to: CaseStatus): CaseStatus {
  if (!isCaseStatus(to)) {
    throw new ImrError('IMR_ERR_VALIDATION', `Unknown case status "${String(to)}"; use one of: ${CASE_STATUSES.join(', ')}.`);
  }
  const allowed = allowedTransitions(from);
  if (!allowed.includes(to)) {
    const targets = allowed.length ? `allowed from "${from}": ${allowed.join(', ')}` : `"${from}" is final and allows no further change`;
    throw new ImrError('IMR_ERR_INVALID_TRANSITION', `A case cannot move from "${from}" to "${to}"; ${targets}.`);
  }
  return to;
}

/**
 * The one way out of "ineligible": intake overrides the ineligibility for good cause, and the case
 * goes back to "eligibility", found eligible. It is not among TRANSITIONS on purpose: no ordinary
 * move (withdrawal, assignment) leaves "ineligible", and the override needs a written reason.
 */
export function reopenForGoodCause(from: CaseStatus): CaseStatus {
  if (from !== 'ineligible') {
    throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Only an ineligible case can be found eligible for good cause; this case is "${from}".`);
  }
  return 'eligibility';
}

/** End states: nothing more happens to the case (an ineligible one may be reopened for good cause, see reopenForGoodCause). */
export function isFinalStatus(s: CaseStatus): boolean {
  return TRANSITIONS[s].length === 0;
}

/** Open cases are still in progress (count for reviewer load and duplicate checks). */
export function isOpenStatus(s: CaseStatus): boolean {
  return !['decided', 'letter_issued', 'ineligible', 'withdrawn', 'terminated'].includes(s);
}

/** Cases that block a new application for the same items: open, or decided by IMR. */
export function blocksDuplicate(s: CaseStatus): boolean {
  return isOpenStatus(s) || s === 'decided' || s === 'letter_issued';
}
