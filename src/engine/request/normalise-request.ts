import type { DrugInfo, NormalisedRequest, RequestContext } from './normalised-request.js';
import { findDrugs, findSubcategory, findTermsAndRegions, uniqueRegions } from './matchers.js';
import { deviceSubcategory, reclassify } from './reclassify.js';
import { JOINT_REGIONS, chooseCategory, isMedicationCategory } from './categories.js';
import { drugInfo, topicalTerms } from './drug-info.js';
import { electrodiagnosticOf, imagingOf } from './procedure-details.js';
import { frequencyOf } from './frequency.js';
import { quantitiesOf } from './quantities.js';
import { durationDaysOf } from './duration.js';
import { asksForMore, contextOf, isRetrospective, serviceDateOf } from './circumstances.js';
import { statedUnknownsOf, unknownsOf } from './unknowns.js';

// Importers reach the category test through this module (and the request index).
export { isMedicationCategory };

const FRAMING_PREFIX = /^.*\boriginal request,\s*/is;
const FRAMING_SUFFIX = /(?:\s+is)?\s*:?\s*(?:(?:Upheld|Overturned)\s*)?$/i;
const TRAILING_IS = /\s+is\s*$/i;

/** The original request named in the framing ("X was the original request. ..."), or null. */
const ORIGINAL_REQUEST = /^\s*(?:the\s+)?(.*?)\s+(?:was|is)\s+the\s+original\s+request\b/is;

/** A portion written as a part of the original request's procedure: "with ...", "and ...", "plus ...". */
const FRAGMENT = /^(?:with|and|plus|including|along with|as well as)\b/i;

function originalRequestOf(text: string): string | null {
  const m = ORIGINAL_REQUEST.exec(text.replace(/\s+/g, ' '));
  return m && m[1].trim() ? m[1].trim() : null;
}

/** Strips the letters' framing around a request ("The remaining IMR eligible portion of the original request, X is:"). */
function cleanRequestText(text: string): string {
  let s = text.replace(/\s+/g, ' ').trim();
  s = s.replace(FRAMING_PREFIX, '');
  s = s.replace(FRAMING_SUFFIX, '').replace(TRAILING_IS, '');
  return s.trim();
}

const INJECTION_CATEGORIES = new Set(['joint_injection', 'epidural_injection', 'trigger_point_injection', 'facet_injection', 'nerve_block']);

/**
 * Normalises one free-text request. Pure; vocabularies are compiled once at module load.
 */
export function normaliseRequest(text: string): NormalisedRequest {
  const cleaned = cleanRequestText(text);
  const s = cleaned;
  const drugs = findDrugs(s);
  // the treatment and region vocabularies in one pass
  const { terms, regions: regionMatches } = findTermsAndRegions(s);
  const bodyRegions = uniqueRegions(regionMatches);
  const regionsHaveJoint = bodyRegions.some((r) => JOINT_REGIONS.has(r.region));

  let { category, matched } = chooseCategory(terms, drugs, regionsHaveJoint);
  let drug: DrugInfo | null = null;
  const matchedTerms: string[] = matched.map((t) => t.text);
  let subcategory: string | null = matched.find((t) => t.subcategory)?.subcategory ?? null;

  const context: RequestContext = contextOf(s);

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
    matchedTerms.push(...topicalTerms(s, drug, category));
  } else if (drugs.length > 0 && INJECTION_CATEGORIES.has(category)) {
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
  if (category === 'imaging') ({ imaging, subcategory } = imagingOf(s, matched, subcategory));
  const electrodiagnostic: NormalisedRequest['electrodiagnostic'] = category === 'electrodiagnostic' ? electrodiagnosticOf(s) : null;

  // quantities: the frequency first, blanked out so its numbers are not read again as sessions or a duration
  const isMed = isMedicationCategory(category) || (drug !== null && category === drug.drugClass);
  const fr = frequencyOf(s);
  const frequency = fr?.freq ?? null;
  const outsideFreq = fr ? s.slice(0, fr.start) + ' '.repeat(fr.end - fr.start) + s.slice(fr.end) : s;
  const { quantity, quantityUnit, amount, sessions, sessionsMin, sessionsBasis } = quantitiesOf(s, outsideFreq, drugs, category, isMed, frequency);

  const durationDays = durationDaysOf(frequency, outsideFreq);
  if (drug && drug.daysSupply === null && durationDays !== null && isMed) drug.daysSupply = durationDays;

  // additional, retrospective, date of service
  const additional = asksForMore(s) || (subcategory === 're_examination' && category === 'office_visit');
  // a remaining portion of a retrospective request is retrospective too, with the same date of service
  const original = s === text ? null : originalRequestOf(text);
  const serviceDate = serviceDateOf(s) ?? (original ? serviceDateOf(original) : null);
  const retrospective = isRetrospective(s) || (original !== null && isRetrospective(original));
  const partOf = original !== null && FRAGMENT.test(s) ? original : null;

  const statedUnknowns = statedUnknownsOf(s, category, isMed);
  const unknowns = unknownsOf(statedUnknowns, { category, isMed, strength: drug?.strength, quantity, durationDays, sessions, regionCount: bodyRegions.length });

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
    partOf,
    context,
    unknowns,
    statedUnknown: statedUnknowns.length > 0,
    statedUnknowns,
  };
}
