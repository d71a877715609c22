/**
 * The normalised form of one disputed item's free-text request ("Flexeril 7.5 mg #60",
 * "Acupuncture 2 x week x 4 weeks"). Produced by `normaliseRequest()`; consumed by the guideline
 * evaluator. This is a shared contract: extend it by adding fields, never by changing one.
 */

export { MEDICATION_CATEGORY_LIST, SESSION_THERAPY_CATEGORIES, TREATMENT_CATEGORIES, type TreatmentCategory } from '../../shared/treatment-category.js';
import type { TreatmentCategory } from '../../shared/treatment-category.js';

export type BodyRegion =
  | 'head'
  | 'cervical' // includes "neck"
  | 'thoracic'
  | 'lumbar' // includes lumbosacral and "low back"
  | 'sacroiliac'
  | 'spine' // spine unspecified
  | 'shoulder'
  | 'upper_arm'
  | 'elbow'
  | 'forearm'
  | 'wrist'
  | 'hand' // includes fingers and thumb
  | 'upper_extremity'
  | 'hip'
  | 'pelvis'
  | 'thigh'
  | 'knee'
  | 'leg' // lower leg
  | 'ankle'
  | 'foot' // includes toes and heel
  | 'lower_extremity'
  | 'chest'
  | 'abdomen'
  | 'jaw';

export type Laterality = 'left' | 'right' | 'bilateral';

export interface BodyRegionMention {
  region: BodyRegion;
  /** Null where the text does not say a side (or the region has none: the spine). */
  laterality: Laterality | null;
  /** The words as written ("right shoulder", "low back"). */
  text: string;
}

export type ImagingModality = 'mri' | 'ct' | 'xray' | 'bone_scan' | 'ultrasound' | 'pet' | 'myelogram' | 'discogram' | 'unknown';
export type ElectrodiagnosticTest = 'emg' | 'ncv' | 'ssep';

export type DrugForm =
  | 'tablet'
  | 'capsule'
  | 'extended_release'
  | 'solution'
  | 'suspension'
  | 'injection'
  | 'cream'
  | 'gel'
  | 'ointment'
  | 'lotion'
  | 'patch'
  | 'spray'
  | 'pad'
  | 'powder';
export type DrugRoute = 'oral' | 'topical' | 'transdermal' | 'injection' | 'intranasal' | 'rectal' | 'unknown';

export interface DrugIngredient {
  /** Generic name, lower case ("cyclobenzaprine"). */
  generic: string;
  /** The drug class as a treatment category ("muscle_relaxant"). */
  drugClass: TreatmentCategory;
  /** Strength as written for this ingredient ("7.5 mg", "5%"), or null. */
  strength: string | null;
}

export interface DrugInfo {
  /** Generic name of the (primary) active ingredient, lower case; combinations joined with "/" ("hydrocodone/acetaminophen"). */
  generic: string;
  /** Brand or product name as a normal name ("Flexeril"), or null when the request names the generic. */
  brand: string | null;
  /** Class of the primary active ingredient, regardless of route ("muscle_relaxant" for Flexeril cream). */
  drugClass: TreatmentCategory;
  /** Strength as written, normalised spacing ("7.5 mg", "5/325 mg", "5%"), or null. */
  strength: string | null;
  /** Numeric strength in mg of the first ingredient where stated in mg. */
  strengthMg: number | null;
  form: DrugForm | null;
  route: DrugRoute;
  /** Every active ingredient recognised (one for single agents; several for compounds and combinations). */
  ingredients: DrugIngredient[];
  /** True where the product is compounded (a "compound", several topical actives, or a compounded product name). */
  compounded: boolean;
  /** Dosing instructions as written ("one tablet twice daily"), or null. */
  sig: string | null;
  /** Doses per day where the sig says it ("twice daily" = 2; "every 4-6 hrs" = 6 at most), or null. */
  dosesPerDayMax: number | null;
  /**
   * The fewest doses per day the sig allows: equal to `dosesPerDayMax` for a fixed sig ("q6h" = 4),
   * the lower bound of a range ("every 4-6 hours" = 4, "2-3 times a day" = 2); null where no frequency is written.
   */
  dosesPerDayMin: number | null;
  /** Units (tablets, patches) per dose where the sig says it ("1-2 tabs" = 2), or null. */
  unitsPerDoseMax: number | null;
  /** The most units (tablets, capsules) a day the sig prescribes: the upper bound of a range, as needed or not ("1-2 tabs every 6 hours" = 8), or a stated ceiling; null where no frequency is written. */
  unitsPerDayMax: number | null;
  refills: number | null;
  daysSupply: number | null;
}

