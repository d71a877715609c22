import type {
  DrugForm,
  DrugInfo,
  DrugIngredient,
  DrugRoute,
  ElectrodiagnosticTest,
  Frequency,
  NormalisedRequest,
  RequestContext,
  TreatmentCategory,
  UnknownField,
} from './normalised-request.js';
import { MEDICATION_CATEGORY_LIST, SESSION_THERAPY_CATEGORIES } from './normalised-request.js';
import { DRUG_PRIORITY, findDrugs, findRegions, findSubcategory, findTerms, uniqueRegions, wordRegex, type DrugMatch, type TermMatch } from './matchers.js';
import { NUM, parseNumber } from './numbers.js';
import { isoDateFromParts } from '../../shared/iso-date.js';
import { DRUGS } from './vocabulary/drugs.js';
import { deviceSubcategory, reclassify } from './reclassify.js';

// ---------------------------------------------------------------------------------------------
// patterns, compiled once

const FRAMING_PREFIX = /^.*\boriginal request,\s*/is;
const FRAMING_SUFFIX = /(?:\s+is)?\s*:?\s*(?:(?:Upheld|Overturned)\s*)?$/i;
const TRAILING_IS = /\s+is\s*$/i;

const WEEK = '(?:weeks?|wks?|weekly)';
const PER_WEEK = `(?:\\s*(?:x|times?|visits?|sessions?|treatments?|×)?\\s*(?:a|per|\\/|each|every|in\\s+a)?\\s*(?:week|wk)\\b|\\s*(?:x|times?|visits?|sessions?)?\\s*weekly\\b)`;
/** "2 x week x 4 weeks", "3 times a week for 4 weeks", "2-3 times a week for 6 weeks", "twice weekly for 6 weeks". */
const FREQUENCY = new RegExp(
  `(?<![\\w.])(${NUM})(?:\\s*(?:-|to|or)\\s*(${NUM}))?${PER_WEEK}(?:\\s*(?:x|×|for|over|times|,)?\\s*(?:a\\s+(?:total\\s+of\\s+)?|the\\s+next\\s+)?(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*${WEEK})?`,
  'i',
);
/** "2x4", "2 x 4", "3x4 weeks" shorthand for times per week × weeks. */
const FREQ_SHORTHAND = new RegExp(`(?<![\\w.#/-])(\\d)\\s*[x×]\\s*(\\d{1,2})(?:\\s*${WEEK})?(?![\\w.%/])`, 'i');
/** "for 6 weeks" with a separate frequency ("once weekly" handled above). */
const SESSIONS_EXPLICIT = new RegExp(
  `(?<![\\w.#/])(${NUM})(?:\\s*\\((\\d+)\\))?\\s+(?:(?:additional|more|further|outpatient|[a-z][a-z/-]*)\\s+){0,4}?(?:sessions?|visits?|treatments?|appointments?)\\b`,
  'i',
);
/** "6-8 sessions", "6 to 8 visits": the lower bound of an explicit range (the upper one is read by SESSIONS_EXPLICIT). */
const SESSIONS_RANGE = new RegExp(
  `(?<![\\w.#/])(${NUM})\\s*(?:-|to)\\s*(${NUM})\\s+(?:(?:additional|more|further|outpatient|[a-z][a-z/-]*)\\s+){0,4}?(?:sessions?|visits?|treatments?|appointments?)\\b`,
  'i',
);
const SESSIONS_OF = new RegExp(`(?:sessions?|visits?|treatments?)\\s+of\\s+(${NUM})(?:\\s*\\((\\d+)\\))?`, 'i');
const SESSIONS_PAREN = /\((\d+)(?:\s*(?:sessions?|visits?|treatments?))?\)/i;
const TIMES_N = new RegExp(`(?:\\btimes|\\bx|×)\\s*(${NUM})\\b(?!\\s*(?:a|per)\\s+week)(?!\\s*${WEEK})`, 'i');
const HASH_N = /(?<![\w])#\s*(\d+(?:\.\d+)?)/g;
const QTY_WORD = /\b(?:qty|quantity|no\.)\s*:?\s*(\d+)|(?<![-\d./])(\d{2,4})\s*(?:count|ct|tablets|tabs|capsules|caps|pills|patches)\b/i;
const MONTHS_SUPPLY = new RegExp(`(${NUM})[\\s-]*months?'?\\s*(?:supply|coverage)`, 'i');
const AMOUNT = /(?<![\d./])(\d+(?:\.\d+)?)\s*(gm|grams?|g|ml|mls|milliliters?)\b(?!\s*\/)/gi;
const STRENGTH = /(?<![\w.])(\d+(?:\.\d+)?(?:\s*%?\s*[/-]\s*\d+(?:\.\d+)?)*)\s*(mg\/ml|mg\/g|mg|mcg|%|percent|units?)(?:\s*\/\s*(\d+(?:\.\d+)?)?\s*(ml|g|hr|h))?/gi;
const REFILLS = new RegExp(`(?:(${NUM}|a)\\s+refills?|refills?\\s*:?\\s*(${NUM}))`, 'i');
const DAYS_SUPPLY = /days?\s*supply\s*:?\s*(\d+)|(?<!#\s*)(?<![\d.])(\d+)[\s-]*days?'?\s*supply/i;
const DURATION_DAYS = new RegExp(`(?<![\\w.])(${NUM})(?:\\s*-\\s*(${NUM}))?[\\s-]*(days?|weeks?|months?)\\b(?!'?\\s*supply)`, 'i');
const DOS = /\bDOS\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})|\bdate of service\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{2,4})/i;
const ADDITIONAL = /\b(additional|continued|continue|continuing|continuation|further|extra|ongoing|repeat|another|extension|more)\b/i;
const RETRO = /\bretro(?:spective|active)?\b|\bDOS\b|\bdate of service\b/i;
const PREOP = /\bpre-?op(?:erative)?\b|\bprior to surgery\b|\bclearance\b/i;
const POSTOP = /\bpost-?op(?:erative)?\b|\bpost-?surg(?:ery|ical)\b|\bafter surgery\b/i;
const ASSOC_SURG = /\bassociated surgical service\b/i;
const STATED_UNKNOWN = /\b(?:unknown|unspecified|not specified|not provided|not stated|not indicated|unk)\b/i;
const UNKNOWN_FIELDS: [RegExp, UnknownField][] = [
  [/\bdos(?:e|age|ing)\b/i, 'dosage'],
  [/\bstrength\b/i, 'strength'],
  [/\bfrequency\b/i, 'frequency'],
  [/\bquan\w*ty\b|\bqty\b|\bamount\b/i, 'quantity'],
  [/\bduration\b/i, 'duration'],
  [/\bsessions?\b|\bvisits?\b|\bnumber\b/i, 'sessions'],
];
const CONTRAST_WITH_WITHOUT = /\bwith\s*(?:and|\/|&)\s*without\b|\bw\/\s*(?:and\s*)?w\/o\b|\bw\/wo\b/i;
const CONTRAST_WITHOUT = /\bwithout\s+(?:intravenous\s+|IV\s+|gadolinium\s+)?contrast\b|\bw\/o\s+contrast\b|\bnon-?contrast\b|\bno contrast\b/i;
const CONTRAST_WITH = /\bwith\s+(?:intravenous\s+|IV\s+|gadolinium\s+)?contrast\b|\bw\/\s*contrast\b|\barthrogra\w*|\bgadolinium\b/i;
const OPEN_MRI = /\b(open|upright|stand-?up|positional|weight-?bearing)\b/i;
const EMG = /\bEMGs?\b|electromyogra/i;
const NCV = /\bNC[VS]s?\b|nerve conduction/i;
const SSEP = /\bSSEPs?\b|somatosensory/i;
const COMPOUND_WORD = /\bcompound(?:ed)?\b|\bcream base\b|\bin (?:a )?(?:cream|gel|lipoderm|versapro|pluronic)\s*base\b|\btransdermal base\b/i;
const FORMS: [RegExp, DrugForm][] = [
  [wordRegex('patch(es)?', 'i'), 'patch'],
  [wordRegex('creams?|lotion base', 'i'), 'cream'],
  [wordRegex('gels?', 'i'), 'gel'],
  [wordRegex('ointments?', 'i'), 'ointment'],
  [wordRegex('lotions?', 'i'), 'lotion'],
  [wordRegex('sprays?|mist', 'i'), 'spray'],
  [wordRegex('pads?|plasters?', 'i'), 'pad'],
  [wordRegex('powder', 'i'), 'powder'],
  [wordRegex('suspension|oral liquid|liquid|elixir|syrup', 'i'), 'suspension'],
  [wordRegex('solution', 'i'), 'solution'],
  [wordRegex('injections?|injectable|inj|IM|intramuscular|IV', 'i'), 'injection'],
  [wordRegex('ER|XR|CR|SR|XL|ER tabs?|extended[- ]release|sustained[- ]release|controlled[- ]release|long[- ]acting', 'i'), 'extended_release'],
  [wordRegex('capsules?|caps?', 'i'), 'capsule'],
  [wordRegex('tablets?|tabs?', 'i'), 'tablet'],
];
const TOPICAL_FORMS = new Set<DrugForm>(['patch', 'cream', 'gel', 'ointment', 'lotion', 'spray', 'pad', 'powder']);
const ROUTE_ORAL = /\b(?:oral(?:ly)?|by mouth|PO|p\.o\.)\b/i;
const ROUTE_TOPICAL = /\btopical(?:ly)?\b|\bapply\b|\bto (?:the )?(?:affected|skin)\b/i;
const ROUTE_TRANSDERMAL = /\btransdermal\b/i;
const ROUTE_NASAL = /\b(?:intranasal|nasal)\b/i;
const PERCENT = /\d\s*(?:%|percent)/i;
const SIG_PARTS = [
  new RegExp(`(?<![\\w#])(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*(?:tab(?:let)?s?|cap(?:sule)?s?|patch(?:es)?|pills?|puffs?)\\b`, 'i'),
  /\b(?:take|apply)\b/i,
  /\b(?:orally|by mouth|PO)\b/i,
  new RegExp(`\\bevery\\s+(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*(?:hours?|hrs?|h)\\b|\\bq\\.?\\s*(\\d+)(?:\\s*(?:-|to)\\s*(\\d+))?\\s*h(?:rs?|ours?)?\\b\\.?`, 'i'),
  /\b(?:once|one time)\s+(?:a\s+|per\s+)?day\b|\bonce daily\b|\bdaily\b|\bq\.?d\.?\b|\bqhs\b|\bat bedtime\b|\bnightly\b|\bevery (?:day|night)\b/i,
  /\btwice (?:a |per )?day\b|\btwice daily\b|\b(?:two|2) times (?:a |per )?day\b|\bb\.?i\.?d\.?\b/i,
  /\b(?:three|3) times (?:a |per )?day\b|\bt\.?i\.?d\.?\b/i,
  /\b(?:four|4) times (?:a |per )?day\b|\bq\.?i\.?d\.?\b/i,
  /\bas needed\b|\bp\.?r\.?n\.?\b/i,
  // "2-3 times a day", "3x daily", "1 to 2 times per day"
  new RegExp(`(?<![\\w.])(${NUM})(?:\\s*(?:-|to|or)\\s*(${NUM}))?\\s*(?:x|times)\\s*(?:a\\s+|per\\s+|\\/\\s*|each\\s+)?(?:day|daily)\\b`, 'i'),
];

