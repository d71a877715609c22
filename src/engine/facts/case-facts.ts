/**
 * Clinical facts read from the case's text (the letter's clinical case summary, progress notes).
 * Produced by a `FactExtractor`; consumed by the guideline evaluator. Every fact carries the
 * evidence it was read from: a verbatim quote and its offsets in that source's text, so that
 * `source.text.slice(start, end) === quote`. This is a shared contract: extend by adding fields.
 */
import type { BodyRegionMention, TreatmentCategory } from '../request/normalised-request.js';
import type { EvidenceKind } from '../evidence-kind.js';
import type { CueMemo } from './evidence-kinds.js';

export interface FactSource {
  /** A name for the source ("clinicalSummary", "progress-note-2016-11-30"). */
  name: string;
  text: string;
  /**
   * What the document is, where known (as a case file's document kind). A 'ur_decision' source is the
   * claims administrator's reasoning: every evidence read from it is of kind 'review'.
   */
  kind?: 'medical_record' | 'application' | 'ur_decision' | 'other';
}

export interface Evidence {
  source: string;
  quote: string;
  start: number;
  end: number;
  /**
   * What kind of statement the quote is (examination finding, complaint, history, plan, UR reasoning,
   * administrative text), from its section heading or its own cues (see evidence-kinds.ts).
   */
  kind?: EvidenceKind;
}

/** A value with the evidence it was read from. */
export interface Fact<T> {
  value: T;
  evidence: Evidence;
}

/**
 * A statement that something is present or stated as absent ("spasm" vs "no spasm").
 * `negated` is true for the absent/denied form.
 */
export interface Finding<K extends string = string> {
  kind: K;
  negated: boolean;
  evidence: Evidence;
  /**
   * For neurological deficits: true where the sentence reports a complaint ("complained of numbness")
   * rather than an examination finding ("decreased sensation on exam"). Absent for other findings.
   */
  subjective?: boolean;
}

type Chronicity = 'acute' | 'subacute' | 'chronic';

interface PriorTreatment {
  category: TreatmentCategory;
  /** Sessions/visits completed where a number is stated ("had 12 sessions of PT"), else null. */
  sessions: number | null;
  /** True where the text negates it ("has not had physical therapy"). */
  negated: boolean;
  evidence: Evidence;
}

type ImprovementPolarity = 'improved' | 'not_improved';

/**
 * A statement about functional improvement or pain relief, with the treatment it refers to where
 * the sentence names one.
 */
export interface ImprovementStatement {
  polarity: ImprovementPolarity;
  /** 'function' = function/ADLs/activity/work; 'pain' = pain relief only; 'unspecified' = "improvement", "helped". */
  aspect: 'function' | 'pain' | 'unspecified';
  /** The treatment the statement refers to, where the same sentence names one. */
  category: TreatmentCategory | null;
  /** True for documentation-gap phrasing ("no documentation of functional improvement"). */
  documentationGap: boolean;
  evidence: Evidence;
}

interface ImprovementSummary {
  /** 'conflicting' when both polarities are stated (about the same treatment, or overall). */
  status: 'documented' | 'absent' | 'conflicting' | 'not_stated';
  statements: ImprovementStatement[];
}

export interface MedicationFact {
  /** Generic name, lower case ("hydrocodone/acetaminophen"). */
  generic: string;
  /** Brand as written, where the text names a brand. */
  brand: string | null;
  drugClass: TreatmentCategory;
  /** Since when, where stated: YYYY-MM-DD, YYYY-MM, or YYYY. */
  since: string | null;
  /** Duration of use stated in months ("for 6 months", "since 2014" relative to asOf), else null. */
  durationMonths: number | null;
  /**
   * The earliest date the record shows the drug in use, where it does not say "since": the date of
   * the note that first mentions it (a date in the same sentence, else the last date before it in
   * the same source). YYYY-MM-DD, or null.
   */
  firstNotedDate: string | null;
  /** Whole months from `firstNotedDate` to asOf, or null: a lower bound of the duration of use. */
  monthsNoted: number | null;
  /** True where the text says it was stopped/discontinued or never taken. */
  negated: boolean;
  evidence: Evidence;
}

export type NeuroDeficitKind =
  | 'radiculopathy'
  | 'numbness'
  | 'paresthesia'
  | 'sensory_deficit'
  | 'weakness'
  | 'reflex_change'
  | 'straight_leg_raise'
  | 'spurling'
  | 'tinel'
  | 'phalen'
  | 'atrophy';

export type RedFlagKind =
  | 'cauda_equina'
  | 'bowel_bladder'
  | 'progressive_neuro_deficit'
  | 'fracture'
  | 'tumor'
  | 'infection'
  | 'weight_loss'
  | 'fever'
  | 'saddle_anesthesia'
  | 'myelopathy';

export interface ImagingFinding {
  modality: 'mri' | 'ct' | 'xray' | 'bone_scan' | 'ultrasound' | 'emg_ncv' | 'unknown';
  region: BodyRegionMention | null;
  date: string | null;
  /** The finding as written (the rest of the sentence after the study), or null where only the study is mentioned. */
  finding: string | null;
  evidence: Evidence;
}

