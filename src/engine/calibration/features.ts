import type { Decision } from '../../letters/model.js';
import type { EvidenceKind } from '../evidence-kind.js';
import type { CriterionStatus } from '../evaluate/types.js';

/** What the calibration model sees of a draft before its probability is known. */
export interface CalibrationInput {
  /** The request's category ("physical_therapy"). */
  category: string;
  /** The topic applied, or null. */
  topicId: string | null;
  /** The topic's recommendation, or null where no topic applies. */
  recommendation: 'recommended' | 'not_recommended' | 'conditional' | null;
  /** The citation family of the topic ("MTUS-CPMTG", "NON-MTUS", "NONE"). */
  family: string;
  /** What the criteria alone decide: Overturned when every criterion is met. */
  ruleDecision: Decision;
  criteria: { type: string; status: CriterionStatus; evidenceKinds: EvidenceKind[] }[];
  /** The item is a service that follows a procedure in the same case. */
  dependent: boolean;
  /** Rule-based review codes already raised (request_unclear, evidence_conflicting...). */
  ruleFlags: string[];
  /** The item's request as written (a fit links a draft that inherits its probability to its procedure by it). */
  request?: string;
  /**
   * Where the draft follows its procedure's Upheld draft: the procedure's request. Its probability is
   * the procedure's, not the model's (evaluate/dependency.ts, dependentProbability), so a fit marks it
   * with its own indicator only and scores it with the procedure's probability (fit.ts).
   */
  inheritsFrom?: string;
}

/**
 * The features of a draft, by name. Names are stable: the fitted weights in calibration.json refer
 * to them. They are few on purpose, and each points the way the guideline's own logic says
 * (NON_NEGATIVE_FEATURES: the fit only says how far): criteria met, none failed, met by an
 * objective finding, a topic that recommends the treatment at all; dependent services and rule
 * flags are free. Published letters come a few hundred items at a time and their overturns
 * cluster in a few letters: one-hot features for the category (about 50) or the guideline family
 * learned those letters rather than reviewers. Letter-level cross-validation on the 97
 * development letters, same folds: with service kind and family one-hot, pooled out-of-fold AUC
 * 0.50 (mean of folds 0.70), Brier 0.1177; without them 0.61 (0.73), Brier 0.1164; base rate 0.1151.
 */
export function calibrationFeatures(x: CalibrationInput): Record<string, number> {
  // A draft whose probability is its procedure's is never scored by the model; in a fit it is marked
  // by one indicator and nothing else, so its outcome bends no other weight (fit.ts).
  if (x.inheritsFrom !== undefined) return { 'item.inheritsProbability': 1 };
  const f: Record<string, number> = {};
  // A criterion that does not apply to this request is no evidence either way: it is left out of the
  // count, so that adding a rule for another study does not raise every other request's share.
  const applicable = x.criteria.filter((c) => c.status !== 'not_applicable');
  const n = applicable.length;
  const met = applicable.filter((c) => c.status === 'met').length;
  const notMet = applicable.filter((c) => c.status === 'not_met').length;
  f['rule.allMet'] = x.ruleDecision === 'Overturned' ? 1 : 0;
  f['criteria.noneNotMet'] = n > 0 && notMet === 0 ? 1 : 0;
  f['criteria.metShare'] = n ? met / n : 0;
  const metKinds = new Set(x.criteria.filter((c) => c.status === 'met').flatMap((c) => c.evidenceKinds));
  f['evidence.objective'] = metKinds.has('exam') || metKinds.has('test') ? 1 : 0;
  f['topic.recommendable'] = x.topicId !== null && x.recommendation !== 'not_recommended' ? 1 : 0;
  f['item.dependent'] = x.dependent ? 1 : 0;
  for (const flag of x.ruleFlags) f[`flag.${flag}`] = 1;
  return f;
}

/** Features whose weight may not be negative: the guideline says more of them means more likely medically necessary. */
export const NON_NEGATIVE_FEATURES: ReadonlySet<string> = new Set(['rule.allMet', 'criteria.noneNotMet', 'criteria.metShare', 'evidence.objective', 'topic.recommendable']);