const MEDICATION_CATEGORIES = new Set<TreatmentCategory>(MEDICATION_CATEGORY_LIST);
/** Categories whose amount is a number of sessions/visits. */
const SESSION_CATEGORIES = new Set<TreatmentCategory>([
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
const REGIONAL_CATEGORIES = new Set<TreatmentCategory>([
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
const JOINT_REGIONS = new Set(['shoulder', 'elbow', 'wrist', 'hand', 'hip', 'knee', 'ankle', 'foot', 'sacroiliac', 'jaw']);

export function isMedicationCategory(c: TreatmentCategory): boolean {
  return MEDICATION_CATEGORIES.has(c);
}

// ---------------------------------------------------------------------------------------------

/** Strips the letters' framing around a request ("The remaining IMR eligible portion of the original request, X is:"). */
export function cleanRequestText(text: string): string {
  let s = text.replace(/\s+/g, ' ').trim();
  s = s.replace(FRAMING_PREFIX, '');
  s = s.replace(FRAMING_SUFFIX, '').replace(TRAILING_IS, '');
  return s.trim();
}

function frequencyOf(s: string): { freq: Frequency; start: number; end: number } | null {
  const m = FREQUENCY.exec(s);
  if (m) {
    const lo = parseNumber(m[1]);
    const hi = parseNumber(m[2]);
    const weeksLo = parseNumber(m[3]);
    const weeksHi = parseNumber(m[4]);
    if (lo !== null && lo > 0 && lo <= 14) {
      const weeks = weeksHi !== null && weeksLo !== null ? Math.max(weeksHi, weeksLo) : weeksLo;
      const weeksMin = weeksHi !== null && weeksLo !== null ? Math.min(weeksHi, weeksLo) : weeksLo;
      return { freq: { timesPerWeek: lo, timesPerWeekMax: hi !== null && hi > lo ? hi : null, weeks, weeksMin }, start: m.index, end: m.index + m[0].length };
    }
  }
  const sh = FREQ_SHORTHAND.exec(s);
  if (sh) {
    const per = Number(sh[1]);
    const weeks = Number(sh[2]);
    if (per >= 1 && per <= 7 && weeks >= 1 && weeks <= 26) return { freq: { timesPerWeek: per, timesPerWeekMax: null, weeks, weeksMin: weeks }, start: sh.index, end: sh.index + sh[0].length };
  }
  return null;
}

function strengthOf(s: string, from: number, to: number): { text: string; mg: number | null } | null {
  STRENGTH.lastIndex = from;
  const m = STRENGTH.exec(s);
  if (!m || m.index >= to) return null;
  const nums = m[1].replace(/\s*%\s*/g, '%').replace(/\s*[/-]\s*/g, '/');
  let unit = m[2].toLowerCase() === 'percent' ? '%' : m[2].toLowerCase();
  if (m[4]) unit = `${unit}/${m[3] ? `${m[3]} ` : ''}${m[4].toLowerCase()}`;
  const text = unit === '%' ? `${nums.replace(/%$/, '')}%` : `${nums} ${unit}`;
  const first = Number(/^\d+(?:\.\d+)?/.exec(nums)?.[0]);
  return { text, mg: m[2].toLowerCase() === 'mg' && Number.isFinite(first) ? first : null };
}

function formOf(s: string): DrugForm | null {
  for (const [re, form] of FORMS) {
    re.lastIndex = 0;
    if (re.test(s)) return form;
  }
  return null;
}

function sigOf(s: string): { sig: string | null; dosesPerDayMax: number | null; dosesPerDayMin: number | null; unitsPerDoseMax: number | null } {
  let start = Infinity;
  let end = -1;
  // the frequency that allows the most doses decides; its own lower bound is the minimum ("every 4-6 hours" = 4 to 6)
  let doses: { min: number; max: number } | null = null;
  const offer = (min: number, max: number) => {
    if (max > 0 && (!doses || max > doses.max || (max === doses.max && min < doses.min))) doses = { min: Math.min(min, max), max };
  };
  let units: number | null = null;
  SIG_PARTS.forEach((re, i) => {
    const m = re.exec(s);
    if (!m) return;
    start = Math.min(start, m.index);
    end = Math.max(end, m.index + m[0].length);
    if (i === 0) units = parseNumber(m[2]) ?? parseNumber(m[1]);
    if (i === 3) {
      const h = parseNumber(m[1] ?? m[3]);
      const hHi = parseNumber(m[2] ?? m[4]) ?? h;
      if (h !== null && h > 0 && hHi !== null && hHi > 0) offer(Math.floor(24 / Math.max(h, hHi)), Math.floor(24 / Math.min(h, hHi)));
    }
    if (i === 4) offer(1, 1);
    if (i === 5) offer(2, 2);
    if (i === 6) offer(3, 3);
    if (i === 7) offer(4, 4);
    if (i === 9) {
      const lo = parseNumber(m[1]);
      const hi = parseNumber(m[2]) ?? lo;
      if (lo !== null && hi !== null && hi <= 12) offer(Math.min(lo, hi), Math.max(lo, hi));
    }
  });
  if (end < 0) return { sig: null, dosesPerDayMax: null, dosesPerDayMin: null, unitsPerDoseMax: null };
  const sig = s.slice(start, end).replace(/^[\s,]+|[\s,]+$/g, '');
  const d = doses as { min: number; max: number } | null;
  return { sig: sig || null, dosesPerDayMax: d?.max ?? null, dosesPerDayMin: d?.min ?? null, unitsPerDoseMax: units };
}

function drugInfo(s: string, drugs: DrugMatch[], hashSpans: { start: number; end: number }[]): { info: DrugInfo; category: TreatmentCategory } {
  const primary = drugs[0];
  const e = primary.entry;
  const ingredients: DrugIngredient[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < drugs.length; i++) {
    const d = drugs[i];
    const next = i + 1 < drugs.length ? drugs[i + 1].start : s.length;
    const st = strengthOf(s, d.end, Math.min(next, d.end + 24));
    const names = d.entry.ingredients ?? [d.entry.generic];
    for (const g of names) {
      if (seen.has(g)) continue;
      seen.add(g);
      const cls = DRUG_CLASS_OF.get(g) ?? d.entry.cls;
      ingredients.push({ generic: g, drugClass: cls, strength: names.length === 1 ? (st?.text ?? null) : null });
    }
  }
  const strength = strengthOf(s, primary.end, drugs.length > 1 ? drugs[1].start : s.length) ?? strengthOf(s, 0, s.length);
  const writtenForm = formOf(s);
  const form: DrugForm | null = writtenForm ?? (e.form ? (e.form as DrugForm) : null);
  let route: DrugRoute;
  if (ROUTE_TRANSDERMAL.test(s)) route = 'transdermal';
  else if (ROUTE_NASAL.test(s)) route = 'intranasal';
  else if (form === 'injection') route = 'injection';
  else if (ROUTE_ORAL.test(s) || form === 'tablet' || form === 'capsule' || ((form === 'suspension' || form === 'solution') && !e.topicalOnly && !PERCENT.test(s))) route = 'oral';
  else if ((form && TOPICAL_FORMS.has(form)) || e.topicalOnly || ROUTE_TOPICAL.test(s) || PERCENT.test(s)) route = 'topical';
  else route = 'oral';
  if (route === 'topical' && e.cls === 'opioid' && form === 'patch') route = 'transdermal';
  const activeCount = ingredients.filter((g) => g.generic !== 'menthol' && g.generic !== 'camphor').length;
  const compounded =
    !!e.compounded || COMPOUND_WORD.test(s) || ((route === 'topical' || route === 'transdermal') && drugs.filter((d, i) => drugs.findIndex((x) => x.entry.generic === d.entry.generic) === i).length > 1 && activeCount > 1);
  let category: TreatmentCategory;
  if (e.cls === 'viscosupplementation' || e.cls === 'botulinum_toxin') category = e.cls;
  else if (compounded && (route === 'topical' || route === 'transdermal')) category = 'compound';
  else if ((route === 'topical' || route === 'transdermal') && e.cls !== 'opioid') category = 'topical';
  else category = e.cls;
  const { sig, dosesPerDayMax, dosesPerDayMin, unitsPerDoseMax } = sigOf(s);
  const refillsM = REFILLS.exec(s);
  const refills = refillsM ? (refillsM[1]?.toLowerCase() === 'a' ? 1 : (parseNumber(refillsM[1]) ?? parseNumber(refillsM[2]))) : null;
  const supplyM = DAYS_SUPPLY.exec(s);
  const monthsM = supplyM ? null : MONTHS_SUPPLY.exec(s);
  const daysSupply = supplyM ? Number(supplyM[1] ?? supplyM[2]) : monthsM ? (parseNumber(monthsM[1]) ?? 0) * 30 || null : null;
  void hashSpans;
  const generic = e.generic;
  return {
    category,
    info: {
      generic,
      brand: brandOf(drugs, e.generic),
      drugClass: e.cls,
      strength: strength?.text ?? null,
      strengthMg: strength?.mg ?? null,
      form,
      route,
      ingredients,
      compounded,
      sig,
      dosesPerDayMax,
      dosesPerDayMin,
      unitsPerDoseMax,
      refills,
      daysSupply,
    },
  };
}

const DRUG_CLASS_OF = new Map<string, TreatmentCategory>();
for (const d of DRUGS) if (!d.ingredients && !DRUG_CLASS_OF.has(d.generic)) DRUG_CLASS_OF.set(d.generic, d.cls);

function brandOf(drugs: DrugMatch[], generic: string): string | null {
  const b = drugs.find((d) => d.isBrand && d.entry.generic === generic);
  return b ? canonicalBrand(b) : null;
}

function canonicalBrand(d: DrugMatch): string {
  const names = d.entry.names ?? [];
  const key = d.text.toLowerCase().replace(/[\s/-]+/g, '');
  return names.find((n) => n.toLowerCase().replace(/[\s/-]+/g, '') === key) ?? d.text;
}

function chooseCategory(terms: TermMatch[], drugs: DrugMatch[], regionsHaveJoint: boolean): { category: TreatmentCategory; matched: TermMatch[] } {
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

/**
 * Normalises one free-text request. Pure; vocabularies are compiled once at module load.
 */
export function normaliseRequest(text: string): NormalisedRequest {
  const cleaned = cleanRequestText(text);
  const s = cleaned;
  const drugs = findDrugs(s);
  const terms = findTerms(s);
  const regionMatches = findRegions(s);
  const bodyRegions = uniqueRegions(regionMatches);
  const regionsHaveJoint = bodyRegions.some((r) => JOINT_REGIONS.has(r.region));

  let { category, matched } = chooseCategory(terms, drugs, regionsHaveJoint);
  let drug: DrugInfo | null = null;
  const matchedTerms: string[] = matched.map((t) => t.text);
  let subcategory: string | null = matched.find((t) => t.subcategory)?.subcategory ?? null;

  const context: RequestContext = ASSOC_SURG.test(s) ? 'associated_surgical' : POSTOP.test(s) ? 'postoperative' : PREOP.test(s) ? 'preoperative' : null;

  // a surgical word governed by another: a consultation about a surgery, a device repair
  const re = reclassify(s, terms, category, context);
  if (re) {
    category = re.category;
    matched = re.matched;
    subcategory = re.subcategory;
    matchedTerms.splice(0, matchedTerms.length, ...re.matched.map((t) => t.text));
  }

  if (matched.length === 0 && drugs.length > 0) {
    const hashSpans: { start: number; end: number }[] = [];
    const r = drugInfo(s, drugs, hashSpans);
    drug = r.info;
    category = r.category;
    for (const d of drugs) if (!matchedTerms.includes(d.text)) matchedTerms.push(d.text);
    if (category === 'compound' || category === 'topical') {
      const f = drug.form;
      if (f && TOPICAL_FORMS.has(f)) {
        const fm = FORMS.find(([, form]) => form === f);
        if (fm) {
          fm[0].lastIndex = 0;
          const m = fm[0].exec(s);
          if (m) matchedTerms.push(m[0]);
        }
      }
      const cw = COMPOUND_WORD.exec(s);
      if (category === 'compound' && cw) matchedTerms.push(cw[0]);
    }
  } else if (drugs.length > 0 && (category === 'joint_injection' || category === 'epidural_injection' || category === 'trigger_point_injection' || category === 'facet_injection' || category === 'nerve_block')) {
    // the injectate is worth knowing
    drug = drugInfo(s, drugs, []).info;
    drug.route = 'injection';
    drug.form = 'injection';
  }

  // after surgery, physical/occupational therapy is postsurgical therapy
  if (category === 'physical_therapy' && (context === 'postoperative' || context === 'associated_surgical')) {
    category = 'postsurgical_therapy';
  }
  if (!subcategory) subcategory = findSubcategory(s, category);
  if (!subcategory) subcategory = deviceSubcategory(s, category);

  // imaging and electrodiagnostics
  let imaging: NormalisedRequest['imaging'] = null;
  if (category === 'imaging') {
    const modality = matched.find((t) => t.modality)?.modality ?? 'unknown';
    const contrast = CONTRAST_WITH_WITHOUT.test(s) ? 'with_and_without' : CONTRAST_WITHOUT.test(s) ? 'without' : CONTRAST_WITH.test(s) ? 'with' : null;
    const openM = modality === 'mri' ? OPEN_MRI.exec(s) : null;
    imaging = { modality, contrast, open: !!openM };
    if (openM && !subcategory) subcategory = `${openM[1].toLowerCase().replace(/[^a-z]/g, '')}_mri`;
  }
  let electrodiagnostic: NormalisedRequest['electrodiagnostic'] = null;
  if (category === 'electrodiagnostic') {
    const tests: ElectrodiagnosticTest[] = [];
    if (EMG.test(s)) tests.push('emg');
    if (NCV.test(s)) tests.push('ncv');
    if (SSEP.test(s)) tests.push('ssep');
    electrodiagnostic = { tests };
  }

  // quantities
  const isMed = MEDICATION_CATEGORIES.has(category) || (drug !== null && category === drug.drugClass);
  const drugNameSpans = drugs.map((d) => ({ start: d.start, end: d.end }));
  let hashQty: number | null = null;
  HASH_N.lastIndex = 0;
  let hm: RegExpExecArray | null;
  while ((hm = HASH_N.exec(s)) !== null) {
    const at = hm.index;
    if (drugNameSpans.some((d) => at >= d.start && at < d.end)) continue;
    hashQty = Number(hm[1]);
    break;
  }
  if (hashQty === null) {
    const q = QTY_WORD.exec(s);
    if (q) hashQty = Number(q[1] ?? q[2]);
  }
  let amount: NormalisedRequest['amount'] = null;
  AMOUNT.lastIndex = 0;
  const am = AMOUNT.exec(s);
  if (am) amount = { value: Number(am[1]), unit: am[2].toLowerCase().startsWith('m') ? 'ml' : 'g' };

  let quantity: number | null = null;
  let quantityUnit: NormalisedRequest['quantityUnit'] = null;
  let sessions: number | null = null;
  let sessionsMin: number | null = null;
  let sessionsBasis: NormalisedRequest['sessionsBasis'] = null;

  const fr = frequencyOf(s);
  const frequency = fr?.freq ?? null;
  const outsideFreq = fr ? s.slice(0, fr.start) + ' '.repeat(fr.end - fr.start) + s.slice(fr.end) : s;

  if (isMed) {
    if (hashQty !== null) {
      quantity = hashQty;
      quantityUnit = 'unit';
    } else if (amount) {
      quantity = amount.value;
      quantityUnit = amount.unit;
    }
  } else {
    const ex = SESSIONS_EXPLICIT.exec(outsideFreq);
    const exOf = SESSIONS_OF.exec(outsideFreq);
    const paren = SESSIONS_PAREN.exec(outsideFreq);
    const times = TIMES_N.exec(outsideFreq);
    const explicit =
      (ex ? (parseNumber(ex[2]) ?? parseNumber(ex[1])) : null) ??
      (exOf ? (parseNumber(exOf[2]) ?? parseNumber(exOf[1])) : null) ??
      (hashQty !== null ? hashQty : null) ??
      (paren ? Number(paren[1]) : null) ??
      (times ? parseNumber(times[1]) : null);
    if (explicit !== null && explicit > 0) {
      sessions = explicit;
      sessionsMin = explicit;
      sessionsBasis = 'explicit';
      const range = SESSIONS_RANGE.exec(outsideFreq);
      const lo = range ? parseNumber(range[1]) : null;
      if (range && lo !== null && lo > 0 && lo < explicit && parseNumber(range[2]) === explicit) sessionsMin = lo;
    } else if (frequency && frequency.weeks !== null) {
      sessions = (frequency.timesPerWeekMax ?? frequency.timesPerWeek) * frequency.weeks;
      sessionsMin = frequency.timesPerWeek * (frequency.weeksMin ?? frequency.weeks);
      sessionsBasis = 'frequency_x_duration';
    }
    if (!SESSION_CATEGORIES.has(category) && sessions !== null) {
      quantity = sessions;
      quantityUnit = 'unit';
    }
    if (hashQty !== null && quantity === null && !SESSION_CATEGORIES.has(category)) {
      quantity = hashQty;
      quantityUnit = 'unit';
    }
  }

  // durations
  let durationDays: number | null = null;
  if (frequency?.weeks) durationDays = frequency.weeks * 7;
  else {
    const dm = DURATION_DAYS.exec(outsideFreq);
    if (dm) {
      const n = parseNumber(dm[2]) ?? parseNumber(dm[1]);
      const unit = dm[3].toLowerCase();
      if (n !== null) durationDays = unit.startsWith('day') ? n : unit.startsWith('week') ? n * 7 : n * 30;
    }
  }
  if (drug && drug.daysSupply === null && durationDays !== null && isMed) drug.daysSupply = durationDays;

  // additional, retrospective, date of service
  const additional = ADDITIONAL.test(s) || (subcategory === 're_examination' && category === 'office_visit');
  const dos = DOS.exec(s);
  let serviceDate: string | null = null;
  if (dos) {
    const mo = Number(dos[1] ?? dos[4]);
    const d = Number(dos[2] ?? dos[5]);
    let y = Number(dos[3] ?? dos[6]);
    if (y < 100) y += 2000;
    serviceDate = isoDateFromParts(y, mo, d);
  }
  const retrospective = RETRO.test(s);

  // unknowns
  const statedUnknowns: UnknownField[] = [];
  const su = STATED_UNKNOWN.exec(s);
  if (su) {
    const clause = s.slice(Math.max(0, su.index - 60), su.index + su[0].length + 40);
    for (const [re, field] of UNKNOWN_FIELDS) if (re.test(clause) && !statedUnknowns.includes(field)) statedUnknowns.push(field);
    // for sessional treatments an unknown quantity is an unknown number of sessions
    if (!isMed && (SESSION_CATEGORIES.has(category) || category === 'shockwave') && statedUnknowns.includes('quantity') && !statedUnknowns.includes('sessions')) {
      statedUnknowns.push('sessions');
    }
    if (statedUnknowns.length === 0) {
      if (isMed) statedUnknowns.push('dosage', 'quantity');
      else if (SESSION_CATEGORIES.has(category) || category === 'shockwave') statedUnknowns.push('sessions');
      else statedUnknowns.push('quantity');
    }
  }
  const unknowns: UnknownField[] = [...statedUnknowns];
  const add = (f: UnknownField) => {
    if (!unknowns.includes(f)) unknowns.push(f);
  };
  if (category === 'other') add('treatment');
  if (isMed) {
    if (!drug?.strength) add('strength');
    if (quantity === null && durationDays === null) add('quantity');
  }
  if ((SESSION_CATEGORIES.has(category) || category === 'shockwave') && sessions === null && category !== 'lab' && category !== 'diagnostic_other' && category !== 'urine_drug_test' && category !== 'consultation' && category !== 'office_visit') {
    add('sessions');
  }
  if (REGIONAL_CATEGORIES.has(category) && bodyRegions.length === 0) add('body_region');

  return {
    text,
    cleaned,
    category,
    subcategory,
    matchedTerms,
    drug,
    imaging,
    electrodiagnostic,
    quantity,
    quantityUnit,
    amount,
    frequency,
    sessions,
    sessionsMin,
    sessionsBasis,
    durationDays,
    bodyRegions,
    additional,
    retrospective,
    serviceDate,
    context,
    unknowns,
    statedUnknown: statedUnknowns.length > 0,
    statedUnknowns,
  };
}