interface SurgeryFact {
  /** The procedure as written ("anterior cervical discectomy and fusion at C3-C4"). */
  procedure: string;
  date: string | null;
  region: BodyRegionMention | null;
  /** True where the surgery is planned/recommended/requested, not done. */
  planned: boolean;
  evidence: Evidence;
}

export type WorkStatus =
  | 'temporarily_totally_disabled'
  | 'modified_duty'
  | 'full_duty'
  | 'working'
  | 'not_working'
  | 'permanent_and_stationary'
  | 'retired';

interface PainScore {
  score: number;
  /** Usually 10. */
  scale: number;
  /** 'with'/'without' medication where written ("6/10 with medications"). */
  qualifier: 'with_medication' | 'without_medication' | null;
  evidence: Evidence;
}

interface UrineDrugScreen {
  result: 'consistent' | 'inconsistent' | 'unstated';
  date: string | null;
  evidence: Evidence;
}

export type ExamFindingKind = 'restricted_range_of_motion' | 'tenderness' | 'swelling' | 'instability' | 'guarding';

export type GiRiskKind = 'age_over_65' | 'gi_bleed' | 'peptic_ulcer' | 'gi_symptoms' | 'nsaid_with_ppi' | 'anticoagulant' | 'corticosteroid' | 'high_dose_nsaid';

/**
 * Something the record (or a review of it) states is missing: "no documentation of functional
 * improvement", "the records do not reveal a urine drug screen", "a treatment plan was not provided".
 */
interface StatedGap {
  /** What is stated missing, as written ("functional improvement", "a urine drug screen"). */
  about: string;
  evidence: Evidence;
}

/** A statement that the treatment was authorized before ("previously certified", "duplicate request"). */
interface PriorAuthorization {
  /** The treatment the sentence names, where it names one. */
  category: TreatmentCategory | null;
  /** True where the text negates it ("has not been previously authorized"). */
  negated: boolean;
  evidence: Evidence;
}

export interface Conflict {
  /** What the statements disagree on ("functional_improvement", "spasm", "work_status"). */
  topic: string;
  evidence: Evidence[];
}

export interface CaseFacts {
  age: Fact<number> | null;
  sex: Fact<'male' | 'female'> | null;
  injuryDate: Fact<string> | null;
  /** Whole months from the injury date to asOf (asOf given, or the latest date in the text). */
  monthsSinceInjury: number | null;
  /** < 1 month acute, 1–3 months subacute, > 3 months chronic. */
  chronicity: Chronicity | null;
  /** The date used for durations (opts.asOf, else the latest full date in the sources), or null. */
  asOf: string | null;
  diagnoses: Fact<string>[];
  bodyRegions: Fact<BodyRegionMention>[];
  priorTreatments: PriorTreatment[];
  functionalImprovement: ImprovementSummary;
  medications: MedicationFact[];
  spasm: Finding<'spasm'>[];
  neuroDeficits: Finding<NeuroDeficitKind>[];
  redFlags: Finding<RedFlagKind>[];
  imaging: ImagingFinding[];
  flareUps: Finding<'flare_up'>[];
  surgeries: SurgeryFact[];
  workStatus: Fact<WorkStatus>[];
  painScores: PainScore[];
  urineDrugScreens: UrineDrugScreen[];
  /**
   * GI risk factors. Never 'nsaid_with_ppi': an NSAID and a PPI on the same list is not a risk factor
   * (the PPI is what is in dispute; reading it as a risk would be circular). The kind stays in the
   * union for compatibility only.
   */
  giRisks: Finding<GiRiskKind>[];
  /** "failed conservative care/treatment", "has failed PT, medications" (negated: "has not tried"). */
  failedConservativeCare: Finding<'failed_conservative_care'>[];
  /** Objective examination findings ("restricted range of motion"; negated: "full range of motion", "non-tender"). */
  examFindings: Finding<ExamFindingKind>[];
  /** Home exercise program mentions (negated: "not doing a home exercise program"). */
  homeExercise: Finding<'home_exercise_program'>[];
  /**
   * Documentation gaps stated in the text ("no documentation of X", "insufficient documentation of X",
   * "the records do not reveal X", "X was not provided"), whatever X is.
   */
  statedGaps: StatedGap[];
  /** "Previously approved/certified/authorized", "already authorized", "duplicate request" (kind review or history). */
  priorAuthorizations: PriorAuthorization[];
  /**
   * Statements about the neurological examination as a whole: "neurologically intact", "no focal
   * neurological deficits" (negated: stated absent), "focal neurological deficit" (present). The
   * absence of one symptom ("denies numbness") is never one of these: it is a negated finding of that
   * kind in `neuroDeficits` and says nothing of the other deficits.
   */
  neuroExamOverall: Finding<'neurological_deficit'>[];
  conflicts: Conflict[];
}

export interface ExtractOptions {
  /** YYYY-MM-DD: the date durations are measured to (the UR decision date, or today). */
  asOf?: string;
  /** Where given, the sentence cues found are kept here by text, for the case's record search to reuse (see CueMemo). */
  cues?: CueMemo;
}

/** The extractor interface: the rule-based one is the default; a better one may replace it. */
export interface FactExtractor {
  extract(sources: FactSource[], opts?: ExtractOptions): CaseFacts;
}
