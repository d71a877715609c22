import { ImrError } from '../../errors/imr-error.js';
import type { CaseParties } from './application.js';
import { checkConflicts, type Conflict } from './conflict.js';
import { checkQualification, type QualificationReason } from './qualification.js';
import type { Reviewer } from './reviewer.js';
import { categoryPriority, SPECIALTY_LABELS, specialtiesFor, specialtyKeys, type SpecialtyKey } from './specialty-table.js';

/**
 * Picks the reviewer for a case: qualified (qualification.ts), conflict-free (conflict.ts), under
 * capacity, not excluded (recusal or a prior reviewer on a remanded "new IMR"), and whose specialty
 * fits the disputed items (specialty-table.ts). One reviewer decides the whole case (multiple
 * reviewers need the AD's approval, 8 CCR 9792.10.6(c)). Among those who fit, the fewest open cases
 * wins, ties by id.
 *
 * Fit, in order (explicit fallback):
 *   1. "all": the reviewer's specialty or subspecialty fits every category of the case;
 *   2. "primary": no one fits all, so the reviewer fits the most specialised category
 *      (CATEGORY_PRIORITY), preferring those who fit more categories;
 *   otherwise IMR_ERR_NO_REVIEWER.
 * Categories the table does not know are fitted by generalists (FALLBACK_SPECIALTIES).
 */

export interface AssignmentCaseInfo {
  parties: CaseParties;
  /** Categories of the disputed items ("chiropractic", "opioid", "surgery:spine"…). */
  itemCategories: string[];
  /** Reviewers who must not get the case (recusal, previous reviewer). */
  excludeReviewerIds?: string[];
}

type FitLevel = 'all' | 'primary';

interface ReviewerEvaluation {
  reviewerId: string;
  excluded: boolean;
  qualified: boolean;
  qualificationReasons: QualificationReason[];
  conflictFree: boolean;
  conflicts: Conflict[];
  load: number;
  underCapacity: boolean;
  /** Categories this reviewer's specialty fits. */
  fittedCategories: string[];
  fitsPrimary: boolean;
  /** Could take the case (all checks passed and fits at least the primary category). */
  candidate: boolean;
}

export interface AssignmentResult {
  reviewer: Reviewer;
  fit: FitLevel;
  /** Why this reviewer: one sentence each, without patient data. */
  reasons: string[];
  /** Set when the reviewer's specialty does not fit every disputed item (a warning, not a refusal). */
  specialtyWarning: string | null;
  evaluations: ReviewerEvaluation[];
}

export interface SpecialtyFit {
  categories: string[];
  fitted: string[];
  unfitted: string[];
  /** What does not fit and which specialties would (null when every category fits). */
  warning: string | null;
}

/**
 * How the reviewer's specialty fits the disputed items, by the specialty table. Letters state the
 * reviewer practises in "the same or similar specialties" that evaluate or treat the condition and
 * disputed items [C] (imr-process.md §3.1, §3.4); a mismatch was central to a successful WCAB
 * appeal, so a reviewer who does not fit every item is flagged for intake to check.
 */
export function specialtyFit(reviewer: Pick<Reviewer, 'specialty' | 'subspecialty'>, itemCategories: string[]): SpecialtyFit {
  const categories = uniq(itemCategories.length ? itemCategories : ['unspecified']);
  const fitted = fittedCategories(reviewer, categories);
  const unfitted = categories.filter((c) => !fitted.includes(c));
  const label = `${reviewer.specialty}${reviewer.subspecialty ? `, ${reviewer.subspecialty}` : ''}`;
  const warning = unfitted.length
    ? `The reviewer's specialty (${label}) does not fit ${unfitted.length === categories.length ? 'any' : `${unfitted.length} of ${categories.length}`} disputed item categor${categories.length === 1 ? 'y' : 'ies'}: ` +
      unfitted.map((c) => `${c} (fits: ${specialtiesFor(c).specialties.map((k) => SPECIALTY_LABELS[k]).join(', ')})`).join('; ') +
      '. Letters state the reviewer practises in the same or a similar specialty as the disputed treatment; check this choice.'
    : null;
  return { categories, fitted, unfitted, warning };
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}

