import type {
  CaseFacts,
  Conflict,
  Evidence,
  ExtractOptions,
  Fact,
  FactExtractor,
  FactSource,
  Finding,
  ExamFindingKind,
  GiRiskKind,
  ImagingFinding,
  ImprovementStatement,
  MedicationFact,
  NeuroDeficitKind,
  PainScore,
  PriorTreatment,
  RedFlagKind,
  SurgeryFact,
  UrineDrugScreen,
  WorkStatus,
} from './case-facts.js';
import type { BodyRegionMention, TreatmentCategory } from '../request/normalised-request.js';
import { SESSION_THERAPY_CATEGORIES } from '../request/normalised-request.js';
import { findDrugs, findRegions, findTerms, MultiMatcher, uniqueRegions, type TermMatch } from '../request/matchers.js';
import { NUM, parseNumber } from '../request/numbers.js';
import { isMedicationCategory } from '../request/normalise-request.js';
import { splitSentences, type Sentence } from './sentences.js';
import { isNegated } from './negation.js';
import { findDates, monthsBetween, type DateMention } from './dates.js';

// ---------------------------------------------------------------------------------------------
// patterns, compiled once

const AGE = /\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b(?:\s+(male|female|man|woman|gentleman|lady|boy|girl))?|\b(?:age|aged)\s*:?\s*(\d{1,3})\b/i;
const SEX_WORD = /\b(male|female|man|woman|gentleman|lady)\b/i;
const SEX_PRONOUN = /\b(he|his|him|she|her|hers)\b/gi;
const INJURY_CUE = /\b(?:date of (?:industrial )?injury|DOI|occupational claim|claim|injur(?:ed|y|ies)(?! (?:worker|employee|patient|party))|accident|industrial(?:ly)?(?! (?:medicine))|cumulative trauma|fell|slipped|tripped|work[- ]related)\b/gi;
/** Cues of a plan, a request or its review: what the sentence describes has not been given (yet). */
const PLAN_CUE =
  /\b(?:plan(?:s|ned)?(?: of care)?|treatment plan|recommend(?:ed|s|ation|ations)?|request(?:ed|s|ing)?|sought|authori[sz](?:ed|ation)|certif(?:y|ied|ication)|non-?certif\w*|approv(?:ed|al)|prescribed for|to (?:start|begin|continue|undergo|receive|try)|will|would|pending|scheduled|candidate for|consider(?:ed|ing)?|referr(?:al|ed)|RFA|utilization review|\bUR\b|IMR|independent medical review|application|(?:was|were|been) (?:denied|modified|reviewed|ordered)|ordered|deemed|denied by|modified by|appeal)\b/i;
/** Cues that the sentence reports care received or under way. */
const COMPLETION_CUE =
  /\b(?:completed|has had|have had|had|attended|underwent|undergone|participated|received(?! (?:for|on|by))|tried|failed|history|to date|status post|s\/p|since|(?:has|have|had) been (?:treated|taking|using|on|receiving|attending|prescribed)|(?:was|were) treated|treated with|taking|takes|currently (?:on|taking|using|receiving)|uses|using|utiliz(?:ed|es|ing)|medications? (?:include|included|are|were|list)|current medications)\b/i;
/** "Worse with bending", "better with rest": what aggravates or relieves the pain, not a treatment outcome. */
const AGGRAVATING =
  /^\s*(?:with|by|upon|on|during|after|when)\s+(?:the\s+)?(?:prolonged\s+|repetitive\s+|repeated\s+|any\s+|certain\s+|overhead\s+|heavy\s+)?(?:bending|sitting|standing|walking|lifting|rest(?:ing)?|activit\w*|movements?|motion|reaching|twisting|turning|stooping|squatting|kneeling|climbing|driving|lying|sleeping|cold|heat|weather|exertion|use|gripping|grasping|pushing|pulling|carrying|looking|above|range|work(?:ing)?|exercise|stairs|coughing|sneezing|position\w*)\b/i;
/** Guideline language quoted in a summary ("functional improvement is defined as ..."). */
const GUIDELINE_TEXT = /\b(?:defined as|definition|guidelines? (?:state|recommend|indicate|support|allow)|MTUS|ODG|ACOEM|is recommended|are recommended|as evidenced by|clinically significant improvement in)\b/i;
const SESSION_COUNT = new RegExp(
  `(?<![\\w.#/])(${NUM})(?:\\s*\\((\\d+)\\))?\\s+(?:(?:prior|previous|completed|authorized|approved|additional|more|recent|total|[a-z][a-z/-]*)\\s+){0,4}?(?:sessions?|visits?|treatments?|appointments?)\\b|(?:sessions?|visits?|treatments?)\\s+(?:of\\s+\\w+(?:\\s+\\w+)?\\s+)?(?:x|times|#)\\s*(\\d+)|\\b(?:total of|a total of)\\s+(${NUM})\\b`,
  'gi',
);
const IMPROVE =
  /\b(?:functional (?:improvement|gains?|benefit|restoration|improvements)|objective (?:functional )?improvement|improv(?:e|ed|ement|ements|ing|es)|increased (?:function\w*|activity|activities|ADLs?|range of motion|ROM|ability|mobility|strength|tolerance|walking|sitting|standing)|able to (?:work|perform|return|walk|sit|stand|sleep|do|complete|lift)|return(?:ed)? to (?:work|full duty|modified duty|regular duty)|decreas(?:ed|e) (?:in )?(?:pain|medication use|medications|use of medications)|pain (?:relief|reduction)|reduc(?:ed|tion) (?:in )?(?:pain|medication)|help(?:ed|s|ful|ing)?|benefit(?:ed|s|ted)?|beneficial|better|relief|effective|efficacy|responded well|good response|pain (?:decreased|reduced|improved|went down))\b/gi;
