/**
 * What kind of statement a piece of evidence is. A guideline criterion that "requires documentation
 * of X" is met only by a quoted statement of a kind it accepts: a complaint is not an examination
 * finding, a diagnosis as listed is not a need for a device, a plan is not care received, and a
 * utilization reviewer's reasoning is never clinical evidence. Shared by the engine and the guideline
 * data (a criterion's or a finding's `accepts`).
 */
export const EVIDENCE_KINDS = [
  /** An objective examination finding ("decreased sensation in the L5 dermatome", "positive Spurling's"). */
  'exam',
  /** A test or imaging result ("MRI showed a 4 mm protrusion", "EMG consistent with C6 radiculopathy"). */
  'test',
  /** A subjective complaint or the worker's own report ("complains of numbness", "reports 7/10 pain"). */
  'complaint',
  /** A diagnosis as listed ("Diagnoses: lumbar radiculopathy"). */
  'diagnosis',
  /** History and treatment to date ("has completed 12 sessions of physical therapy", "taking naproxen since 2014"). */
  'history',
  /** A plan, recommendation or request ("request for 8 sessions", "will start a home exercise program"). */
  'plan',
  /** The claims administrator's or the utilization reviewer's statement (a UR denial and its reasons). */
  'review',
  /** Administrative text: headers, signature blocks, addresses, form labels, guideline text quoted. */
  'administrative',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