/** The category that decides the specialty when one reviewer cannot fit all (highest priority, then first listed). */
export function primaryCategory(categories: string[]): string | null {
  let best: string | null = null;
  let bestRank = -1;
  for (const c of categories) {
    const r = categoryPriority(c);
    if (r > bestRank) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}

function reviewerSpecialties(r: Pick<Reviewer, 'specialty' | 'subspecialty'>): SpecialtyKey[] {
  return uniq([...specialtyKeys(r.specialty), ...specialtyKeys(r.subspecialty ?? null)]) as SpecialtyKey[];
}

/** The categories of `categories` a reviewer fits. */
export function fittedCategories(reviewer: Pick<Reviewer, 'specialty' | 'subspecialty'>, categories: string[]): string[] {
  const mine = reviewerSpecialties(reviewer);
  return categories.filter((c) => specialtiesFor(c).specialties.some((s) => mine.includes(s)));
}

function evaluateReviewers(
  reviewers: Reviewer[],
  caseInfo: AssignmentCaseInfo,
  loads: Record<string, number>,
): ReviewerEvaluation[] {
  const categories = uniq(caseInfo.itemCategories.length ? caseInfo.itemCategories : ['unspecified']);
  const primary = primaryCategory(categories);
  const excluded = new Set(caseInfo.excludeReviewerIds ?? []);
  return reviewers.map((r) => {
    const q = checkQualification(r);
    const c = checkConflicts(r, caseInfo.parties);
    const load = loads[r.id] ?? 0;
    const underCapacity = load < r.capacity;
    const fitted = fittedCategories(r, categories);
    const fitsPrimary = primary !== null && fitted.includes(primary);
    const isExcluded = excluded.has(r.id);
    return {
      reviewerId: r.id,
      excluded: isExcluded,
      qualified: q.qualified,
      qualificationReasons: q.reasons,
      conflictFree: c.conflictFree,
      conflicts: c.conflicts,
      load,
      underCapacity,
      fittedCategories: fitted,
      fitsPrimary,
      candidate: !isExcluded && q.qualified && c.conflictFree && underCapacity && fitsPrimary,
    };
  });
}

export function chooseReviewer(reviewers: Reviewer[], caseInfo: AssignmentCaseInfo, loads: Record<string, number>): AssignmentResult {
  const categories = uniq(caseInfo.itemCategories.length ? caseInfo.itemCategories : ['unspecified']);
  const evaluations = evaluateReviewers(reviewers, caseInfo, loads);
  const byId = new Map(reviewers.map((r) => [r.id, r]));
  const candidates = evaluations.filter((e) => e.candidate);

  if (candidates.length === 0) {
    const primary = primaryCategory(categories) ?? 'unspecified';
    const count = (f: (e: ReviewerEvaluation) => boolean) => evaluations.filter(f).length;
    const wanted = specialtiesFor(primary).specialties.map((s) => SPECIALTY_LABELS[s]).join(', ');
    throw new ImrError(
      'IMR_ERR_NO_REVIEWER',
      `No reviewer can take this case (items: ${categories.join(', ')}): of ${reviewers.length} reviewer(s), ` +
        `${count((e) => e.excluded)} excluded, ${count((e) => !e.qualified)} not qualified, ${count((e) => !e.conflictFree)} with a conflict, ` +
        `${count((e) => !e.underCapacity)} at capacity, ${count((e) => !e.fitsPrimary)} without a fitting specialty. ` +
        `Add or free up a qualified, conflict-free reviewer in: ${wanted}.`,
    );
  }

  const fitsAll = candidates.filter((e) => e.fittedCategories.length === categories.length);
  const pool = fitsAll.length ? fitsAll : candidates;
  const fit: FitLevel = fitsAll.length ? 'all' : 'primary';
  pool.sort(
    (a, b) =>
      b.fittedCategories.length - a.fittedCategories.length ||
      a.load - b.load ||
      (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0),
  );
  const chosen = pool[0];
  const reviewer = byId.get(chosen.reviewerId)!;
  const reasons = [
    `Qualified: licensed in California, more than 5 years in active practice, at least 24 hours a week, active.`,
    `No affiliation with the employer, claims administrator or insurer, requesting provider or group, or UR organization.`,
    fit === 'all'
      ? `Specialty (${reviewer.specialty}${reviewer.subspecialty ? `, ${reviewer.subspecialty}` : ''}) fits every disputed item category: ${categories.join(', ')}.`
      : `No available reviewer fits every category; specialty (${reviewer.specialty}) fits the most specialised one (${primaryCategory(categories)}) and ${chosen.fittedCategories.length} of ${categories.length} categories.`,
    `Load ${chosen.load} of capacity ${reviewer.capacity}; ${pool.length} reviewer(s) fit, the one with the fewest open cases was chosen (ties by id).`,
  ];
  if (caseInfo.excludeReviewerIds?.length) reasons.push(`${caseInfo.excludeReviewerIds.length} reviewer(s) excluded (recusal or prior review).`);
  return { reviewer, fit, reasons, specialtyWarning: specialtyFit(reviewer, categories).warning, evaluations };
}
