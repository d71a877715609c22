import type { Citation, Decision } from '../../letters/model.js';

/** Where a fact was read: the source (e.g. "clinicalSummary", a document name) and the quoted span. */
export interface Evidence {
  source: string;
  quote: string;
  /** Offsets of the quote in the source text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
}

export type CriterionStatus = 'met' | 'not_met' | 'unknown';

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
}

/** The drafted decision on one disputed item. The reviewer has the last word. */
export interface ItemDecision {
  request: string;
  decision: Decision;
  /** The topic applied, or null where no topic covers the request. */
  topicId: string | null;
  /** The topic version applied (e.g. "cpmtg-2009"), or null. */
  guidelineVersion: string | null;
  /** The date the guideline version was selected for (YYYY-MM-DD). */
  asOf: string;
  citation: Citation;
  criteria: CriterionResult[];
  /** 0..1: how much of the decision rests on documented facts rather than on missing ones. */
  confidence: number;
  /** The documentation that would change the outcome. */
  documentationGaps: string[];
  rationale: string;
}
