import type { TreatmentCategory } from './normalised-request.js';
import { MEDICATION_CATEGORY_LIST, SESSION_THERAPY_CATEGORIES } from './normalised-request.js';
import { DRUG_PRIORITY, type DrugMatch, type TermMatch } from './matchers.js';

const MEDICATION_CATEGORIES = new Set<TreatmentCategory>(MEDICATION_CATEGORY_LIST);
/** Categories whose amount is a number of sessions/visits. */
export const SESSION_CATEGORIES = new Set<TreatmentCategory>([
  ...SESSION_THERAPY_CATEGORIES,
  'office_visit',
  'consultation',
  'home_health',
  'functional_restoration',
  'trigger_point_injection',
  'lab',
  'diagnostic_other',
  'urine_drug_test',
]);
/** Categories that need a body region to be decided. */
export const REGIONAL_CATEGORIES = new Set<TreatmentCategory>([
  'chiropractic',
  'physical_therapy',
  'postsurgical_therapy',
  'massage',
  'imaging',
  'electrodiagnostic',
  'epidural_injection',
  'facet_injection',
  'rfa',
  'joint_injection',
  'surgery',
]);
const PROCEDURE_DRUG_CLASSES = new Set<TreatmentCategory>(['viscosupplementation', 'botulinum_toxin']);
/** Body regions that are joints: a bare "injection" into one is a joint injection. */
export const JOINT_REGIONS = new Set(['shoulder', 'elbow', 'wrist', 'hand', 'hip', 'knee', 'ankle', 'foot', 'sacroiliac', 'jaw']);

export function isMedicationCategory(c: TreatmentCategory): boolean {
  return MEDICATION_CATEGORIES.has(c);
}

/** The category of the strongest term (or of the first drug, where no term outranks it) and the terms that named it. */
export function chooseCategory(terms: TermMatch[], drugs: DrugMatch[], regionsHaveJoint: boolean): { category: TreatmentCategory; matched: TermMatch[] } {
  let best: { category: TreatmentCategory; priority: number; start: number } | null = null;
  for (const t of terms) {
    let priority = t.priority;
    // a bare "injection" into a joint is a joint injection; otherwise the drug decides
    if (t.category === 'joint_injection' && t.priority < 50 && regionsHaveJoint) priority = 88;
    if (!best || priority > best.priority || (priority === best.priority && t.start < best.start)) best = { category: t.category, priority, start: t.start };
  }
  // products that are procedures (Synvisc, Botox) outrank the procedure words around them
  const drugPriority = drugs.length > 0 && PROCEDURE_DRUG_CLASSES.has(drugs[0].entry.cls) ? 95 : DRUG_PRIORITY;
  if (drugs.length > 0 && (!best || drugPriority > best.priority)) return { category: drugs[0].entry.cls, matched: [] };
  if (!best) return { category: 'other', matched: [] };
  const b = best;
  return { category: b.category, matched: terms.filter((t) => t.category === b.category) };
}
