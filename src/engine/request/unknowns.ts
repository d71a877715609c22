import type { TreatmentCategory, UnknownField } from './normalised-request.js';
import { REGIONAL_CATEGORIES, SESSION_CATEGORIES } from './categories.js';

const STATED_UNKNOWN = /\b(?:unknown|unspecified|not specified|not provided|not stated|not indicated|unk)\b/i;
const UNKNOWN_FIELDS: [RegExp, UnknownField][] = [
  [/\bdos(?:e|age|ing)\b/i, 'dosage'],
  [/\bstrength\b/i, 'strength'],
  [/\bfrequency\b/i, 'frequency'],
  [/\bquan\w*ty\b|\bqty\b|\bamount\b/i, 'quantity'],
  [/\bduration\b/i, 'duration'],
  [/\bsessions?\b|\bvisits?\b|\bnumber\b/i, 'sessions'],
];

/** Sessional treatments: an unknown amount of them is an unknown number of sessions. */
function isSessional(category: TreatmentCategory): boolean {
  return SESSION_CATEGORIES.has(category) || category === 'shockwave';
}

/** The fields a request says are unknown ("quantity unknown", "frequency not specified"). */
export function statedUnknownsOf(s: string, category: TreatmentCategory, isMed: boolean): UnknownField[] {
  const statedUnknowns: UnknownField[] = [];
  const su = STATED_UNKNOWN.exec(s);
  if (su) {
    const clause = s.slice(Math.max(0, su.index - 60), su.index + su[0].length + 40);
    for (const [re, field] of UNKNOWN_FIELDS) if (re.test(clause) && !statedUnknowns.includes(field)) statedUnknowns.push(field);
    // for sessional treatments an unknown quantity is an unknown number of sessions
    if (!isMed && isSessional(category) && statedUnknowns.includes('quantity') && !statedUnknowns.includes('sessions')) {
      statedUnknowns.push('sessions');
    }
    if (statedUnknowns.length === 0) {
      if (isMed) statedUnknowns.push('dosage', 'quantity');
      else if (isSessional(category)) statedUnknowns.push('sessions');
      else statedUnknowns.push('quantity');
    }
  }
  return statedUnknowns;
}

/** The stated unknowns and the fields a decision needs that the request leaves out. */
export function unknownsOf(
  statedUnknowns: UnknownField[],
  r: { category: TreatmentCategory; isMed: boolean; strength: string | null | undefined; quantity: number | null; durationDays: number | null; sessions: number | null; regionCount: number },
): UnknownField[] {
  const { category } = r;
  const unknowns: UnknownField[] = [...statedUnknowns];
  const add = (f: UnknownField) => {
    if (!unknowns.includes(f)) unknowns.push(f);
  };
  if (category === 'other') add('treatment');
  if (r.isMed) {
    if (!r.strength) add('strength');
    if (r.quantity === null && r.durationDays === null) add('quantity');
  }
  if (isSessional(category) && r.sessions === null && category !== 'lab' && category !== 'diagnostic_other' && category !== 'urine_drug_test' && category !== 'consultation' && category !== 'office_visit') {
    add('sessions');
  }
  if (REGIONAL_CATEGORIES.has(category) && r.regionCount === 0) add('body_region');
  return unknowns;
}