export interface Frequency {
  /** Visits per week; for a range ("2-3 times a week") the lower bound is here and the upper in `timesPerWeekMax`. */
  timesPerWeek: number;
  timesPerWeekMax: number | null;
  /** Duration in weeks, or null where only the frequency is written; for a range ("for 4-6 weeks") the upper bound. */
  weeks: number | null;
  /** The lower bound of a duration range ("for 4-6 weeks" = 4); equal to `weeks` otherwise. */
  weeksMin: number | null;
}

/** What the request leaves unknown. `statedUnknown` = the request itself says so ("dosage ... unknown"). */
export type UnknownField = 'dosage' | 'strength' | 'frequency' | 'quantity' | 'duration' | 'sessions' | 'body_region' | 'treatment';

export type RequestContext = 'preoperative' | 'postoperative' | 'associated_surgical' | null;

export interface NormalisedRequest {
  /** The request text as given. */
  text: string;
  /**
   * The request proper, without the letters' framing ("The remaining IMR eligible portion of the
   * original request, ... is"), whitespace normalised.
   */
  cleaned: string;
  category: TreatmentCategory;
  /** A finer kind inside the category where known ("cold_therapy", "sling", "rotator_cuff_repair", "follow_up"), else null. */
  subcategory: string | null;
  /** The words of `cleaned` that led to the category, as written (for explanations). */
  matchedTerms: string[];
  /** Medication details for medication categories; null otherwise. */
  drug: DrugInfo | null;
  imaging: { modality: ImagingModality; contrast: 'with' | 'without' | 'with_and_without' | null; open: boolean } | null;
  electrodiagnostic: { tests: ElectrodiagnosticTest[] } | null;
  /** Dispensed quantity ("#60" = 60; "120 grams" = 120 with unit 'g'), or null. */
  quantity: number | null;
  quantityUnit: 'unit' | 'g' | 'ml' | null;
  /** Package amount in grams or millilitres where written ("120 grams", "500ml"), even when a count (#1) is also written. */
  amount: { value: number; unit: 'g' | 'ml' } | null;
  frequency: Frequency | null;
  /**
   * Total sessions/visits requested: explicit ("12 sessions", "x6", "#8", "(8)") or frequency ×
   * duration ("2 x week x 4 weeks" = 8; a range uses the upper bound: "2-3 times a week for 6 weeks" = 18).
   */
  sessions: number | null;
  /**
   * The fewest sessions the request allows, where it writes a range: "1-2 times a week for 6 weeks" = 6
   * (with `sessions` = 12, the most), "6-8 sessions" = 6; equal to `sessions` where the count is exact;
   * null where `sessions` is null. A criterion can judge both bounds: the request fits a limit when
   * `sessions` does, and fits only in part when `sessionsMin` does and `sessions` does not.
   */
  sessionsMin: number | null;
  sessionsBasis: 'explicit' | 'frequency_x_duration' | null;
  /** Duration in days for rentals and services ("30 day rental", "7-10 days" = 10). */
  durationDays: number | null;
  bodyRegions: BodyRegionMention[];
  /** "additional", "continued", "more", "further", "re-" treatment: a request beyond an initial course. */
  additional: boolean;
  /** "Retrospective"/"retro" or a date of service, in the request or the original request it is a portion of: the treatment was already given. */
  retrospective: boolean;
  /** Date of service where written (YYYY-MM-DD), or null. */
  serviceDate: string | null;
  /**
   * Where the request is the remaining portion of an original request and is written as a part of
   * that request's procedure ("..., with open carpal tunnel release"), the original request it is part
   * of ("Open reduction internal fixation of the left distal radius fracture with open carpal tunnel
   * release"); else null. The portion is done within that procedure.
   */
  partOf: string | null;
  context: RequestContext;
  /** What the request does not say; see `statedUnknown`. */
  unknowns: UnknownField[];
  /** True where the request text itself says something is unknown ("dosage, frequency, and quantity unknown"). */
  statedUnknown: boolean;
  /** The fields the request itself says are unknown (a subset of `unknowns`). */
  statedUnknowns: UnknownField[];
}
