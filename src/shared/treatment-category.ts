/**
 * The treatment categories the request normaliser assigns to a disputed item, which guideline topics
 * name in `covers.categories`: one vocabulary, shared by the engine and the guideline data (neither
 * owns it, so that the guideline schema does not depend on the engine).
 */

/** The treatment categories that are medications (a part of TREATMENT_CATEGORIES). */
export const MEDICATION_CATEGORY_LIST = [
  'muscle_relaxant',
  'nsaid',
  'ppi',
  'h2_blocker',
  'opioid',
  'topical', // a single-agent cream, gel, ointment, patch, spray
  'compound', // compounded or multi-ingredient topical/oral products
  'anti_epileptic',
  'antidepressant',
  'sleep_aid',
  'benzodiazepine',
  'antiemetic',
  'laxative',
  'acetaminophen',
  'corticosteroid',
  'medication_other',
] as const;

/** Therapies given, and requested, as a number of sessions or visits (a part of TREATMENT_CATEGORIES). */
export const SESSION_THERAPY_CATEGORIES = [
  'chiropractic',
  'physical_therapy',
  'postsurgical_therapy',
  'aquatic_therapy',
  'acupuncture',
  'massage',
  'passive_modality',
  'electrical_stimulation',
  'shockwave',
  'psychological',
] as const;

/** Treatment categories. The first ones are those of ../shared/seeds/expected.json (outside this repository). */
export const TREATMENT_CATEGORIES = [
  // physical medicine and manual therapies
  'chiropractic',
  'physical_therapy', // includes occupational and hand therapy (see `discipline`)
  'postsurgical_therapy', // physical/occupational therapy after surgery (MTUS Postsurgical Treatment Guidelines)
  'aquatic_therapy',
  'acupuncture',
  'massage',
  'passive_modality', // ultrasound, heat/cold packs, traction, iontophoresis, paraffin
  'tens',
  'h_wave',
  'interferential',
  'electrical_stimulation', // EMS, NMES, galvanic, unspecified electrical stimulation
  'shockwave', // extracorporeal shockwave therapy
  'dme', // durable medical equipment, braces, cold therapy units, workstations, hearing aids
  'gym_membership',
  'functional_restoration', // functional restoration / chronic pain / work hardening programmes
  'functional_capacity_evaluation',
  'inpatient_rehabilitation',
  // medications
  ...MEDICATION_CATEGORY_LIST,
  // diagnostics
  'imaging', // see `imaging.modality`
  'electrodiagnostic', // EMG, NCV/NCS, SSEP
  'lab', // blood and urine laboratory tests (not drug screens)
  'urine_drug_test',
  'diagnostic_other', // EKG, EEG, sleep study, vestibular testing, ...
  // injections and procedures
  'epidural_injection',
  'facet_injection', // facet joint injections and medial branch blocks
  'rfa', // radiofrequency ablation / neurotomy
  'trigger_point_injection',
  'joint_injection', // intra-articular corticosteroid (knee, shoulder, SI joint, ...)
  'viscosupplementation',
  'prp_injection', // platelet-rich plasma
  'nerve_block',
  'botulinum_toxin',
  'surgery',
  'surgical_assistant',
  // behavioural and programmes
  'psychological', // psychological evaluation, testing, psychotherapy, CBT, biofeedback
  'weight_loss_program',
  // visits and services
  'office_visit', // follow-up visits, re-examinations, medical clearance
  'consultation', // referral to or evaluation by a specialist
  'home_health',
  'transportation',
  'other',
] as const;
export type TreatmentCategory = (typeof TREATMENT_CATEGORIES)[number];
