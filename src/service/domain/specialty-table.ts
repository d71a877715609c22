import { normaliseText } from './application.js';

/**
 * Which reviewer specialties fit which disputed-item categories. Data, not code paths: change the
 * tables, not chooseReviewer(). Basis: letters say the reviewer is chosen for expertise "in the same
 * or similar specialties" that evaluate or treat the condition and disputed items [C]; the specialty
 * mix of 194 published 2016–2017 letters (Occupational/Preventive Medicine, Family Practice, PM&R,
 * Internal Medicine, Orthopedic Surgery, Anesthesiology/Pain…) [I]
 * (../shared/research/imr-process.md §3.4), and the five seed letters (../shared/seeds/expected.json).
 */

export type SpecialtyKey =
  | 'chiropractic'
  | 'pmr'
  | 'pain_medicine'
  | 'anesthesiology'
  | 'family_medicine'
  | 'internal_medicine'
  | 'occupational_medicine'
  | 'emergency_medicine'
  | 'sports_medicine'
  | 'psychology'
  | 'psychiatry'
  | 'neurology'
  | 'orthopedic_surgery'
  | 'spine_surgery'
  | 'neurosurgery'
  | 'hand_surgery'
  | 'plastic_surgery'
  | 'general_surgery'
  | 'podiatry'
  | 'acupuncture'
  | 'physical_therapy'
  | 'radiology'
  | 'rheumatology'
  | 'dentistry';

export const SPECIALTY_LABELS: Record<SpecialtyKey, string> = {
  chiropractic: 'Chiropractor',
  pmr: 'Physical Medicine & Rehabilitation',
  pain_medicine: 'Pain Medicine',
  anesthesiology: 'Anesthesiology',
  family_medicine: 'Family Practice',
  internal_medicine: 'Internal Medicine',
  occupational_medicine: 'Occupational / Preventive Medicine',
  emergency_medicine: 'Emergency Medicine',
  sports_medicine: 'Sports Medicine',
  psychology: 'Psychology',
  psychiatry: 'Psychiatry',
  neurology: 'Neurology',
  orthopedic_surgery: 'Orthopedic Surgery',
  spine_surgery: 'Spine Surgery',
  neurosurgery: 'Neurological Surgery',
  hand_surgery: 'Hand Surgery',
  plastic_surgery: 'Plastic Surgery',
  general_surgery: 'General Surgery',
  podiatry: 'Podiatry',
  acupuncture: 'Acupuncture',
  physical_therapy: 'Physical Therapy',
  radiology: 'Radiology',
  rheumatology: 'Rheumatology',
  dentistry: 'Dentistry',
};

/** Recognisers; a label may match several ("Anesthesiology, Pain Medicine"). */
const SPECIALTY_PATTERNS: Array<[RegExp, SpecialtyKey]> = [
  [/\bchiropract|\bd ?c\b/, 'chiropractic'],
  [/physical medicine|\bpm ?(and )?r\b|physiatr|rehabilitation medicine/, 'pmr'],
  [/neurological surgery|neurosurg/, 'neurosurgery'],
  [/spine surg|spinal surg|orthopedic spine|orthopaedic spine/, 'spine_surgery'],
  [/hand surg|\bhand\b/, 'hand_surgery'],
  [/orthop/, 'orthopedic_surgery'],
  [/plastic/, 'plastic_surgery'],
  [/general surg|^surgery$/, 'general_surgery'],
  [/anesth|anaesth/, 'anesthesiology'],
  [/\bpain\b/, 'pain_medicine'],
  [/psychiatr/, 'psychiatry'],
  [/psycholog|\bpsy ?d\b/, 'psychology'],
  [/neurolog(?!ical surg)/, 'neurology'],
  [/family|general practice/, 'family_medicine'],
  [/internal medicine|internist/, 'internal_medicine'],
  [/occupational|preventive/, 'occupational_medicine'],
  [/emergency/, 'emergency_medicine'],
  [/sports/, 'sports_medicine'],
  [/podiatr/, 'podiatry'],
  [/acupunct|\bl ?ac\b/, 'acupuncture'],
  [/physical therap/, 'physical_therapy'],
  [/radiolog/, 'radiology'],
  [/rheumatolog/, 'rheumatology'],
  [/\bdent|oral surg/, 'dentistry'],
];

/** "Physical Medicine & Rehabilitation", "PM&R", "Physiatry" → ["pmr"]; [] when not recognised. */
export function specialtyKeys(label: string | null | undefined): SpecialtyKey[] {
  if (!label) return [];
  const t = normaliseText(label);
  const out: SpecialtyKey[] = [];
  for (const [re, key] of SPECIALTY_PATTERNS) if (re.test(t) && !out.includes(key)) out.push(key);
  return out;
}

