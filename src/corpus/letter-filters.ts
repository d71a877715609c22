import { sql, type RawBuilder } from 'kysely';
import { ImrError } from '../errors/imr-error.js';
import { isValidIsoDate } from '../shared/iso-date.js';

/**
 * The filters of DWC's public IMR search that are properties of a letter rather than of an item:
 * its case number and its injury, received (IMR application received) and decision dates. Each
 * date range is inclusive and may be open at either end; dates are YYYY-MM-DD.
 */
export interface LetterFilters {
  /** The letter's case number (e.g. CM16-0000001), as printed; matched exactly, case-insensitive. */
  caseNumber?: string;
  injuryFrom?: string;
  injuryTo?: string;
  receivedFrom?: string;
  receivedTo?: string;
  decisionFrom?: string;
  decisionTo?: string;
  /** Only items stored after this one (a saved search's news since it last reported; not a user filter). */
  afterItemId?: number;
}

/** The date ranges: filter name prefix, the letters column, and how a message names it. */
const DATE_RANGES = [
  { key: 'injury', column: 'injury_date', label: 'injury date' },
  { key: 'received', column: 'received_date', label: 'received date' },
  { key: 'decision', column: 'decision_date', label: 'decision date' },
] as const;

/** Raw text of the letter filters, as a command line or a query string gives them (the user's filters only). */
export type RawLetterFilters = Omit<LetterFilters, 'afterItemId'>;

const CASE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

function date(label: string, key: string, value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (!isValidIsoDate(v)) throw new ImrError('IMR_ERR_INVALID_DATE', `The ${label} filter (${key}) must be a real date in YYYY-MM-DD form; got "${value}".`);
  return v;
}

/**
 * Checks and normalises the letter filters: dates must be real YYYY-MM-DD days, and a range must
 * not end before it starts (IMR_ERR_INVALID_DATE names the filter). Pure.
 */
export function parseLetterFilters(raw: RawLetterFilters): LetterFilters {
  const f: LetterFilters = {};
  const cn = raw.caseNumber?.trim();
  if (cn) {
    if (!CASE_NUMBER.test(cn)) throw new ImrError('IMR_ERR_VALIDATION', `The case number filter must look like CM16-0000001 (letters, digits and dashes); got "${raw.caseNumber}".`);
    f.caseNumber = cn.toUpperCase();
  }
  for (const r of DATE_RANGES) {
    const fromKey = `${r.key}From` as const;
    const toKey = `${r.key}To` as const;
    const from = date(`${r.label} from`, fromKey, raw[fromKey]);
    const to = date(`${r.label} to`, toKey, raw[toKey]);
    if (from && to && from > to) {
      throw new ImrError('IMR_ERR_INVALID_DATE', `The ${r.label} range (${fromKey} ${from}, ${toKey} ${to}) ends before it starts; swap the two dates.`);
    }
    if (from) f[fromKey] = from;
    if (to) f[toKey] = to;
  }
  return f;
}

/**
 * The SQL condition for the letter filters on the items table aliased `i` (none without any): one
 * sub-select of the letters, so it fits every search path whether or not it joins the letters.
 * Dates are fixed-width YYYY-MM-DD text on both engines, so text order is date order.
 */
export function letterConditions(f: LetterFilters): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (f.caseNumber) c.push(sql`fl.case_number = ${f.caseNumber}`);
  for (const r of DATE_RANGES) {
    const from = f[`${r.key}From`];
    const to = f[`${r.key}To`];
    if (from) c.push(sql`${sql.ref(`fl.${r.column}`)} >= ${from}`);
    if (to) c.push(sql`${sql.ref(`fl.${r.column}`)} <= ${to}`);
  }
  const own = f.afterItemId !== undefined ? [sql`i.id > ${f.afterItemId}`] : [];
  if (c.length === 0) return own;
  return [...own, sql`i.letter_id IN (SELECT fl.id FROM corpus_letters fl WHERE ${sql.join(c, sql` AND `)})`];
}

/** The letter filters of a filter set (to carry them past the engine-specific filters). */
export function pickLetterFilters<T extends LetterFilters>(f: T): LetterFilters {
  const out: LetterFilters = {};
  if (f.caseNumber) out.caseNumber = f.caseNumber;
  if (f.afterItemId !== undefined) out.afterItemId = f.afterItemId;
  for (const r of DATE_RANGES) {
    if (f[`${r.key}From`]) out[`${r.key}From`] = f[`${r.key}From`];
    if (f[`${r.key}To`]) out[`${r.key}To`] = f[`${r.key}To`];
  }
  return out;
}
