import { isLicensedIn, type Reviewer } from './reviewer.js';

/**
 * Reviewer qualification, as every IMR Final Determination letter states it (2013 letters and the
 * 2016–2017 template): more than five years in active clinical practice and currently at least
 * 24 hours a week in active practice [C] (../shared/research/imr-process.md §3.1, §6.3).
 * California licensure is what this service requires (most reviewers were licensed in California,
 * [S]; LC 139.5's exact list is unconfirmed [U]).
 */

export interface QualificationReason {
  rule: 'licensed_in_california' | 'active_practice_years' | 'weekly_hours' | 'active';
  passed: boolean;
  message: string;
  source: string;
}

export interface QualificationResult {
  qualified: boolean;
  reasons: QualificationReason[];
}

const MIN_YEARS_ACTIVE_PRACTICE_EXCLUSIVE = 5;
const MIN_WEEKLY_HOURS = 24;

const LETTER_SOURCE =
  'IMR Final Determination letter template, "HOW THE IMR FINAL DETERMINATION WAS MADE" (imr-process.md §3.1, §6.3)';

export function checkQualification(
  reviewer: Pick<Reviewer, 'licensureStates' | 'yearsInActivePractice' | 'weeklyHours' | 'active'>,
): QualificationResult {
  const reasons: QualificationReason[] = [];
  const ca = isLicensedIn(reviewer, 'CA');
  reasons.push({
    rule: 'licensed_in_california',
    passed: ca,
    message: ca ? 'Licensed in California.' : 'Not licensed in California; add a California licence to the reviewer record.',
    source: 'Service policy; California licensure (LC 139.5 list unconfirmed, imr-process.md §3.1)',
  });
  const years = reviewer.yearsInActivePractice > MIN_YEARS_ACTIVE_PRACTICE_EXCLUSIVE;
  reasons.push({
    rule: 'active_practice_years',
    passed: years,
    message: years
      ? `${reviewer.yearsInActivePractice} years in active practice (more than ${MIN_YEARS_ACTIVE_PRACTICE_EXCLUSIVE} required).`
      : `${reviewer.yearsInActivePractice} years in active practice; more than ${MIN_YEARS_ACTIVE_PRACTICE_EXCLUSIVE} are required.`,
    source: LETTER_SOURCE,
  });
  const hours = reviewer.weeklyHours >= MIN_WEEKLY_HOURS;
  reasons.push({
    rule: 'weekly_hours',
    passed: hours,
    message: hours
      ? `${reviewer.weeklyHours} hours a week in active practice (at least ${MIN_WEEKLY_HOURS} required).`
      : `${reviewer.weeklyHours} hours a week in active practice; at least ${MIN_WEEKLY_HOURS} are required.`,
    source: LETTER_SOURCE,
  });
  reasons.push({
    rule: 'active',
    passed: reviewer.active,
    message: reviewer.active ? 'Active in the registry.' : 'Marked inactive in the registry; reactivate the reviewer to assign cases.',
    source: 'Service policy',
  });
  return { qualified: reasons.every((r) => r.passed), reasons };
}
