/**
 * The per-sentence feature patterns (improvement, findings, work status, pain scores...), matched in
 * one pass over each sentence by a shared MultiMatcher: the rules read the hits of their group.
 */
import type { ExamFindingKind, GiRiskKind, NeuroDeficitKind, RedFlagKind, WorkStatus } from './case-facts.js';
import { MultiMatcher, type MultiHit } from '../text/multi-matcher.js';
import { GAP_HINT } from './stated-gaps.js';

/**
 * Improvement and positive functional change: stated improvement, measured gains ("can now stand
 * for 30 minutes", "walks 4 blocks up from 1"), return to work or modified duty, less medication,
 * fewer work restrictions (8 CCR 9792.20(f): functional improvement is a clinically significant
 * improvement in activities of daily living or a reduction in work restrictions, and a reduction in
 * the dependency on continued medical treatment).
 */
const IMPROVE =
  /\b(?:functional (?:improvement|gains?|benefit|restoration|improvements)|objective (?:functional )?improvement|improv(?:e|ed|ement|ements|ing|es)|increased (?:function\w*|activity|activities|ADLs?|range of motion|ROM|ability|mobility|strength|tolerance|walking|sitting|standing)|able to (?:work|perform|return|walk|sit|stand|sleep|do|complete|lift)|return(?:ed)? to (?:work|full duty|modified duty|regular duty)|decreas(?:ed|e) (?:in )?(?:pain|medication use|medications|use of medications)|pain (?:relief|reduction)|reduc(?:ed|es|tion) (?:in )?(?:(?:his|her|the) )?(?:pain|medication)|help(?:ed|s|ful|ing)?|benefit(?:ed|s|ted)?|beneficial|better|relief|effective|efficacy|responded well|good response|pain (?:decreased|reduced|improved|went down))\b/gi;
/** Measured or functional gains not worded as "improvement". */
const FUNCTIONAL_GAIN =
  /\b(?:(?:can|could) now (?:\w+\s+){0,2}?(?:stand|walk|sit|lift|drive|work|sleep|perform|do|complete|carry|climb|reach|bend|use|tolerate|play|cook|clean|dress|shop)|(?:allows?|allowed|enables?|enabled|permits?|permitted) (?:him|her|them|the (?:patient|worker|injured worker)) to (?:\w+\s+){0,1}?(?:stand|walk|sit|lift|drive|work|sleep|perform|do|complete|carry|climb|reach|bend|tolerate|play|cook|clean|dress|shop|function)|(?:is|was) now able to|able to (?:drive|carry|climb|tolerate|stand|walk|sit) (?:for )?(?:up to )?\d+|return(?:ed|ing)? to (?:light duty|modified work|(?:his|her) (?:usual|regular|customary) (?:job|work|duties)|work (?:with|on) (?:modified|light) duty)|(?:increased|improved) (?:from )?\d+ (?:to \d+ )?(?:minutes|hours|blocks|feet|yards|pounds|lbs)|(?:increased|improved) (?:(?:his|her|their|the) )?(?:\w+ )?(?:tolerance|distance|time) from \d+ to \d+|(?:medications?|opioids?|narcotics?|analgesics?|Norco|pills|doses?|dosage) (?:was|were|has been|have been|had been) (?:reduced|decreased|tapered|weaned|cut)|\d+ (?:minutes|hours|blocks|feet|yards|pounds|lbs) (?:now )?(?:up from|compared with only) \d+|(?:decreas|reduc)(?:ed|e|tion|ing) (?:in )?(?:(?:his|her|the) )?(?:use of |intake of |need for |dose of )?(?:(?:pain|oral|opioid|narcotic) )?(?:medications?|opioids?|narcotics?|analgesics?|Norco|pills)|(?:less|fewer) (?:pain )?(?:medications?|pills|opioids?|narcotics?)|(?:weaned|tapered) (?:off|down)|(?:fewer|reduced|less) (?:work )?restrictions|(?:work )?restrictions (?:were |have been |had been )?(?:reduced|lifted|removed|decreased|eased))\b/gi;