const MEDICATION: SpecialtyKey[] = ['pain_medicine', 'pmr', 'family_medicine', 'internal_medicine', 'anesthesiology', 'occupational_medicine'];
const REHAB: SpecialtyKey[] = ['pmr', 'physical_therapy', 'chiropractic', 'orthopedic_surgery', 'occupational_medicine', 'sports_medicine'];
const GENERALISTS: SpecialtyKey[] = ['occupational_medicine', 'family_medicine', 'internal_medicine', 'pmr'];
const ALL_SURGERY: SpecialtyKey[] = ['orthopedic_surgery', 'spine_surgery', 'neurosurgery', 'hand_surgery', 'plastic_surgery', 'general_surgery'];

const INJECTION: SpecialtyKey[] = ['pmr', 'pain_medicine', 'anesthesiology', 'orthopedic_surgery'];
const SPINE_INJECTION: SpecialtyKey[] = [...INJECTION, 'spine_surgery', 'neurosurgery'];
const JOINT_INJECTION: SpecialtyKey[] = ['orthopedic_surgery', 'pmr', 'pain_medicine', 'sports_medicine', 'rheumatology'];
const ELECTROTHERAPY: SpecialtyKey[] = [...REHAB, 'pain_medicine'];
const DRUG_MONITORING: SpecialtyKey[] = [...MEDICATION];
const VISITS: SpecialtyKey[] = [...GENERALISTS, 'pain_medicine', 'orthopedic_surgery', 'chiropractic', 'psychiatry', 'neurology'];

/**
 * Category → specialties that fit it. Covers every category of the engine's request normaliser
 * (src/engine/request/normalised-request.ts TREATMENT_CATEGORIES, except "other") and the seed
 * letters; `surgery:<region>` narrows surgery by body region (see assignmentCategory()).
 */
const CATEGORY_SPECIALTIES: Record<string, SpecialtyKey[]> = {
  // physical medicine and manual therapies
  chiropractic: ['chiropractic', 'pmr'],
  physical_therapy: REHAB,
  postsurgical_therapy: REHAB,
  aquatic_therapy: REHAB,
  massage: REHAB,
  passive_modality: REHAB,
  occupational_therapy: REHAB,
  work_hardening: REHAB,
  gym_membership: REHAB,
  tens: ELECTROTHERAPY,
  h_wave: ELECTROTHERAPY,
  interferential: ELECTROTHERAPY,
  electrical_stimulation: ELECTROTHERAPY,
  shockwave: ['pmr', 'orthopedic_surgery', 'sports_medicine', 'podiatry', 'occupational_medicine'],
  acupuncture: ['acupuncture', 'pmr', 'pain_medicine', 'occupational_medicine', 'family_medicine', 'internal_medicine'],
  dme: ['pmr', 'orthopedic_surgery', 'occupational_medicine', 'family_medicine', 'internal_medicine'],
  functional_restoration: ['pmr', 'pain_medicine', 'anesthesiology', 'psychology', 'occupational_medicine'],
  functional_capacity_evaluation: ['pmr', 'occupational_medicine', 'orthopedic_surgery', 'physical_therapy'],
  inpatient_rehabilitation: ['pmr', 'orthopedic_surgery', 'neurology', 'internal_medicine'],
  // medications
  medication: MEDICATION,
  muscle_relaxant: MEDICATION,
  nsaid: MEDICATION,
  ppi: MEDICATION,
  proton_pump_inhibitor: MEDICATION,
  h2_blocker: MEDICATION,
  opioid: MEDICATION,
  topical: MEDICATION,
  compound: MEDICATION,
  anti_epileptic: MEDICATION,
  anticonvulsant: MEDICATION,
  antidepressant: [...MEDICATION, 'psychiatry'],
  sleep_aid: [...MEDICATION, 'psychiatry'],
  benzodiazepine: [...MEDICATION, 'psychiatry'],
  antiemetic: MEDICATION,
  laxative: MEDICATION,
  acetaminophen: MEDICATION,
  corticosteroid: MEDICATION,
  medication_other: MEDICATION,
  psychotropic: ['psychiatry'],
  // diagnostics
  imaging: ['pmr', 'pain_medicine', 'orthopedic_surgery', 'occupational_medicine', 'family_medicine', 'internal_medicine', 'neurology', 'sports_medicine'],
  electrodiagnostic: ['pmr', 'neurology', 'orthopedic_surgery', 'occupational_medicine'],
  lab: GENERALISTS,
  urine_drug_test: DRUG_MONITORING,
  diagnostic_other: [...GENERALISTS, 'neurology'],
  // injections and procedures
  injection: INJECTION,
  epidural_injection: SPINE_INJECTION,
  facet_injection: SPINE_INJECTION,
  rfa: SPINE_INJECTION,
  trigger_point_injection: INJECTION,
  nerve_block: INJECTION,
  joint_injection: JOINT_INJECTION,
  viscosupplementation: JOINT_INJECTION,
  prp_injection: JOINT_INJECTION,
  botulinum_toxin: [...INJECTION, 'neurology'],
  surgery: ALL_SURGERY,
  surgical_assistant: ALL_SURGERY,
  'surgery:spine': ['spine_surgery', 'orthopedic_surgery', 'neurosurgery'],
  'surgery:hand': ['hand_surgery', 'orthopedic_surgery', 'plastic_surgery'],
  'surgery:shoulder': ['orthopedic_surgery'],
  'surgery:elbow': ['orthopedic_surgery', 'hand_surgery'],
  'surgery:hip': ['orthopedic_surgery'],
  'surgery:knee': ['orthopedic_surgery'],
  'surgery:foot': ['orthopedic_surgery', 'podiatry'],
  'surgery:brain': ['neurosurgery'],
  'surgery:abdomen': ['general_surgery'],
  'surgery:jaw': ['dentistry', 'plastic_surgery'],
  // behavioural and programmes
  psychological: ['psychology', 'psychiatry'],
  psychotherapy: ['psychology', 'psychiatry'],
  weight_loss_program: GENERALISTS,
  // visits and services
  office_visit: VISITS,
  consultation: VISITS,
  home_health: GENERALISTS,
  transportation: GENERALISTS,
};

