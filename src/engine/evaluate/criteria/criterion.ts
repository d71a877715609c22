import type { z } from 'zod';
import type { IsoDate } from '../../../shared/iso-date.js';
import type { NormalisedRequest } from '../../request/normalised-request.js';
import type { Decision } from '../../../letters/model.js';
import type { CriterionStatus, Evidence } from '../types.js';

/**
 * A documented finding looked up in the record: present, stated as absent, both (the record
 * contradicts itself: `evidence` holds the presence, `contrary` the absence), or not documented.
 * Only evidence of the kinds the criterion accepts counts.
 */
export interface FindingResult {
  status: 'present' | 'absent' | 'conflicting' | 'unknown';
  evidence: Evidence[];
  contrary?: Evidence[];
}

/** A source text of the case (the clinical summary, a progress note). */
export interface SourceText {
  source: string;
  text: string;
}

/** What a criterion sees: the normalised request, the worker, the record, the date. Read-only. */
export interface CriterionContext {
  asOf: IsoDate;
  request: NormalisedRequest;
  /**
   * Where utilization review already authorized part of the request ("12 visits was the original
   * request. 6 visits was authorized..."), the sessions or units authorized; else null.
   */
  authorized: { sessions: number | null; quantity: number | null } | null;
  worker: { age: number | null; sex: 'male' | 'female' | null; injuryDate: IsoDate | null };
  sources: readonly SourceText[];
  /** The topic's own treatment terms (to find prior use of this treatment in the record). */
  topicTerms: readonly string[];
  /** The topic's request categories (to find prior treatment of the same kind in the extracted facts). */
  topicCategories: readonly string[];
  /** The words for a finding of the vocabulary ("objective functional improvement"). */
  findingLabel(key: string): string;
  /**
   * Looks up a finding of the findings vocabulary (e.g. "functional_improvement"), counting only
   * evidence of the kinds this criterion accepts (the topic's `accepts`, else the finding's own).
   */
  finding(key: string): FindingResult;
  /**
   * Searches the record for any of these phrases (case-insensitive, whole words), not negated, in
   * clinical statements only (never a plan, a UR reviewer's reasoning or administrative text).
   */
  mentions(phrases: readonly string[]): Evidence[];
  /** The drafted decision on the case's primary procedure (a surgery among the other items), or null. */
  primaryProcedureDecision(): { request: string; decision: Decision } | null;
  /** Medications the record shows (from the fact extractor), administrative sentences excluded. */
  medications(): { generic: string; drugClass: string; negated: boolean; since: string | null; evidence: Evidence }[];
  /** Prior treatments of these categories the record shows (from the fact extractor). */
  priorTreatments(categories: readonly string[]): { sessions: number | null; evidence: Evidence }[];
  /** The drafted decisions on the case's other items of these categories. */
  otherItemDecisions(categories: readonly string[]): { request: string; decision: Decision }[];
}

export interface CriterionOutcome {
  status: CriterionStatus;
  /** One sentence about this case. */
  finding: string;
  evidence?: Evidence[];
  /** For an unknown outcome: whether the request (quantity, sessions, dose not stated) or the record leaves it unknown. */
  unknownBecause?: 'request' | 'record' | 'procedure';
  /** True where the record states both the finding and its absence: the reviewer must weigh them. */
  conflicting?: boolean;
}

/** A criterion type: validates its parameters once at load, then evaluates and explains itself. */
export interface CriterionType<P> {
  readonly name: string;
  readonly params: z.ZodType<P>;
  evaluate(params: P, ctx: CriterionContext): CriterionOutcome;
  /** The findings-vocabulary keys the parameters refer to (checked at load). */
  findingKeys?(params: P): string[];
}

export function defineCriterion<P>(t: CriterionType<P>): CriterionType<P> {
  return t;
}

const DAY_MS = 86_400_000;
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / DAY_MS);
}

/** A finding's label after "no" ("no a flare-up" → "no flare-up"). */
export function afterNo(label: string): string {
  return label.replace(/^(?:a|an|the)\s+/i, '');
}