const WORSE = /\b(?:worse(?:ned|ning)?|deteriorat\w+|increased pain|pain (?:increased|worsened)|no change|unchanged|not changed|plateau(?:ed)?|failed (?:to (?:improve|help|benefit)|treatment))\b/gi;
const SPASM = /\b(?:muscle\s+)?spasms?\b|\bspasticity\b|\bmyospasm\b|\bparaspinal spasm\b/gi;
const NEURO: readonly [RegExp, NeuroDeficitKind][] = [
  // "non-radicular" pain states the absence of radicular signs; it is handled as a negation below.
  [/\bradiculopathy\b|(?<!non-?)\bradicul(?:ar|itis)\b|\bsciatica\b|\bradiat(?:ing|es|ed|ion)\b(?:\s+(?:pain|numbness|symptoms))?(?:\s+(?:down|into|to))?/gi, 'radiculopathy'],
  [/\bnumbness\b|\bnumb\b/gi, 'numbness'],
  [/\bparesthesi\w*\b|\btingling\b|\bpins and needles\b/gi, 'paresthesia'],
  [/\b(?:decreased|diminished|reduced|altered|impaired|abnormal|loss of|absent)\s+(?:light\s+touch\s+|pinprick\s+)?(?:sensation|sensory|sensibility|light touch|pinprick)\b|\bhyp(?:o|er)esthesia\b|\bdysesthesia\b|\bsensory (?:deficit|loss|changes?)\b|\bsensation\b/gi, 'sensory_deficit'],
  [/\bweakness\b|\b(?:decreased|diminished|reduced)\s+(?:motor\s+)?strength\b|\bmotor (?:deficit|weakness|loss)\b|(?<![\d/])\b[0-4][+-]?(?:\/| of | out of )5\b(?!\/\d)|\bmotor strength\b|\bstrength\b(?=[^.;]{0,25}\b5(?:\/| of | out of )5\b)/gi, 'weakness'],
  [/\b(?:decreased|diminished|absent|reduced|asymmetric|hypoactive|hyperactive|abnormal)\s+(?:(?:left|right|bilateral)\s+)?(?:deep tendon\s+|patellar\s+|achilles\s+|biceps\s+|triceps\s+|brachioradialis\s+|knee\s+|ankle\s+)?(?:jerk|reflex(?:es)?)\b|\bhypo-?reflexia\b|\bhyper-?reflexia\b|\bareflexia\b|\b(?:deep tendon\s+)?reflexes\b|\b(?:patellar|achilles|biceps|triceps|brachioradialis|knee|ankle)\s+(?:jerks?|reflex(?:es)?)\b|\bDTRs?\b/gi, 'reflex_change'],
  [/\bstraight[- ]leg[- ]rais(?:es?|ing)(?:\s+tests?)?\b|\bSLRs?\b/gi, 'straight_leg_raise'],
  [/\bSpurling'?s?(?:\s+(?:test|sign|maneuver))?\b/gi, 'spurling'],
  [/\bTinel'?s?(?:\s+(?:test|sign))?\b/gi, 'tinel'],
  [/\bPhalen'?s?(?:\s+(?:test|sign|maneuver))?\b/gi, 'phalen'],
  [/\batrophy\b/gi, 'atrophy'],
];
const EXAM: readonly [RegExp, ExamFindingKind][] = [
  [/\b(?:restricted|decreased|diminished|reduced|limited|painful|loss of|limitation of|guarded)\s+(?:\w+\s+){0,2}?(?:range of motion|ROM|motion|mobility)\b|\b(?:range of motion|ROM)\b/gi, 'restricted_range_of_motion'],
  [/\bnon-?tender\b|\btender(?:ness)?\b/gi, 'tenderness'],
  [/\bswelling\b|\beffusion\b|\bedema\b/gi, 'swelling'],
  [/\binstability\b|\blaxity\b|\bapprehension\b/gi, 'instability'],
  [/\bguarding\b|\bmyoguarding\b/gi, 'guarding'],
];
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
const FLARE = /\bflare[- ]?ups?\b|\bflared\b|\bflare\b|\bexacerbations?\b|\bacute (?:worsening|exacerbation)\b|\bre-?injur(?:y|ed|ies)\b|\baggravation\b/gi;
const WORK: readonly [RegExp, WorkStatus][] = [
  [/\btemporar(?:il)?y(?: and)? total(?:ly)? disab\w+\b|\bTTD\b|\btotal temporary disability\b|\btemporarily totally disabled\b/gi, 'temporarily_totally_disabled'],
  [/\b(?:modified|light|restricted|limited) (?:duty|work|activity|activities)\b|\bwork(?:ing)? (?:with|under) restrictions\b|\bwork restrictions\b/gi, 'modified_duty'],
  [/\b(?:full|regular|usual) (?:duty|work)(?: without restrictions)?\b|\bwithout (?:work )?restrictions\b/gi, 'full_duty'],
  [/\bpermanent(?:ly)? and stationary\b|\bP&S\b|\bmaximum medical improvement\b|\bMMI\b|\bpermanent(?:ly)? disab\w+\b/gi, 'permanent_and_stationary'],
  [/\bretired\b/gi, 'retired'],
  [/\b(?:not (?:currently |yet )?working|off (?:of )?work|unemployed|unable to work|has not returned to work|not returned to work|remains off|not (?:yet )?back (?:to|at) work|(?:not|never)(?: yet| been)* able to (?:return to )?work|unable to return to work|no return to work)\b/gi, 'not_working'],
  [/\b(?:is|currently|still|continues to be|remains) (?:working|employed)\b|\bcontinues to work\b|\breturned to (?:work|his job|her job)\b|\bworking (?:full[- ]time|part[- ]time)\b/gi, 'working'],
];
const PAIN_SCORE = /(?<![\d/.])(\d{1,2}(?:\.\d)?)\s*(?:\/|out of|on a scale of (?:[01]\s*(?:-|to)\s*)?)\s*10\b(?!\s*\/|\d)|\bVAS(?: score)?(?: of)?\s*:?\s*(\d{1,2}(?:\.\d)?)\b/gi;
const UDS = /\burine (?:drug )?(?:screens?|tests?|testing|toxicology|tox(?:icology)? screens?)\b|\bUDS\b|\bUDT\b|\bdrug (?:screens?|tests?|testing)\b|\btoxicology (?:screen|report|test)s?\b/gi;
const GI: readonly [RegExp, GiRiskKind][] = [
  [/\b(?:GI|gastrointestinal|upper GI) bleed(?:s|ing)?\b|\bhematemesis\b|\bmelena\b|\bbloody stools?\b|\bblood in (?:the )?stools?\b/gi, 'gi_bleed'],
  [/\bpeptic ulcers?(?: disease)?\b|\bPUD\b|\bgastric ulcers?\b|\bduodenal ulcers?\b|\bstomach ulcers?\b|\bulcers?\b/gi, 'peptic_ulcer'],
  [/\bdyspepsia\b|\bGERD\b|\bgastro-?esophageal reflux\b|\bheartburn\b|\bacid reflux\b|\breflux\b|\bgastritis\b|\bstomach (?:upset|pain|irritation|discomfort|issues|problems)\b|\bupset stomach\b|\b(?:GI|gastrointestinal) (?:upset|symptoms|complaints|distress|irritation|issues|side effects|discomfort|problems|events|complications)\b|\bepigastric\b|\bindigestion\b|\bnausea\b/gi, 'gi_symptoms'],
  [/\banticoagula\w+\b|\bwarfarin\b|\bcoumadin\b|\bEliquis\b|\bXarelto\b|\bapixaban\b|\brivaroxaban\b|\bheparin\b|\bPlavix\b|\bclopidogrel\b|\bblood thinners?\b/gi, 'anticoagulant'],
];
const FAILED_CONSERVATIVE =
  /\bfail(?:ed|ure of|s)?\s+(?:to respond to\s+)?(?:all\s+)?(?:conservative|non-?operative|non-?surgical|non-?invasive)(?:\s+(?:care|treatments?|management|measures|therapy|therapies|modalities))?\b|\b(?:conservative|non-?operative)\s+(?:care|treatments?|management|measures|therapy|therapies)\s+(?:has|have|had)?\s*(?:failed|been unsuccessful|not helped|been exhausted)\b|\bdespite\s+(?:conservative|physical therapy|medications|treatment|therapy|injections|chiropractic|acupuncture)\b|\brefractory to\b|\b(?:exhausted|failed)\s+(?:physical therapy|PT|medications?|injections?|chiropractic|acupuncture|NSAIDs|first[- ]line)\b/gi;
const HOME_EXERCISE = /\bhome exercise(?:s| program(?:me)?| regimen| plan)?\b|\bHEP\b|\bhome (?:stretching|strengthening)(?: program)?\b|\bself[- ]directed (?:exercise|home)\b|\bindependent (?:home )?exercise\b/gi;
/** A prior authorization: "previously certified", "already authorized", "duplicate request", "prior authorization". */
const PRIOR_AUTH =
  /\b(?:(?:previously|already|formerly|recently) (?:been )?(?:approved|certified|authori[sz]ed|granted)|(?:approved|certified|authori[sz]ed) (?:previously|already|earlier|before|in the past)|duplicat(?:e|ive) (?:request|RFA|submission|authori[sz]ation)s?|prior (?:authori[sz]ation|certification|approval)s?|(?:was|were|had been) (?:approved|certified|authori[sz]ed) (?:on|in) (?=\d|[A-Z][a-z]+ \d))/gi;

/** Symptoms persist or did not improve (read by the failed-conservative-care rule). */
export const PERSISTS =
  /\bwithout (?:any |significant |lasting |sustained |much )?(?:improvement|relief|benefit|resolution|change)\b|\bno (?:significant |lasting |sustained |meaningful )?(?:improvement|relief|benefit)\b|\b(?:did|has|have|had) not (?:helped|help|improved?|provided (?:any )?(?:relief|benefit|improvement)|resolved?)\b|\bfailed to (?:improve|help|relieve|provide)\b|\b(?:pain|symptoms|complaints) (?:persists?|persisted|continues?|continued|remains?|remained|(?:is|are) unchanged)\b|\bpersist(?:ent|ing) (?:pain|symptoms|complaints)\b|\bcontinues? to (?:have|experience|complain|report)\b/i;
/** A statement about the neurological examination as a whole (read by the neuro-exam-overall rule). */
export const NEURO_OVERALL =
  /\bneurologic(?:al)?ly (?:intact|normal|unremarkable)\b|\bneuro(?:logic(?:al)?)? (?:exam(?:ination)?|findings) (?:(?:was|were|is|are) )?(?:(?:grossly|entirely|completely) )?(?:intact|normal|unremarkable|within normal limits|non-?focal|abnormal)\b|\b(?:focal )?neurologic(?:al)? (?:deficits?|findings|abnormalit(?:y|ies))\b/gi;
/** A cue that diagnoses follow ("Diagnoses include", "Assessment:"; read by the diagnoses rule). */
export const DIAGNOSIS_CUE =
  /\b(?:diagnos(?:ed|is|es)\s*(?:(?:have|has)\s+)?(?:been\s+)?(?:with|of|include[sd]?|are|were|is|was|as)?\s*:?|(?:working |final |current |discharge )?diagnos(?:is|es)\s*(?:(?:have|has) )?(?:include[sd]?|are|were|is|was)?\s*:?|assessment\s*:|impression\s*:|dx\s*:|treated for|suffer(?:s|ing)? from)\s*/gi;

export type FeatureGroup = 'improve' | 'gain' | 'priorAuth' | 'worse' | 'spasm' | 'neuro' | 'red' | 'flare' | 'imaging' | 'work' | 'pain' | 'uds' | 'gi' | 'failed' | 'home' | 'exam' | 'neuroOverall' | 'diagnosisCue' | 'persists' | 'gapHint';
export interface FeatureData {
  id: number;
  group: FeatureGroup;
  kind: string;
}
const FEATURE_LIST: [RegExp, FeatureGroup, string][] = [
  [IMPROVE, 'improve', 'improve'],
  [FUNCTIONAL_GAIN, 'gain', 'gain'],
  [PRIOR_AUTH, 'priorAuth', 'prior_authorization'],
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
  // these are matched only to tell which sentences their rules can use (see FactRule.needs)
  [NEURO_OVERALL, 'neuroOverall', 'neurological_deficit'],
  [DIAGNOSIS_CUE, 'diagnosisCue', 'diagnosis'],
  [PERSISTS, 'persists', 'persists'],
  [GAP_HINT, 'gapHint', 'stated_gap'],
];
/** The feature patterns as matcher entries (not wrapped: each has its own boundaries, and starts at a word). */
export const FEATURE_PATTERNS: readonly { source: string; data: FeatureData; wholeWords: false }[] = FEATURE_LIST.map(([re, group, kind], id) => ({ source: re.source, data: { id, group, kind }, wholeWords: false }));
/** All the per-sentence feature patterns, matched in one pass (see MultiMatcher). */
const FEATURES = new MultiMatcher<FeatureData>(
  FEATURE_PATTERNS,
  false,
  true, // every feature pattern starts at a word boundary
);

export type FeatureHit = { m: RegExpExecArray; kind: string };
const GROUPS: readonly FeatureGroup[] = ['improve', 'gain', 'priorAuth', 'worse', 'spasm', 'neuro', 'red', 'flare', 'imaging', 'work', 'pain', 'uds', 'gi', 'failed', 'home', 'exam', 'neuroOverall', 'diagnosisCue', 'persists', 'gapHint'];
export const GROUP_INDEX = new Map<FeatureGroup, number>(GROUPS.map((g, i) => [g, i]));
const FEATURE_GROUP_INDEX = FEATURE_LIST.map(([, group]) => GROUP_INDEX.get(group)!);
/** The hits of a group that has none (shared, never added to). */
export const NO_HITS: FeatureHit[] = [];
/** Scratch for featureHits: the end of each pattern's last hit (reset on every call). */
const lastEnd = new Int32Array(FEATURE_LIST.length);

/** The feature hits of a sentence by group (indexed as GROUPS), each pattern's hits non-overlapping (as a global scan gives). */
export function featureHits(text: string): FeatureHit[][] {
  return featureHitsFrom(FEATURES.all(text));
}

/** Bit g set where group g (indexed as GROUPS) has a hit: the first hit of each pattern is always kept by featureHitsFrom. */
export function featureGroupMask(hits: readonly MultiHit<FeatureData>[]): number {
  let mask = 0;
  for (let i = 0; i < hits.length; i++) mask |= 1 << FEATURE_GROUP_INDEX[hits[i].data.id];
  return mask;
}

/** featureHits from the patterns' hits in the text (FEATURE_PATTERNS, matched with other patterns in one pass). */
export function featureHitsFrom(hits: readonly MultiHit<FeatureData>[]): FeatureHit[][] {
  const out: FeatureHit[][] = new Array<FeatureHit[]>(GROUPS.length).fill(NO_HITS);
  lastEnd.fill(-1);
  for (const h of hits) {
    const id = h.data.id;
    if (lastEnd[id] > h.start) continue;
    lastEnd[id] = h.end;
    const g = FEATURE_GROUP_INDEX[id];
    if (out[g] === NO_HITS) out[g] = [];
    out[g].push({ m: h.match, kind: h.data.kind });
  }
  return out;
}
