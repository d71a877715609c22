/** The fact rules, in the order they run (within a sentence, and for their finish steps). */
import type { FactRule } from '../fact-rule.js';
import { demographicsRule } from './demographics.rule.js';
import { injuryDateRule } from './injury-date.rule.js';
import { diagnosesRule } from './diagnoses.rule.js';
import { bodyRegionsRule } from './body-regions.rule.js';
import { priorTreatmentsRule } from './prior-treatments.rule.js';
import { medicationsRule } from './medications.rule.js';
import { functionalImprovementRule } from './functional-improvement.rule.js';
import { spasmRule } from './spasm.rule.js';
import { neuroDeficitsRule } from './neuro-deficits.rule.js';
import { neuroExamOverallRule } from './neuro-exam-overall.rule.js';
import { redFlagsRule } from './red-flags.rule.js';
import { flareUpsRule } from './flare-ups.rule.js';
import { imagingRule } from './imaging.rule.js';
import { surgeriesRule } from './surgeries.rule.js';
import { workStatusRule } from './work-status.rule.js';
import { painScoresRule } from './pain-scores.rule.js';
import { urineDrugScreensRule } from './urine-drug-screens.rule.js';
import { failedConservativeCareRule } from './failed-conservative-care.rule.js';
import { examFindingsRule } from './exam-findings.rule.js';
import { homeExerciseRule } from './home-exercise.rule.js';
import { statedGapsRule } from './stated-gaps.rule.js';
import { priorAuthorizationsRule } from './prior-authorizations.rule.js';
import { giRisksRule } from './gi-risks.rule.js';
import { conflictsRule } from './conflicts.rule.js';

// medications before GI risks (corticosteroids, anticoagulants); demographics before GI risks (age);
// conflicts last (after every finding).
export const FACT_RULES: readonly FactRule[] = [
  demographicsRule,
  injuryDateRule,
  diagnosesRule,
  bodyRegionsRule,
  priorTreatmentsRule,
  medicationsRule,
  functionalImprovementRule,
  spasmRule,
  neuroDeficitsRule,
  neuroExamOverallRule,
  redFlagsRule,
  flareUpsRule,
  imagingRule,
  surgeriesRule,
  workStatusRule,
  painScoresRule,
  urineDrugScreensRule,
  failedConservativeCareRule,
  examFindingsRule,
  homeExerciseRule,
  statedGapsRule,
  priorAuthorizationsRule,
  giRisksRule,
  conflictsRule,
];
