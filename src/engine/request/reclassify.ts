/**
 * Corrections to the category the treatment words give, where a word of one category is governed by
 * another: a consultation about a surgery ("consultation for possible carpal tunnel release",
 * "ACDF consult") is a consultation; a device repair ("TENS unit repair") is the device, not surgery.
 * Pure; works on the term matches of ./matchers.ts.
 */
import type { TermMatch } from './matchers.js';
import type { TreatmentCategory } from './normalised-request.js';

/** Devices and equipment whose repair, replacement or supplies are requested. */
const DEVICE_CATEGORIES = new Set<TreatmentCategory>(['tens', 'h_wave', 'interferential', 'electrical_stimulation', 'dme']);
/** Surgical words that also name the repair of a thing. */
const REPAIR_WORD = /^repairs?$/i;
/** Between a device and its repair: "TENS unit repair", "wheelchair - repair". */
const DEVICE_THEN_REPAIR = /^[\s-]*(?:(?:unit|device|machine|equipment|system)\s+)?$/i;
/**
 * Between a repair and its device: "repair of the TENS unit", "repair to his wheelchair", and up to two
 * words naming the device ("repair of the hinged knee brace"); a comma or a clause ends it.
 */
const REPAIR_THEN_DEVICE = /^\s+(?:of|for|to|on)\s+(?:(?:the|a|an|his|her|their|existing|current)\s+)?(?:[A-Za-z-]+\s+){0,2}$/i;
/** Words that name a repair or replacement of a device, or its supplies. */
const REPLACE_WORDS = /\b(?:replace(?:ment|d)?|replacing)\b/i;
const SUPPLY_WORDS = /\b(?:batter(?:y|ies)|electrodes?|lead wires?|leads|pads|supplies|conductive gel)\b/i;

/** Consultation words that can govern a surgery named after them, and the joining words. */
const CONSULT_WORD = /^(?:consult(?:ation)?s?|referrals?|second opinion|opinion|evaluation|e&t)$/i;
const CONSULT_THEN_SURGERY = /^\s*(?:,\s*)?(?:for|regarding|re:?|about|on|to (?:discuss|consider|evaluate(?: for)?|determine(?: the need for)?)|to see if)\b[^,;.&]*$/i;
/** A consultation word directly after the surgery: "carpal tunnel release consult", "ACDF surgical opinion". */
const SURGERY_THEN_CONSULT = /^\s*(?:-\s*)?(?:(?:surgery|surgical)\s+)?(?:consult(?:ation)?s?|referrals?|second opinion|opinion)\b/i;

export interface Reclassified {
  category: TreatmentCategory;
  subcategory: string | null;
  /** The terms that led to the category, as written. */
  matched: TermMatch[];
}

/**
 * Where the chosen category is surgery only because of a word governed by another one, the category
 * the request is really for; else null. `context` is the request's pre- or post-operative context:
 * a post-operative evaluation is a visit about the surgery, not a surgical consultation.
 */
export function reclassify(s: string, terms: TermMatch[], category: TreatmentCategory, context: string | null): Reclassified | null {
  if (category !== 'surgery') return null;
  const surgical = terms.filter((t) => t.category === 'surgery');

  // a device repair: every surgical word is a "repair" joined to a device word
  const devices = terms.filter((t) => DEVICE_CATEGORIES.has(t.category));
  const ownedRepairs = surgical.filter((r) => REPAIR_WORD.test(r.text) && devices.some((d) => joined(s, d, r)));
  if (ownedRepairs.length > 0 && ownedRepairs.length === surgical.length) {
    const best = devices.reduce((a, b) => (b.priority > a.priority ? b : a));
    return { category: best.category, subcategory: 'repair', matched: [...devices.filter((d) => d.category === best.category), ...ownedRepairs] };
  }

  // a consultation about a surgery
  if (context === 'postoperative' || context === 'preoperative' || context === 'associated_surgical') return null;
  const consults = terms.filter((t) => t.category === 'consultation' && CONSULT_WORD.test(t.text));
  const first = surgical.reduce((a, b) => (b.start < a.start ? b : a), surgical[0]);
  const before = consults.find((c) => c.end <= first.start && CONSULT_THEN_SURGERY.test(s.slice(c.end, first.start)));
  const after = consults.find((c) => c.start >= first.end && surgical.some((x) => x.end <= c.start && SURGERY_THEN_CONSULT.test(s.slice(x.end, c.end))));
  const consult = before ?? after;
  if (consult) return { category: 'consultation', subcategory: 'surgical', matched: [consult] };
  return null;
}

/** True where the repair word `r` belongs to the device word `d`. */
function joined(s: string, d: TermMatch, r: TermMatch): boolean {
  if (d.end <= r.start) return DEVICE_THEN_REPAIR.test(s.slice(d.end, r.start));
  if (r.end <= d.start) return REPAIR_THEN_DEVICE.test(s.slice(r.end, d.start));
  return false;
}

/** The subcategory of a device request that is a replacement or supplies ("replacement TENS pads", "TENS batteries"), else null. */
export function deviceSubcategory(s: string, category: TreatmentCategory): string | null {
  if (!DEVICE_CATEGORIES.has(category)) return null;
  if (SUPPLY_WORDS.test(s)) return 'supplies';
  if (REPLACE_WORDS.test(s) && category !== 'dme') return 'replacement';
  return null;
}
