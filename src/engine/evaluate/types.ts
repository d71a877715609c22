import type { Citation, Decision } from '../../letters/model.js';
import type { EvidenceKind } from '../evidence-kind.js';

/** Where a fact was read: the source (e.g. "clinicalSummary", a document name) and the quoted span. */
export interface Evidence {
  source: string;
  quote: string;
  /** Offsets of the quote in the source text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** What kind of statement the quote is (examination finding, complaint, plan, UR reasoning...), where known. */
  kind?: EvidenceKind;
}

/**
 * `not_applicable`: the criterion's own condition does not hold for this request (a rule for another
 * study, a flare-up allowance with no flare-up, a continuation rule on an initial course). It stands in
 * the way of nothing, like `met`, but it is no evidence for the request either.
 */
export type CriterionStatus = 'met' | 'not_met' | 'unknown' | 'not_applicable';

/** The criterion does not stand in the way of the request: met, or not applicable to it. */
export function isSatisfied(status: CriterionStatus): boolean {
  return status === 'met' || status === 'not_applicable';
}

/** One criterion of the guideline, checked against this case. */
export interface CriterionResult {
  id: string;
  type: string;
  /** The guideline's rule, as the topic states it. */
  statement: string;
  status: CriterionStatus;
  /** What was found in this case, one sentence ("8 sessions requested; the trial is 6"). */
  finding: string;
  evidence: Evidence[];
  /** False where the rule is not yet confirmed against the guideline text. */
  verified: boolean;
  /**
   * For an unknown criterion: whether the request or the record leaves it unknown, or (`procedure`)
   * the status of a procedure the item follows, which is not in dispute and which the record does not settle.
   */
  unknownBecause?: 'request' | 'record' | 'procedure';
  /** True where the record states both the finding and its absence. */
  conflicting?: boolean;
}

/** The drafted decision on one disputed item. The reviewer has the last word. */
export interface ItemDecision {
  request: string;
  /**
   * The engine's lean: Overturned only where every criterion is met by evidence of an accepted kind
   * AND the calibrated probability of overturn is at least one half; Upheld otherwise. A flagged
   * draft (`needsReviewer`) still has a lean.
   */
  decision: Decision;
  /** What the guideline criteria alone decide (Overturned = every criterion met). */
  ruleDecision: Decision;
  /** The topic applied, or null where no topic covers the request. */
  topicId: string | null;
  /** The topic version applied (e.g. "cpmtg-2009"), or null. */
  guidelineVersion: string | null;
  /** The date the guideline version was selected for (YYYY-MM-DD). */
  asOf: string;
  citation: Citation;
  criteria: CriterionResult[];
  /** The request's category as the normaliser read it ("physical_therapy", "opioid"). */
  category: string;
  /** For a service that follows a procedure in the same case (pre-op, assistant, post-op): that procedure's request. */
  dependsOn: string | null;
  /**
   * The probability that a published reviewer would find the item medically necessary (Overturned),
   * from the calibration model fitted on published letters (src/guidelines/calibration.json).
   */
  pOverturn: number;
  /** True where the draft needs the reviewer's judgement rather than a confirmation. */
  needsReviewer: boolean;
  /** Why the reviewer must decide (one sentence per reason), or null when not flagged. */
  reviewReason: string | null;
  /** The reasons as stable codes (see REVIEW_CODES). */
  reviewCodes: ReviewCode[];
  /** The documentation that would change the outcome. */
  documentationGaps: string[];
  rationale: string;
}

/**
 * Why a draft needs the reviewer's judgement. Rule-based codes come from the record and the request;
 * `probability` comes from the calibration model's thresholds.
 */
export type ReviewCode =
  /** No guideline topic of the knowledge base addresses the request. */
  | 'no_topic'
  /** The request does not say what a criterion needs (quantity, sessions, drug, body part). */
  | 'request_unclear'
  /** The record states both the finding and its absence (or improvement and none). */
  | 'evidence_conflicting'
  /** The record holds almost no clinical statement (no history, examination or test result to read). */
  | 'evidence_thin'
  /** The item follows another item (a procedure) whose draft is itself flagged. */
  | 'depends_on_flagged'
  /**
   * The item is a service that follows a procedure (pre-operative tests, post-operative care) which is
   * not in dispute, and the record shows neither its certification nor its performance: only disputed
   * items come to IMR (Labor Code §4610.5), so the procedure was either certified by UR or never
   * requested, and the guideline's condition ("needed only for a surgery that is itself medically
   * necessary") turns on which. The reviewer settles it from the file.
   */
  | 'procedure_unconfirmed'
  /**
   * A later MTUS edition, which the knowledge base does not hold, replaced the topic's guideline text for
   * services on the item's date (src/guidelines/mtus-editions.yaml): the criteria are the closest text
   * available, the reviewer applies the edition in force.
   */
  | 'guideline_superseded'
  /** The calibrated probability of overturn lies where published reviewers disagree with the lean. */
  | 'probability';