const WORSE = /\b(?:worse(?:ned|ning)?|deteriorat\w+|increased pain|pain (?:increased|worsened)|no change|unchanged|not changed|plateau(?:ed)?|failed (?:to (?:improve|help|benefit)|treatment))\b/gi;
const WEAK_NEG_IMPROVEMENT = /\b(?:minimal|little|limited|slight|temporary|transient|short[- ]lived|no lasting|without lasting|not (?:sustained|significant))\b/gi;
const DOC_GAP = /\b(?:no|lack of|lacks|lacking|without|absence of|not|nor|insufficient|limited)\b[^.;]{0,40}?\b(?:documentation|documented|evidence|objective|quantified|quantifiable|measurable|measured|evidenced|noted|indicated|provided|demonstrated|established|shown)\b|\b(?:documentation|records?)\b[^.;]{0,30}?\b(?:does not|did not|do not|fails? to|failed to)\b/i;
const ASPECT_FUNCTION = /\b(?:function\w*|ADLs?|activit\w+|daily living|work|duty|range of motion|ROM|mobility|ability|able|strength|tolerance|walk\w*|sit\w*|stand\w*|lift\w*|sleep)\b/i;
const ASPECT_PAIN = /\b(?:pain|relief|VAS|\d+\/10)\b/i;
const SINCE = /\bsince\s+(?:at least\s+)?(?:(?:early|late|mid)[- ])?/i;
const FOR_DURATION = new RegExp(`\\b(?:for|over|x)\\s+(?:the\\s+(?:past|last)\\s+)?(?:about\\s+|approximately\\s+|over\\s+|more than\\s+|at least\\s+)?(${NUM}|an?)\\s+(days?|weeks?|months?|years?)\\b`, 'i');
const MED_STOPPED = /\b(?:discontinued|stopped|no longer|weaned|ceased|quit|held|denies (?:taking|using)|not taking|allergic|allergy|intolerant|intolerance)\b/i;
const SPASM = /\b(?:muscle\s+)?spasms?\b|\bspasticity\b|\bmyospasm\b|\bparaspinal spasm\b/gi;
const NEURO: readonly [RegExp, NeuroDeficitKind][] = [
  [/\bradiculopathy\b|\bradicul(?:ar|itis)\b|\bsciatica\b|\bradiat(?:ing|es|ed|ion)\b(?:\s+(?:pain|numbness|symptoms))?(?:\s+(?:down|into|to))?/gi, 'radiculopathy'],
  [/\bnumbness\b|\bnumb\b/gi, 'numbness'],
  [/\bparesthesi\w*\b|\btingling\b|\bpins and needles\b/gi, 'paresthesia'],
  [/\b(?:decreased|diminished|reduced|altered|impaired|abnormal|loss of|absent)\s+(?:light\s+touch\s+|pinprick\s+)?(?:sensation|sensory|sensibility|light touch|pinprick)\b|\bhyp(?:o|er)esthesia\b|\bdysesthesia\b|\bsensory (?:deficit|loss|changes?)\b|\bsensation\b/gi, 'sensory_deficit'],
  [/\bweakness\b|\b(?:decreased|diminished|reduced)\s+(?:motor\s+)?strength\b|\bmotor (?:deficit|weakness|loss)\b|\b[0-4][+-]?(?:\/| of | out of )5\b|\bmotor strength\b|\bstrength\b(?=[^.;]{0,25}\b5(?:\/| of | out of )5\b)/gi, 'weakness'],
  [/\b(?:decreased|diminished|absent|reduced|asymmetric|hypoactive|hyperactive|abnormal)\s+(?:(?:left|right|bilateral)\s+)?(?:deep tendon\s+|patellar\s+|achilles\s+|biceps\s+|triceps\s+|brachioradialis\s+|knee\s+|ankle\s+)?(?:jerk|reflex(?:es)?)\b|\bhypo-?reflexia\b|\bhyper-?reflexia\b|\bareflexia\b|\b(?:deep tendon\s+)?reflexes\b|\bDTRs?\b/gi, 'reflex_change'],
  [/\bstraight[- ]leg[- ]rais(?:es?|ing)(?:\s+tests?)?\b|\bSLRs?\b/gi, 'straight_leg_raise'],
  [/\bSpurling'?s?(?:\s+(?:test|sign|maneuver))?\b/gi, 'spurling'],
  [/\bTinel'?s?(?:\s+(?:test|sign))?\b/gi, 'tinel'],
  [/\bPhalen'?s?(?:\s+(?:test|sign|maneuver))?\b/gi, 'phalen'],
  [/\batrophy\b/gi, 'atrophy'],
];
/** Normal-exam phrasing that negates a neuro mention even without a negation cue. */
/** A complaint, as opposed to an examination finding. */
const SUBJECTIVE_CUE = /\b(?:complain\w*|c\/o|reports?|reported|reporting|concerned|states?|stated|endorses?|endorsed|describes?|described|symptoms?|feels?|felt|notes? (?:that )?(?:she|he)|history of)\b/i;
const OBJECTIVE_CUE = /\b(?:exam\w*|objective\w*|physical|palpation|test(?:ing)?|positive|negative|sign|reflex\w*|dermatom\w*|[0-5][+-]?\/5|\d of 5|EMG|NCV|NCS|electrodiagnostic|MRI|revealed|demonstrat\w*|showed|sensation|motor strength|atrophy)\b/i;
const NEURO_NORMAL = /\b(?:intact|normal|symmetric(?:al)?|equal|2\+|5\/5|5 (?:out )?of 5|within normal limits|WNL|unremarkable|grossly intact|negative)\b/i;
const NEURO_POSITIVE = /\b(?:positive|\+|decreased|diminished|reduced|absent|abnormal|weak|[0-4][+-]?\/5|1\+|0\/4|trace|hypo|hyper|asymmetric|altered|impaired)\b/i;
const EXAM: readonly [RegExp, ExamFindingKind][] = [
  [/\b(?:restricted|decreased|diminished|reduced|limited|painful|loss of|limitation of|guarded)\s+(?:\w+\s+){0,2}?(?:range of motion|ROM|motion|mobility)\b|\b(?:range of motion|ROM)\b/gi, 'restricted_range_of_motion'],
  [/\bnon-?tender\b|\btender(?:ness)?\b/gi, 'tenderness'],
  [/\bswelling\b|\beffusion\b|\bedema\b/gi, 'swelling'],
  [/\binstability\b|\blaxity\b|\bapprehension\b/gi, 'instability'],
  [/\bguarding\b|\bmyoguarding\b/gi, 'guarding'],
];
const ROM_RESTRICTED = /\b(?:restricted|decreased|diminished|reduced|limited|painful|loss|limitation|guarded|\d+\s*degrees|stiff\w*)\b/i;
const ROM_NORMAL = /\b(?:full|normal|within normal limits|WNL|intact|unrestricted|good)\b/i;
const RED_FLAGS: readonly [RegExp, RedFlagKind][] = [
  [/\bcauda equina\b/gi, 'cauda_equina'],
  [/\b(?:bowel|bladder)(?: (?:and|or|\/) (?:bowel|bladder))? (?:incontinence|dysfunction|retention|changes?|problems?|symptoms?|control)\b|\b(?:urinary|fecal) (?:incontinence|retention)\b/gi, 'bowel_bladder'],
  [/\bsaddle (?:an(?:a)?esthesia|numbness|paresthesia)\b/gi, 'saddle_anesthesia'],
  [/\bprogressive (?:neurologic(?:al)? (?:deficits?|findings|symptoms)|weakness|numbness|deficits?)\b/gi, 'progressive_neuro_deficit'],
  [/\bfractures?\b/gi, 'fracture'],
  [/\btumou?rs?\b|\bcancer\b|\bmalignan\w+\b|\bneoplasm\b|\bmetasta\w+\b/gi, 'tumor'],
  [/\binfection\b|\bosteomyelitis\b|\bdiscitis\b|\babscess\b|\bseptic\b/gi, 'infection'],
  [/\b(?:unexplained |unintentional |significant )?weight loss\b/gi, 'weight_loss'],
  [/\bfevers?\b|\bchills\b/gi, 'fever'],
  [/\bmyelopathy\b|\bcord compression\b/gi, 'myelopathy'],
];
const IMAGING_STUDY =
  /\b(?:MRI|MR|magnetic resonance imaging|CT(?: scan)?|computed tomography|x-?rays?|radiographs?|bone scan|ultrasound|sonogram|EMG(?:\/NC[VS])?|NC[VS](?:\/EMG)?|electrodiagnostic(?: stud(?:y|ies))?|nerve conduction(?: stud(?:y|ies))?|electromyography)\b/gi;
const FINDING_CUE = /\b(?:reveal(?:ed|s|ing)?|show(?:ed|s|ing)?|demonstrat(?:ed|es|ing)|noted|findings?|significant for|consistent with|evidence of|impression|indicat(?:ed|es|ing)|positive for|negative for|notable for|documented)\b|:/i;
const FLARE = /\bflare[- ]?ups?\b|\bflared\b|\bflare\b|\bexacerbations?\b|\bacute (?:worsening|exacerbation)\b|\bre-?injur(?:y|ed|ies)\b|\baggravation\b/gi;
/** Up to three words before a procedure word ("anterior cervical discectomy"). */
const LEFT_WORDS = /(?:(?:[A-Za-z0-9-]+\s+){0,3})$/;
const SURGERY_CUE_DONE = /\b(?:status post|s\/p|underwent|had|has had|history of|prior|previous(?:ly)?|post-?op(?:erative(?:ly)?)?|surgical history|performed|surgery (?:on|dated|in))\b/i;
const SURGERY_CUE_PLANNED = /\b(?:request(?:ed|s)?|recommend(?:ed|s|ation)?|candidate|plan(?:ned|s)?|schedul(?:ed|ing)|pending|consider(?:ed|ing|ation)?|would|will|authoriz\w+|proposed)\b/i;
const WORK: readonly [RegExp, WorkStatus][] = [
  [/\btemporar(?:il)?y(?: and)? total(?:ly)? disab\w+\b|\bTTD\b|\btotal temporary disability\b|\btemporarily totally disabled\b/gi, 'temporarily_totally_disabled'],
  [/\b(?:modified|light|restricted|limited) (?:duty|work|activity|activities)\b|\bwork(?:ing)? (?:with|under) restrictions\b|\bwork restrictions\b/gi, 'modified_duty'],
  [/\b(?:full|regular|usual) (?:duty|work)(?: without restrictions)?\b|\bwithout (?:work )?restrictions\b/gi, 'full_duty'],
  [/\bpermanent(?:ly)? and stationary\b|\bP&S\b|\bmaximum medical improvement\b|\bMMI\b|\bpermanent(?:ly)? disab\w+\b/gi, 'permanent_and_stationary'],
  [/\bretired\b/gi, 'retired'],
  [/\b(?:not (?:currently )?working|off (?:of )?work|unemployed|unable to work|has not returned to work|not returned to work|remains off)\b/gi, 'not_working'],
  [/\b(?:is|currently|still|continues to be|remains) (?:working|employed)\b|\bcontinues to work\b|\breturned to (?:work|his job|her job)\b|\bworking (?:full[- ]time|part[- ]time)\b/gi, 'working'],
];
const PAIN_SCORE = /(?<![\d/.])(\d{1,2}(?:\.\d)?)\s*(?:\/|out of|on a scale of (?:[01]\s*(?:-|to)\s*)?)\s*10\b(?!\s*\/|\d)|\bVAS(?: score)?(?: of)?\s*:?\s*(\d{1,2}(?:\.\d)?)\b/gi;
const PAIN_WITH = /^[^.;]{0,30}?\bwith(?:out)?\b\s+(?:the\s+)?(?:use of\s+)?(?:pain\s+)?medications?\b/i;
const PAIN_WITH_BEFORE = /\bwith(?:out)?\s+(?:the\s+)?(?:use of\s+)?(?:pain\s+)?medications?\b[^.;]{0,30}$/i;
const UDS = /\burine (?:drug )?(?:screens?|tests?|testing|toxicology|tox(?:icology)? screens?)\b|\bUDS\b|\bUDT\b|\bdrug (?:screens?|tests?|testing)\b|\btoxicology (?:screen|report|test)s?\b/gi;
const UDS_INCONSISTENT = /\binconsistent\b|\bnot consistent\b|\baberrant\b|\bpositive for (?:marijuana|cannabis|THC|cocaine|amphetamines?|methamphetamine|illicit|non-?prescribed|alcohol|heroin|opiates? not)\b|\bnegative for (?:the )?(?:prescribed|hydrocodone|oxycodone|tramadol|opioids?)\b|\bunexpected\b/i;
const UDS_CONSISTENT = /\bconsistent\b|\bappropriate\b|\bcompliant\b|\bas expected\b|\bexpected results?\b/i;
const GI: readonly [RegExp, GiRiskKind][] = [
  [/\b(?:GI|gastrointestinal|upper GI) bleed(?:s|ing)?\b|\bhematemesis\b|\bmelena\b|\bbloody stools?\b|\bblood in (?:the )?stools?\b/gi, 'gi_bleed'],
  [/\bpeptic ulcers?(?: disease)?\b|\bPUD\b|\bgastric ulcers?\b|\bduodenal ulcers?\b|\bstomach ulcers?\b|\bulcers?\b/gi, 'peptic_ulcer'],
  [/\bdyspepsia\b|\bGERD\b|\bgastro-?esophageal reflux\b|\bheartburn\b|\bacid reflux\b|\breflux\b|\bgastritis\b|\bstomach (?:upset|pain|irritation|discomfort|issues|problems)\b|\bupset stomach\b|\b(?:GI|gastrointestinal) (?:upset|symptoms|complaints|distress|irritation|issues|side effects|discomfort|problems|events|complications)\b|\bepigastric\b|\bindigestion\b|\bnausea\b/gi, 'gi_symptoms'],
  [/\banticoagula\w+\b|\bwarfarin\b|\bcoumadin\b|\bEliquis\b|\bXarelto\b|\bapixaban\b|\brivaroxaban\b|\bheparin\b|\bPlavix\b|\bclopidogrel\b|\bblood thinners?\b/gi, 'anticoagulant'],
];
const FAILED_CONSERVATIVE =
  /\bfail(?:ed|ure of|s)?\s+(?:to respond to\s+)?(?:all\s+)?(?:conservative|non-?operative|non-?surgical|non-?invasive)(?:\s+(?:care|treatments?|management|measures|therapy|therapies|modalities))?\b|\b(?:conservative|non-?operative)\s+(?:care|treatments?|management|measures|therapy|therapies)\s+(?:has|have|had)?\s*(?:failed|been unsuccessful|not helped|been exhausted)\b|\bdespite\s+(?:conservative|physical therapy|medications|treatment|therapy|injections|chiropractic|acupuncture)\b|\brefractory to\b|\b(?:exhausted|failed)\s+(?:physical therapy|PT|medications?|injections?|chiropractic|acupuncture|NSAIDs|first[- ]line)\b/gi;
const HOME_EXERCISE = /\bhome exercise(?:s| program(?:me)?| regimen| plan)?\b|\bHEP\b|\bhome (?:stretching|strengthening)(?: program)?\b|\bself[- ]directed (?:exercise|home)\b|\bindependent (?:home )?exercise\b/gi;
const DIAGNOSIS_CUE =
  /\b(?:diagnos(?:ed|is|es)\s*(?:(?:have|has)\s+)?(?:been\s+)?(?:with|of|include[sd]?|are|were|is|was|as)?\s*:?|(?:working |final |current |discharge )?diagnos(?:is|es)\s*(?:(?:have|has) )?(?:include[sd]?|are|were|is|was)?\s*:?|assessment\s*:|impression\s*:|dx\s*:|treated for|suffer(?:s|ing)? from)\s*/gi;

type FeatureGroup = 'improve' | 'worse' | 'spasm' | 'neuro' | 'red' | 'flare' | 'imaging' | 'work' | 'pain' | 'uds' | 'gi' | 'failed' | 'home' | 'exam';
interface FeatureData {
  id: number;
  group: FeatureGroup;
  kind: string;
}
const FEATURE_LIST: [RegExp, FeatureGroup, string][] = [
  [IMPROVE, 'improve', 'improve'],
  [WORSE, 'worse', 'worse'],
  [SPASM, 'spasm', 'spasm'],
  ...NEURO.map(([re, kind]) => [re, 'neuro', kind] as [RegExp, FeatureGroup, string]),
  ...RED_FLAGS.map(([re, kind]) => [re, 'red', kind] as [RegExp, FeatureGroup, string]),
  [FLARE, 'flare', 'flare_up'],
  [IMAGING_STUDY, 'imaging', 'imaging'],
  ...WORK.map(([re, kind]) => [re, 'work', kind] as [RegExp, FeatureGroup, string]),
  [PAIN_SCORE, 'pain', 'pain'],
  [UDS, 'uds', 'uds'],
  ...GI.map(([re, kind]) => [re, 'gi', kind] as [RegExp, FeatureGroup, string]),
  [FAILED_CONSERVATIVE, 'failed', 'failed_conservative_care'],
  [HOME_EXERCISE, 'home', 'home_exercise_program'],
  ...EXAM.map(([re, kind]) => [re, 'exam', kind] as [RegExp, FeatureGroup, string]),
];
/** All the per-sentence feature patterns, matched in one pass (see MultiMatcher). */
const FEATURES = new MultiMatcher<FeatureData>(
  FEATURE_LIST.map(([re, group, kind], id) => ({ source: re.source, data: { id, group, kind } })),
  false,
  true, // every feature pattern starts at a word boundary
  true, // many patterns: dispatch on the first character
);

type FeatureHit = { m: RegExpExecArray; kind: string };
const GROUPS: readonly FeatureGroup[] = ['improve', 'worse', 'spasm', 'neuro', 'red', 'flare', 'imaging', 'work', 'pain', 'uds', 'gi', 'failed', 'home', 'exam'];
const GROUP_INDEX = new Map<FeatureGroup, number>(GROUPS.map((g, i) => [g, i]));
const FEATURE_GROUP_INDEX = FEATURE_LIST.map(([, group]) => GROUP_INDEX.get(group)!);
const NO_HITS: FeatureHit[] = [];
/** Scratch for featureHits: the end of each pattern's last hit (reset on every call). */
const lastEnd = new Int32Array(FEATURE_LIST.length);

/** The feature hits of a sentence by group (indexed as GROUPS), each pattern's hits non-overlapping (as a global scan gives). */
function featureHits(text: string): FeatureHit[][] {
  const out: FeatureHit[][] = new Array<FeatureHit[]>(GROUPS.length).fill(NO_HITS);
  lastEnd.fill(-1);
  for (const h of FEATURES.all(text)) {
    const id = h.data.id;
    if (lastEnd[id] > h.start) continue;
    lastEnd[id] = h.end;
    const g = FEATURE_GROUP_INDEX[id];
    if (out[g] === NO_HITS) out[g] = [];
    out[g].push({ m: h.match, kind: h.data.kind });
  }
  return out;
}

const SESSIONAL = new Set<TreatmentCategory>([
  ...SESSION_THERAPY_CATEGORIES,
  'functional_restoration',
  'trigger_point_injection',
  'epidural_injection',
  'facet_injection',
  'joint_injection',
]);
/** Categories that are treatments a worker receives (not tests, visits or services). */
const TREATMENT_KINDS = new Set<TreatmentCategory>([
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

// ---------------------------------------------------------------------------------------------

interface Ctx {
  source: FactSource;
  sentence: Sentence;
}

function ev(c: Ctx, start?: number, end?: number): Evidence {
  const s = start ?? c.sentence.start;
  const e = end ?? c.sentence.end;
  return { source: c.source.name, quote: c.source.text.slice(s, e), start: s, end: e };
}

/** Offsets of a match in a sentence, as offsets into the source. */
function abs(c: Ctx, rel: number): number {
  return c.sentence.start + rel;
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

function nearestTerm(terms: TermMatch[], at: number, within = 120): TermMatch | null {
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

function conflictsOf<K extends string>(findings: Finding<K>[], topicOf: (k: K) => string): Conflict[] {
  const by = new Map<string, { pos: Evidence[]; neg: Evidence[] }>();
  for (const f of findings) {
    const k = topicOf(f.kind);
    const g = by.get(k) ?? { pos: [], neg: [] };
    (f.negated ? g.neg : g.pos).push(f.evidence);
    by.set(k, g);
  }
  const out: Conflict[] = [];
  for (const [topic, g] of by) if (g.pos.length > 0 && g.neg.length > 0) out.push({ topic, evidence: [g.pos[0], g.neg[0]] });
  return out;
}

/**
 * The default, rule-based extractor: sentence splitting, vocabulary matching (shared with the
 * request normaliser), and a NegEx-style negation scanner. Pure.
 */
export class RuleBasedFactExtractor implements FactExtractor {
  extract(sources: FactSource[], opts: ExtractOptions = {}): CaseFacts {
    const facts: CaseFacts = {
      age: null,
      sex: null,
      injuryDate: null,
      monthsSinceInjury: null,
      chronicity: null,
      asOf: opts.asOf ?? null,
      diagnoses: [],
      bodyRegions: [],
      priorTreatments: [],
      functionalImprovement: { status: 'not_stated', statements: [] },
      medications: [],
      spasm: [],
      neuroDeficits: [],
      redFlags: [],
      imaging: [],
      flareUps: [],
      surgeries: [],
      workStatus: [],
      painScores: [],
      urineDrugScreens: [],
      giRisks: [],
      failedConservativeCare: [],
      homeExercise: [],
      examFindings: [],
      conflicts: [],
    };
    let latestDate: string | null = null;
    let pronounMale = 0;
    let pronounFemale = 0;
    let firstPronoun: Evidence | null = null;
    const regionSeen = new Set<string>();
    const medIndex = new Map<string, number>();

    for (const source of sources) {
      const text = source.text;
      const sentences = splitSentences(text);
      let lastDate: string | null = null;
      for (const sentence of sentences) {
        const c: Ctx = { source, sentence };
        const st = sentence.text;
        const dates = findDates(st);
        for (const d of dates) if (d.precision === 'day' && (!latestDate || d.value > latestDate)) latestDate = d.value;
        const planOnly = PLAN_CUE.test(st) && !COMPLETION_CUE.test(st);
        const guidelineText = GUIDELINE_TEXT.test(st);
        const hits = featureHits(st);
        const hitsOf = (g: FeatureGroup) => hits[GROUP_INDEX.get(g)!];

        // demographics
        if (!facts.age) {
          const m = AGE.exec(st);
          if (m) {
            const age = Number(m[1] ?? m[3]);
            if (age > 0 && age < 120) facts.age = { value: age, evidence: ev(c, abs(c, m.index), abs(c, m.index + m[0].length)) };
            if (m[2] && !facts.sex) {
              const w = m[2].toLowerCase();
              facts.sex = { value: w === 'male' || w === 'man' || w === 'gentleman' || w === 'boy' ? 'male' : 'female', evidence: ev(c, abs(c, m.index), abs(c, m.index + m[0].length)) };
            }
          }
        }
        if (!facts.sex) {
          const m = facts.age && facts.age.evidence.source === source.name && facts.age.evidence.start >= sentence.start && facts.age.evidence.end <= sentence.end ? SEX_WORD.exec(st) : null;
          if (m) {
            const w = m[1].toLowerCase();
            facts.sex = { value: w === 'male' || w === 'man' || w === 'gentleman' ? 'male' : 'female', evidence: ev(c, abs(c, m.index), abs(c, m.index + m[0].length)) };
          }
        }
        each(SEX_PRONOUN, st, (m) => {
          const w = m[1].toLowerCase();
          if (w === 'he' || w === 'his' || w === 'him') pronounMale++;
          else pronounFemale++;
          if (!firstPronoun) firstPronoun = ev(c, abs(c, m.index), abs(c, m.index + m[0].length));
        });

        // injury date
        if (!facts.injuryDate && dates.length > 0) {
          each(INJURY_CUE, st, (cue) => {
            if (facts.injuryDate) return;
            const cueEnd = cue.index + cue[0].length;
            const d = dates.find((x) => x.start >= cueEnd && x.start - cueEnd <= 40 && !/[.;]/.test(st.slice(cueEnd, x.start))) ?? null;
            if (d) facts.injuryDate = { value: d.value, evidence: ev(c, abs(c, cue.index), abs(c, d.end)) };
          });
        }

        // diagnoses
        each(DIAGNOSIS_CUE, st, (m) => {
          const from = m.index + m[0].length;
          const rest = st.slice(from);
          let pos = from;
          for (const piece of rest.split(/,\s*(?:and\s+)?|;\s*|\s+and\s+(?=[A-Z])/)) {
            const trimmed = piece.replace(/^\s+|[\s.]+$/g, '');
            const at = st.indexOf(trimmed, pos);
            if (trimmed.length >= 3 && at >= 0 && !/^(?:the|a|an|with)$/i.test(trimmed)) {
              facts.diagnoses.push({ value: trimmed.replace(/\s+/g, ' '), evidence: ev(c, abs(c, at), abs(c, at + trimmed.length)) });
              pos = at + trimmed.length;
            }
          }
        });

        // body regions
        for (const r of findRegions(st)) {
          const key = `${r.region}:${r.laterality ?? ''}`;
          if (regionSeen.has(key)) continue;
          regionSeen.add(key);
          const mention: BodyRegionMention = { region: r.region, laterality: r.laterality, text: r.text };
          facts.bodyRegions.push({ value: mention, evidence: ev(c, abs(c, r.start), abs(c, r.end)) });
        }

        // treatments, medications
        const terms = findTerms(st).filter((t) => t.priority >= 60);
        const drugs = findDrugs(st);
        if (!planOnly) {
          const counts: { n: number; start: number; end: number }[] = [];
          each(SESSION_COUNT, st, (m) => {
            const n = parseNumber(m[2]) ?? parseNumber(m[1]) ?? parseNumber(m[3]) ?? parseNumber(m[4]);
            if (n !== null && n > 0 && n < 200) counts.push({ n, start: m.index, end: m.index + m[0].length });
          });
          // each count belongs to one treatment: the most specific term it spans ("6 chiropractic
          // therapy visits"), else the nearest term after it ("6 sessions of PT"), else before it ("PT x 6")
          const treatTermsHere = terms.filter((x) => TREATMENT_KINDS.has(x.category) && x.category !== 'surgery');
          const countOf = new Map<TreatmentCategory, number>();
          for (const k of counts) {
            let owner: TermMatch | null = null;
            for (const t of treatTermsHere) if (t.start < k.end && t.end > k.start && (!owner || t.priority > owner.priority)) owner = t;
            const after = (joined: RegExp) => {
              let best: TermMatch | null = null;
              for (const t of treatTermsHere) {
                if (t.start < k.end || t.start - k.end > 40) continue;
                if (joined.test(st.slice(k.end, t.start)) && (!best || t.start < best.start)) best = t;
              }
              return best;
            };
            const before = () => {
              let best: TermMatch | null = null;
              for (const t of treatTermsHere) {
                if (t.end > k.start || k.start - t.end > 40) continue;
                if (/^[^,;.]*$/.test(st.slice(t.end, k.start)) && (!best || t.end > best.end)) best = t;
              }
              return best;
            };
            owner ??= after(/^\s*(?:of|in|with)\s+(?:the\s+|prior\s+|previous\s+)?$/i) ?? before() ?? after(/^[^,;.]*$/);
            if (owner && !countOf.has(owner.category)) countOf.set(owner.category, k.n);
          }
          const seenCat = new Set<TreatmentCategory>();
          for (const t of treatTermsHere) {
            if (seenCat.has(t.category)) continue;
            // "chiropractic therapy visits": the generic "therapy visits" is the same treatment
            if (t.priority < 85 && /^(?:therapy|physiotherapy)\b/i.test(t.text) && treatTermsHere.some((o) => o !== t && o.end <= t.start && t.start - o.end <= 25)) continue;
            seenCat.add(t.category);
            const negated = isNegated(st, t.start, t.end, { post: false, window: 3 });
            facts.priorTreatments.push({ category: t.category, sessions: countOf.get(t.category) ?? null, negated, evidence: ev(c) });
          }
          for (const d of drugs) {
            const e = d.entry;
            const drugClass = e.cls;
            const negated = MED_STOPPED.test(st) || isNegated(st, d.start, d.end, { post: false });
            let since: string | null = null;
            let durationMonths: number | null = null;
            const after = st.slice(d.end, d.end + 120);
            const sm = SINCE.exec(after);
            if (sm) {
              const sinceAt = d.end + sm.index + sm[0].length;
              const dd = dates.find((x) => x.start >= sinceAt && x.start - sinceAt <= 3);
              if (dd) since = dd.value;
            }
            if (!since) {
              const sm2 = /\bsince\s+(?:at least\s+)?/i.exec(st.slice(0, d.start));
              if (sm2) {
                const sinceAt = sm2.index + sm2[0].length;
                const dd = dates.find((x) => x.start === sinceAt);
                if (dd) since = dd.value;
              }
            }
            const fm = FOR_DURATION.exec(after);
            if (fm) {
              const n = /^an?$/i.test(fm[1]) ? 1 : parseNumber(fm[1]);
              const unit = fm[2].toLowerCase();
              if (n !== null) durationMonths = unit.startsWith('year') ? n * 12 : unit.startsWith('month') ? n : unit.startsWith('week') ? Math.round((n * 7) / 30.4) : Math.round(n / 30.4);
            }
            const before = dates.filter((x) => x.precision === 'day' && x.end <= d.start);
            const firstNotedDate = before.length > 0 ? before[before.length - 1].value : (dates.find((x) => x.precision === 'day')?.value ?? lastDate);
            const med: MedicationFact = {
              generic: e.generic,
              brand: d.isBrand ? d.text : null,
              drugClass,
              since,
              durationMonths,
              firstNotedDate,
              monthsNoted: null,
              negated,
              evidence: ev(c),
            };
            const prev = medIndex.get(e.generic);
            if (prev === undefined) {
              medIndex.set(e.generic, facts.medications.length);
              facts.medications.push(med);
              if (isMedicationCategory(drugClass) || drugClass === 'topical') {
                facts.priorTreatments.push({ category: drugClass, sessions: null, negated, evidence: ev(c) });
              }
            } else {
              const p = facts.medications[prev];
              if (!p.since && since) p.since = since;
              if (p.durationMonths === null && durationMonths !== null) p.durationMonths = durationMonths;
              if (!p.brand && med.brand) p.brand = med.brand;
              if (med.firstNotedDate && (!p.firstNotedDate || med.firstNotedDate < p.firstNotedDate)) p.firstNotedDate = med.firstNotedDate;
            }
          }
        }

        // functional improvement
        const treatTerms = terms.filter((t) => TREATMENT_KINDS.has(t.category));
        const drugTerms = drugs.map((d) => ({ start: d.start, end: d.end, text: d.text, category: d.entry.cls, priority: 75 }) as TermMatch);
        const refTerms = [...treatTerms, ...drugTerms];
        const improvementSpans: [number, number][] = [];
        hitsOf('improve').forEach(({ m }) => {
          const start = m.index;
          const end = m.index + m[0].length;
          if (improvementSpans.some(([a, b]) => start < b && end > a)) return;
          improvementSpans.push([start, end]);
          const phrase = m[0];
          // "improvement" inside a plan ("to improve function") is not a statement about the past
          if (guidelineText || AGGRAVATING.test(st.slice(end, end + 60))) return;
          if (/\bmaxim(?:al|um) medical improvement\b/i.test(st.slice(Math.max(0, start - 20), end + 10))) return;
          const negated = isNegated(st, start, end, { extraPre: WEAK_NEG_IMPROVEMENT, window: 7 });
          // "to improve function" is a purpose, unless negated ("has not seemed to improve")
          if (!negated && /\bto (?:improve|help|increase|decrease|reduce|return|benefit)\b/i.test(st.slice(Math.max(0, start - 3), end))) return;
          // in a sentence about the dispute, only the stated absence counts ("noting the lack of evidence of functional improvement")
          if (planOnly && !(negated && DOC_GAP.test(st))) return;
          const gap = DOC_GAP.test(st) && negated;
          const aroundStart = Math.max(0, start - 40);
          const around = st.slice(aroundStart, Math.min(st.length, end + 40));
          const aspect = ASPECT_FUNCTION.test(phrase) || /^(?:functional|objective)/i.test(phrase) ? 'function' : ASPECT_PAIN.test(phrase) ? 'pain' : ASPECT_FUNCTION.test(around) && !ASPECT_PAIN.test(around) ? 'function' : ASPECT_PAIN.test(around) ? 'pain' : 'unspecified';
          const ref = nearestTerm(refTerms, start, 200);
          const s: ImprovementStatement = {
            polarity: negated ? 'not_improved' : 'improved',
            aspect,
            category: ref?.category ?? null,
            documentationGap: gap,
            evidence: ev(c),
          };
          const dup = facts.functionalImprovement.statements.some(
            (x) => x.evidence.start === s.evidence.start && x.evidence.source === s.evidence.source && x.polarity === s.polarity && x.aspect === s.aspect && x.category === s.category,
          );
          if (!dup) facts.functionalImprovement.statements.push(s);
        });
        hitsOf('worse').forEach(({ m }) => {
          if (isNegated(st, m.index, m.index + m[0].length, { post: false })) return;
          if (planOnly || guidelineText || AGGRAVATING.test(st.slice(m.index + m[0].length, m.index + m[0].length + 60))) return;
          const ref = nearestTerm(refTerms, m.index, 200);
          facts.functionalImprovement.statements.push({
            polarity: 'not_improved',
            aspect: ASPECT_PAIN.test(m[0]) ? 'pain' : 'unspecified',
            category: ref?.category ?? null,
            documentationGap: false,
            evidence: ev(c),
          });
        });

        // spasm, neuro deficits, red flags, flare-ups
        hitsOf('spasm').forEach(({ m }) => {
          facts.spasm.push({ kind: 'spasm', negated: isNegated(st, m.index, m.index + m[0].length), evidence: ev(c) });
        });
        hitsOf('neuro').forEach(({ m, kind: k0 }) => {
          const kind = k0 as NeuroDeficitKind;
          const start = m.index;
          const end = m.index + m[0].length;
          let negated = isNegated(st, start, end);
          const local = st.slice(Math.max(0, start - 25), Math.min(st.length, end + 30));
          const bareExam = /^(?:sensation|(?:deep tendon\s+)?reflexes|DTRs?|motor strength|strength|straight[- ]leg[- ]rais\w*(?:\s+test)?|SLR|Spurling\S*(?:\s+\w+)?|Tinel\S*(?:\s+\w+)?|Phalen\S*(?:\s+\w+)?)$/i.test(m[0]);
          if (bareExam) {
            // a bare exam word is a finding only with a qualifier: "reflexes are 1+", "sensation intact"
            if (NEURO_POSITIVE.test(local.replace(/\bnegative\b/gi, '')) && !negated && !/\bnegative\b/i.test(local)) negated = false;
            else if (NEURO_NORMAL.test(local) || negated) negated = true;
            else return;
          }
          const subjective = SUBJECTIVE_CUE.test(st) && !OBJECTIVE_CUE.test(st);
          facts.neuroDeficits.push({ kind, negated, evidence: ev(c), subjective });
        });
        hitsOf('red').forEach(({ m, kind: k0 }) => {
          const kind = k0 as RedFlagKind;
          facts.redFlags.push({ kind, negated: isNegated(st, m.index, m.index + m[0].length), evidence: ev(c) });
        });
        hitsOf('flare').forEach(({ m }) => {
          facts.flareUps.push({ kind: 'flare_up', negated: isNegated(st, m.index, m.index + m[0].length), evidence: ev(c) });
        });

        // imaging
        if (!planOnly) {
          const studies: RegExpExecArray[] = [];
          hitsOf('imaging').forEach(({ m }) => {
            studies.push(m);
          });
          studies.forEach((m, i) => {
            const from = m.index + m[0].length;
            const to = i + 1 < studies.length ? studies[i + 1].index : st.length;
            const segment = st.slice(from, to);
            const cue = FINDING_CUE.exec(segment);
            const modality = imagingModality(m[0]);
            const region = findRegions(segment).map((r) => ({ region: r.region, laterality: r.laterality, text: r.text }))[0] ?? null;
            const d = findDates(segment)[0]?.value ?? null;
            const finding = cue ? segment.slice(cue.index + cue[0].length).replace(/^[\s:,]+|[\s.,;]+(?:and|a|an)?\s*$/g, '').replace(/\s+/g, ' ') || null : null;
            facts.imaging.push({ modality, region, date: d, finding, evidence: ev(c) } satisfies ImagingFinding);
          });
        }

        // surgery
        const surgTerms = terms.filter((t) => t.category === 'surgery');
        if (surgTerms.length > 0 && !/\bsurgical (?:service|clearance)\b/i.test(st)) {
          const first = surgTerms[0];
          const last = surgTerms[surgTerms.length - 1];
          let from = first.start;
          // extend left over the words describing the procedure ("anterior cervical discectomy")
          const leftFrom = Math.max(0, first.start - 80);
          const leftCtx = st.slice(leftFrom, first.start);
          const lm0 = LEFT_WORDS.exec(leftCtx);
          const lm = lm0 ? Object.assign(lm0, { index: lm0.index + leftFrom }) : null;
          if (lm) {
            const words = lm[0];
            const cut = words.search(/\b(?:included|includes|underwent|had|of|post|s\/p|for|a|an|the|with|history|and|is|was|has)\s+(?!.*\b(?:included|includes|underwent|had|of|post|s\/p|for|a|an|the|with|history|and|is|was|has)\s)/i);
            from = cut >= 0 ? lm.index + cut + (/^\S+\s+/.exec(words.slice(cut))?.[0].length ?? 0) : lm.index;
          }
          const rightCtx = st.slice(last.end);
          const stop = rightCtx.search(/\s+(?:on|dated|in)\s+(?:\d|[A-Z][a-z]+ \d)|[.;,]|\s+(?:was|were|is|which|that|due|because|secondary|given|as|and (?:he|she|the patient))\b|$/);
          const to = last.end + (stop >= 0 ? stop : rightCtx.length);
          const procedure = st.slice(from, to).trim();
          const after = dates.find((x) => x.start >= last.end) ?? dates[0] ?? null;
          const planned = SURGERY_CUE_PLANNED.test(st) && !SURGERY_CUE_DONE.test(st);
          const region = findRegions(procedure).map((r) => ({ region: r.region, laterality: r.laterality, text: r.text }))[0] ?? null;
          facts.surgeries.push({ procedure, date: after?.value ?? null, region, planned, evidence: ev(c) } satisfies SurgeryFact);
        }

        // work status ("working modified duty" is modified duty, not also "working")
        const workBefore = facts.workStatus.length;
        hitsOf('work').forEach(({ m, kind: k0 }) => {
          const kind = k0 as WorkStatus;
          let k: WorkStatus = kind;
          const negated = kind !== 'not_working' && isNegated(st, m.index, m.index + m[0].length, { post: false });
          if (negated) {
            if (kind === 'working') k = 'not_working';
            else return;
          }
          if (facts.workStatus.some((w) => w.value === k && w.evidence.start === sentence.start && w.evidence.source === source.name)) return;
          facts.workStatus.push({ value: k, evidence: ev(c) } satisfies Fact<WorkStatus>);
        });
        const here = facts.workStatus.slice(workBefore);
        if (here.some((w) => w.value === 'modified_duty' || w.value === 'full_duty' || w.value === 'temporarily_totally_disabled')) {
          facts.workStatus.splice(workBefore, here.length, ...here.filter((w) => w.value !== 'working'));
        }

        // pain scores
        hitsOf('pain').forEach(({ m }) => {
          const score = Number(m[1] ?? m[2]);
          if (!(score >= 0 && score <= 10)) return;
          const after = st.slice(m.index + m[0].length);
          const before = st.slice(Math.max(0, m.index - 40), m.index);
          const w = PAIN_WITH.exec(after) ?? PAIN_WITH_BEFORE.exec(before);
          const qualifier = w ? (/without/i.test(w[0]) ? 'without_medication' : 'with_medication') : null;
          facts.painScores.push({ score, scale: 10, qualifier, evidence: ev(c, abs(c, m.index), abs(c, m.index + m[0].length)) } satisfies PainScore);
        });

        // urine drug screens
        hitsOf('uds').forEach(({ m }) => {
          if (planOnly) return;
          const result = UDS_INCONSISTENT.test(st) ? 'inconsistent' : UDS_CONSISTENT.test(st) ? 'consistent' : 'unstated';
          const d = dates.find((x) => Math.abs(x.start - m.index) < 60)?.value ?? null;
          if (facts.urineDrugScreens.some((u) => u.evidence.start === sentence.start && u.evidence.source === source.name)) return;
          facts.urineDrugScreens.push({ result, date: d, evidence: ev(c) } satisfies UrineDrugScreen);
        });

        // GI risk
        hitsOf('gi').forEach(({ m, kind: k0 }) => {
          const kind = k0 as GiRiskKind;
          facts.giRisks.push({ kind, negated: isNegated(st, m.index, m.index + m[0].length), evidence: ev(c) });
        });

        // failed conservative care, home exercise
        hitsOf('failed').forEach(({ m }) => {
          facts.failedConservativeCare.push({ kind: 'failed_conservative_care', negated: isNegated(st, m.index, m.index + m[0].length, { post: false }), evidence: ev(c) });
        });
        for (const d of dates) if (d.precision === 'day') lastDate = d.value;
        hitsOf('exam').forEach(({ m, kind: k0 }) => {
          const kind = k0 as ExamFindingKind;
          const start = m.index;
          const end = start + m[0].length;
          let negated = isNegated(st, start, end) || /^non-?tender$/i.test(m[0]);
          if (kind === 'restricted_range_of_motion' && /^(?:range of motion|ROM)$/i.test(m[0])) {
            // a bare "range of motion" is a finding only with a qualifier: "full range of motion", "ROM limited"
            const local = st.slice(Math.max(0, start - 25), Math.min(st.length, end + 35));
            if (ROM_RESTRICTED.test(local) && !negated) negated = false;
            else if (ROM_NORMAL.test(local) || negated) negated = true;
            else return;
          }
          if (planOnly || guidelineText) return;
          facts.examFindings.push({ kind, negated, evidence: ev(c) });
        });
        hitsOf('home').forEach(({ m }) => {
          facts.homeExercise.push({ kind: 'home_exercise_program', negated: isNegated(st, m.index, m.index + m[0].length), evidence: ev(c) });
        });
      }
    }

    // sex from pronouns where no word says it
    if (!facts.sex && firstPronoun && pronounMale !== pronounFemale) {
      facts.sex = { value: pronounMale > pronounFemale ? 'male' : 'female', evidence: firstPronoun };
    }

    // chronicity
    facts.asOf = opts.asOf ?? latestDate;
    if (facts.injuryDate && facts.asOf) {
      const months = monthsBetween(facts.injuryDate.value, facts.asOf);
      if (months !== null && months >= 0) {
        facts.monthsSinceInjury = months;
        facts.chronicity = months < 1 ? 'acute' : months <= 3 ? 'subacute' : 'chronic';
      }
    }
    for (const m of facts.medications) {
      if (m.durationMonths === null && m.since && facts.asOf) {
        const months = monthsBetween(m.since, facts.asOf);
        if (months !== null && months >= 0) m.durationMonths = months;
      }
      if (m.firstNotedDate && facts.asOf) {
        const months = monthsBetween(m.firstNotedDate, facts.asOf);
        if (months !== null && months >= 0) m.monthsNoted = months;
      }
    }

    // GI risk from age and from NSAID + PPI together
    if (facts.age && facts.age.value > 65) facts.giRisks.push({ kind: 'age_over_65', negated: false, evidence: facts.age.evidence });
    const nsaid = facts.medications.find((m) => m.drugClass === 'nsaid' && !m.negated);
    const ppi = facts.medications.find((m) => m.drugClass === 'ppi' && !m.negated);
    if (nsaid && ppi) facts.giRisks.push({ kind: 'nsaid_with_ppi', negated: false, evidence: nsaid.evidence });
    for (const m of facts.medications) {
      if (m.drugClass === 'corticosteroid' && !m.negated) facts.giRisks.push({ kind: 'corticosteroid', negated: false, evidence: m.evidence });
      if (m.generic === 'warfarin' || m.generic === 'clopidogrel') facts.giRisks.push({ kind: 'anticoagulant', negated: m.negated, evidence: m.evidence });
    }

    // functional improvement summary and conflicts
    facts.functionalImprovement.status = improvementStatus(facts.functionalImprovement.statements);
    facts.conflicts.push(...improvementConflicts(facts.functionalImprovement.statements));
    facts.conflicts.push(...conflictsOf(facts.spasm, () => 'spasm'));
    facts.conflicts.push(...conflictsOf(facts.neuroDeficits, (k) => k));
    facts.conflicts.push(...conflictsOf(facts.flareUps, () => 'flare_up'));
    facts.conflicts.push(...conflictsOf(facts.homeExercise, () => 'home_exercise_program'));
    facts.conflicts.push(...conflictsOf(facts.examFindings, (k) => k));
    return facts;
  }
}

function imagingModality(s: string): ImagingFinding['modality'] {
  const t = s.toLowerCase();
  if (/^(?:mri|mr\b|magnetic)/.test(t)) return 'mri';
  if (/^(?:ct|computed)/.test(t)) return 'ct';
  if (/^(?:x-?ray|radiograph)/.test(t)) return 'xray';
  if (t.startsWith('bone scan')) return 'bone_scan';
  if (/^(?:ultrasound|sonogram)/.test(t)) return 'ultrasound';
  return 'emg_ncv';
}

function compatible(a: ImprovementStatement, b: ImprovementStatement): boolean {
  const sameTreatment = a.category === b.category || a.category === null || b.category === null;
  const sameAspect = a.aspect === b.aspect || a.aspect === 'unspecified' || b.aspect === 'unspecified';
  return sameTreatment && sameAspect;
}

function improvementConflicts(statements: ImprovementStatement[]): Conflict[] {
  const out: Conflict[] = [];
  const pos = statements.filter((s) => s.polarity === 'improved');
  const neg = statements.filter((s) => s.polarity === 'not_improved');
  const seen = new Set<string>();
  for (const p of pos) {
    for (const n of neg) {
      if (!compatible(p, n) || p.evidence.start === n.evidence.start) continue;
      const key = `${p.category ?? n.category ?? ''}:${p.aspect === 'unspecified' ? n.aspect : p.aspect}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ topic: 'functional_improvement', evidence: [p.evidence, n.evidence] });
    }
  }
  return out;
}

/**
 * The overall status of a set of statements: function statements count before pain-only ones;
 * both polarities about the same treatment and aspect are a conflict.
 */
export function improvementStatus(statements: ImprovementStatement[]): CaseFacts['functionalImprovement']['status'] {
  if (statements.length === 0) return 'not_stated';
  const fn = statements.filter((s) => s.aspect !== 'pain');
  const relevant = fn.length > 0 ? fn : statements;
  const pos = relevant.some((s) => s.polarity === 'improved');
  const neg = relevant.some((s) => s.polarity === 'not_improved');
  if (pos && neg) return improvementConflicts(relevant).length > 0 ? 'conflicting' : 'documented';
  return pos ? 'documented' : 'absent';
}

/**
 * The improvement status for one treatment category: statements naming that category, plus those
 * naming no treatment; 'not_stated' when none.
 */
export function improvementFor(summary: CaseFacts['functionalImprovement'], category: TreatmentCategory): CaseFacts['functionalImprovement'] {
  const named = summary.statements.filter((s) => s.category === category);
  const statements = named.length > 0 ? named : summary.statements.filter((s) => s.category === null);
  return { status: improvementStatus(statements), statements };
}

export type { DateMention };
