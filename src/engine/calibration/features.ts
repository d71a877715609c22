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
}

/**
 * The features of a draft, by name. Names are stable: the fitted weights in calibration.json refer
 * to them. Category and family are one-hot, so a category the fit never saw contributes nothing
 * (its items get the base rate adjusted by the criterion features only).
 */
export function calibrationFeatures(x: CalibrationInput): Record<string, number> {
  const f: Record<string, number> = {};
  const n = x.criteria.length;
  const met = x.criteria.filter((c) => c.status === 'met').length;
  const notMet = x.criteria.filter((c) => c.status === 'not_met').length;
  const unknown = n - met - notMet;
  f['rule.overturned'] = x.ruleDecision === 'Overturned' ? 1 : 0;
  f['topic.none'] = x.topicId === null ? 1 : 0;
  f['topic.notRecommended'] = x.recommendation === 'not_recommended' ? 1 : 0;
  f['criteria.notMet'] = notMet;
  f['criteria.unknown'] = unknown;
  f['criteria.metShare'] = n ? met / n : 0;
  f['criteria.anyNotMet'] = notMet > 0 ? 1 : 0;
  f['criteria.unknownOnly'] = notMet === 0 && unknown > 0 ? 1 : 0;
  const metKinds = new Set(x.criteria.filter((c) => c.status === 'met').flatMap((c) => c.evidenceKinds));
  f['evidence.objective'] = metKinds.has('exam') || metKinds.has('test') ? 1 : 0;
  f['evidence.history'] = metKinds.has('history') ? 1 : 0;
  f['evidence.complaintOnly'] = metKinds.has('complaint') && !metKinds.has('exam') && !metKinds.has('test') ? 1 : 0;
  f['item.dependent'] = x.dependent ? 1 : 0;
  for (const flag of x.ruleFlags) f[`flag.${flag}`] = 1;
  f[`category.${x.category}`] = 1;
  f[`family.${x.family}`] = 1;
  return f;
}
