import type { TreatmentCategory } from '../request/normalised-request.js';
import { SESSION_THERAPY_CATEGORIES } from '../request/normalised-request.js';
import type { TermMatch } from '../request/matchers.js';

const SESSIONAL = new Set<TreatmentCategory>([
  ...SESSION_THERAPY_CATEGORIES,
  'functional_restoration',
  'trigger_point_injection',
  'epidural_injection',
  'facet_injection',
  'joint_injection',
]);
/** Categories that are treatments a worker receives (not tests, visits or services). */
export const TREATMENT_KINDS = new Set<TreatmentCategory>([
  ...SESSIONAL,
  'tens',
  'h_wave',
  'interferential',
  'dme',
  'gym_membership',
  'functional_capacity_evaluation',
  'rfa',
  'viscosupplementation',
  'prp_injection',
  'nerve_block',
  'botulinum_toxin',
  'surgery',
  'home_health',
  'inpatient_rehabilitation',
  'weight_loss_program',
]);

/** The treatment mention nearest to `at` within `within` characters, or null. */
export function nearestTerm(terms: TermMatch[], at: number, within = 120): TermMatch | null {
  let best: TermMatch | null = null;
  let bestD = Infinity;
  for (const t of terms) {
    const d = at < t.start ? t.start - at : at > t.end ? at - t.end : 0;
    if (d < bestD && d <= within) {
      best = t;
      bestD = d;
    }
  }
  return best;
}
