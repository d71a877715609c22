import type { Frequency, NormalisedRequest, TreatmentCategory } from './normalised-request.js';
import type { DrugMatch } from './matchers.js';
import { NUM, parseNumber } from './numbers.js';
import { WEEK } from './frequency.js';
import { SESSION_CATEGORIES } from './categories.js';

/** "8 sessions", "12 (twelve) visits", "6 additional physical therapy sessions". */
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
const AMOUNT = /(?<![\d./])(\d+(?:\.\d+)?)\s*(gm|grams?|g|ml|mls|milliliters?)\b(?!\s*\/)/gi;

interface Quantities {
  quantity: number | null;
  quantityUnit: NormalisedRequest['quantityUnit'];
  amount: NormalisedRequest['amount'];
  sessions: number | null;
  sessionsMin: number | null;
  sessionsBasis: NormalisedRequest['sessionsBasis'];
}

/** "#60", "qty 90", "120 tablets": a count written outside the drug names ("#" in "Norco #10" is not inside a name). */
function countOf(s: string, drugs: DrugMatch[]): number | null {
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
  return hashQty;
}

/**
 * How much is asked for: a medication's count or amount (grams, millilitres); otherwise the number
 * of sessions, written out or the frequency times the weeks. `outsideFreq` is the request with the
 * frequency blanked, so its numbers are not read twice.
 */
export function quantitiesOf(s: string, outsideFreq: string, drugs: DrugMatch[], category: TreatmentCategory, isMed: boolean, frequency: Frequency | null): Quantities {
  const hashQty = countOf(s, drugs);
  let amount: NormalisedRequest['amount'] = null;
  AMOUNT.lastIndex = 0;
  const am = AMOUNT.exec(s);
  if (am) amount = { value: Number(am[1]), unit: am[2].toLowerCase().startsWith('m') ? 'ml' : 'g' };

  let quantity: number | null = null;
  let quantityUnit: NormalisedRequest['quantityUnit'] = null;
  let sessions: number | null = null;
  let sessionsMin: number | null = null;
  let sessionsBasis: NormalisedRequest['sessionsBasis'] = null;

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
  return { quantity, quantityUnit, amount, sessions, sessionsMin, sessionsBasis };
}
