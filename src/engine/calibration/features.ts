import type { Decision } from '../../letters/model.js';
import type { EvidenceKind } from '../evidence-kind.js';
import type { CriterionStatus } from '../evaluate/types.js';
import { MEDICATION_CATEGORY_LIST, SESSION_THERAPY_CATEGORIES } from '../request/normalised-request.js';

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
 * to them. They are few on purpose: published letters come a few hundred items at a time, and their
 * overturns cluster in a few letters, so a weight per category learns those letters, not reviewers.
 *
 * The first group points one way by the guideline's own logic (NON_NEGATIVE_FEATURES: the fit may
 * only say how far): criteria met, none failed, met by an objective finding, a topic that recommends
 * the treatment at all. Service kind and guideline family are one-hot and free, and shrink to 0
 * unless the letters support them.
 */
export function calibrationFeatures(x: CalibrationInput): Record<string, number> {
  const f: Record<string, number> = {};
  const n = x.criteria.length;
  const met = x.criteria.filter((c) => c.status === 'met').length;
  const notMet = x.criteria.filter((c) => c.status === 'not_met').length;
  f['rule.allMet'] = x.ruleDecision === 'Overturned' ? 1 : 0;
  f['criteria.noneNotMet'] = n > 0 && notMet === 0 ? 1 : 0;
  f['criteria.metShare'] = n ? met / n : 0;
  const metKinds = new Set(x.criteria.filter((c) => c.status === 'met').flatMap((c) => c.evidenceKinds));
  f['evidence.objective'] = metKinds.has('exam') || metKinds.has('test') ? 1 : 0;
  f['topic.recommendable'] = x.topicId !== null && x.recommendation !== 'not_recommended' ? 1 : 0;
  f['item.dependent'] = x.dependent ? 1 : 0;
  for (const flag of x.ruleFlags) f[`flag.${flag}`] = 1;
  f[`service.${serviceGroup(x.category)}`] = 1;
  f[`family.${x.family}`] = 1;
  return f;
}

/** Features whose weight may not be negative: the guideline says more of them means more likely medically necessary. */
export const NON_NEGATIVE_FEATURES: ReadonlySet<string> = new Set(['rule.allMet', 'criteria.noneNotMet', 'criteria.metShare', 'evidence.objective', 'topic.recommendable']);

/**
 * The kind of service a request category belongs to. With a few hundred published items per fit, one
 * weight per category (some seen once) learns noise; a handful of service kinds pools them.
 */
export function serviceGroup(category: string): string {
  if ((MEDICATION_CATEGORY_LIST as readonly string[]).includes(category)) return 'medication';
  if ((SESSION_THERAPY_CATEGORIES as readonly string[]).includes(category)) return 'therapy';
  for (const [group, list] of Object.entries(SERVICE_GROUPS)) if (list.includes(category)) return group;
  return 'other';
}

const SERVICE_GROUPS: Record<string, readonly string[]> = {
  diagnostic: ['imaging', 'electrodiagnostic', 'lab', 'diagnostic_other', 'urine_drug_test', 'functional_capacity_evaluation'],
  procedure: ['surgery', 'epidural_injection', 'facet_injection', 'joint_injection', 'trigger_point_injection', 'rfa', 'prp_injection', 'botulinum_toxin', 'injection_other', 'surgical_assistant', 'spinal_cord_stimulator'],
  equipment: ['dme', 'tens', 'h_wave', 'interferential', 'gym_membership'],
  visit: ['office_visit', 'consultation'],
  program: ['functional_restoration', 'inpatient_rehabilitation', 'home_health', 'transportation', 'weight_loss'],
};