/**
 * Body region (the engine's BODY_REGIONS, or plain words) → the surgical region key used in
 * `surgery:<region>`.
 */
const SURGICAL_REGIONS: Record<string, string> = {
  cervical: 'spine',
  neck: 'spine',
  thoracic: 'spine',
  lumbar: 'spine',
  back: 'spine',
  sacroiliac: 'spine',
  spine: 'spine',
  shoulder: 'shoulder',
  upper_arm: 'shoulder',
  elbow: 'elbow',
  forearm: 'elbow',
  wrist: 'hand',
  hand: 'hand',
  finger: 'hand',
  thumb: 'hand',
  hip: 'hip',
  pelvis: 'hip',
  thigh: 'hip',
  knee: 'knee',
  leg: 'knee',
  ankle: 'foot',
  foot: 'foot',
  head: 'brain',
  brain: 'brain',
  abdomen: 'abdomen',
  chest: 'abdomen',
  jaw: 'jaw',
};

/**
 * The category to assign by: surgery with exactly one surgical region becomes `surgery:<region>`
 * (several regions, or none, stay "surgery", which any surgeon fits); other categories unchanged.
 */
export function assignmentCategory(category: string, bodyRegions: readonly string[] = []): string {
  const c = category.trim().toLowerCase();
  if (c !== 'surgery') return c;
  const regions = [...new Set(bodyRegions.map((r) => SURGICAL_REGIONS[r.trim().toLowerCase()]).filter((r): r is string => !!r))];
  return regions.length === 1 ? `surgery:${regions[0]}` : 'surgery';
}

/** Specialties that fit a category nobody listed above (explicit fallback). */
const FALLBACK_SPECIALTIES: SpecialtyKey[] = GENERALISTS;

/**
 * When one reviewer cannot fit every category, the case goes to a reviewer who fits the most
 * specialised one: the category with the highest rank here (unlisted categories rank 0).
 */
const CATEGORY_PRIORITY: Record<string, number> = {
  surgery: 100,
  surgical_assistant: 95,
  psychological: 90,
  psychotherapy: 90,
  psychotropic: 85,
  chiropractic: 80,
  acupuncture: 70,
  epidural_injection: 65,
  facet_injection: 65,
  rfa: 65,
  injection: 60,
  joint_injection: 60,
  viscosupplementation: 60,
  prp_injection: 60,
  nerve_block: 60,
  trigger_point_injection: 60,
  botulinum_toxin: 60,
  electrodiagnostic: 50,
  functional_restoration: 40,
};

function normaliseCategory(c: string): string {
  return c.trim().toLowerCase().replace(/\s+/g, '_');
}

/** The specialties that fit a category; `surgery:<region>` falls back to `surgery`, unknown ones to generalists. */
export function specialtiesFor(category: string): { specialties: SpecialtyKey[]; fallback: boolean } {
  const c = normaliseCategory(category);
  if (c.startsWith('surgery:')) {
    const region = c.slice('surgery:'.length);
    const key = `surgery:${SURGICAL_REGIONS[region] ?? region}`;
    const bySite = CATEGORY_SPECIALTIES[key];
    return bySite ? { specialties: bySite, fallback: false } : { specialties: CATEGORY_SPECIALTIES.surgery, fallback: true };
  }
  const direct = CATEGORY_SPECIALTIES[c];
  if (direct) return { specialties: direct, fallback: false };
  return { specialties: FALLBACK_SPECIALTIES, fallback: true };
}

export function categoryPriority(category: string): number {
  const c = normaliseCategory(category);
  return CATEGORY_PRIORITY[c] ?? CATEGORY_PRIORITY[c.split(':')[0]] ?? 0;
}
