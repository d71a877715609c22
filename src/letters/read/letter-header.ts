import type { LetterHeader } from '../model.js';
import { DATE_PATTERN, parseLetterDate } from './dates.js';
import type { Warnings } from './warnings.js';

/**
 * The letter's header (case number, the dates of the review, its priority), built the same way for
 * every layout: a layout says which label stands before each field, and where.
 */

const labelPatterns = new Map<string, RegExp>();

/** The date written after `label` (a pattern) in `text`, as an ISO date; null when there is none or it is no real date. */
export function dateAfter(text: string, label: string): string | null {
  let re = labelPatterns.get(label);
  if (!re) labelPatterns.set(label, (re = new RegExp(`${label}\\s*:?\\s*(${DATE_PATTERN})`, 'i')));
  const m = re.exec(text);
  return m ? parseLetterDate(m[1]) : null;
}

/** Whether `label` (words) is followed by something written like a date (real or not). */
function dateWrittenAfter(text: string, label: string): boolean {
  return new RegExp(`${label.replace(/ /g, '\\s+')}\\s*:?\\s*${DATE_PATTERN}`, 'i').test(text);
}

/** The IMR case number ("CM16-0000001") after "Case Number:", upper case, or null. */
function caseNumberIn(text: string): string | null {
  return /Case Number\s*:\s*([A-Z]{1,4}\d{2}-\d{4,8})/i.exec(text)?.[1].toUpperCase() ?? null;
}

/** A date field: the label before it (a pattern), in the header's text or in another part of the letter. */
type HeaderDate = string | { label: string; in: string };

type DateKey = 'dateAssigned' | 'injuryDate' | 'decisionDate' | 'urDenialDate' | 'applicationReceived';

/** Where a layout writes its header's fields. */
export type HeaderSpec = Record<DateKey, HeaderDate> & {
  /** The text that holds the header (the head of the letter): the case number and the dates are read from it. */
  text: string;
  /** How the layout states the priority. */
  priority: (text: string) => LetterHeader['priority'];
};

export function buildHeader(spec: HeaderSpec): LetterHeader {
  const date = (d: HeaderDate) => (typeof d === 'string' ? dateAfter(spec.text, d) : dateAfter(d.in, d.label));
  return {
    caseNumber: caseNumberIn(spec.text),
    dateAssigned: date(spec.dateAssigned),
    injuryDate: date(spec.injuryDate),
    decisionDate: date(spec.decisionDate),
    urDenialDate: date(spec.urDenialDate),
    priority: spec.priority(spec.text),
    applicationReceived: date(spec.applicationReceived),
  };
}

/** "Priority: Standard" / "Priority: Expedited" (any case), as the published letters write it. */
export function labelledPriority(text: string): LetterHeader['priority'] {
  const priority = /Priority\s*:\s*(Standard|Expedited)/i.exec(text)?.[1];
  return priority ? ((priority[0].toUpperCase() + priority.slice(1).toLowerCase()) as 'Standard' | 'Expedited') : null;
}

/** The header fields by the words of their labels, as a warning names them. */
const HEADER_FIELDS: Array<[keyof LetterHeader, string]> = [
  ['caseNumber', 'Case Number'],
  ['dateAssigned', 'Date Assigned'],
  ['injuryDate', 'Date of Injury'],
  ['decisionDate', 'Decision Date'],
  ['urDenialDate', 'UR Denial Date'],
  ['priority', 'Priority'],
  ['applicationReceived', 'Application Received'],
];

/** A warning for each field of a header block that was not read from `text`. */
export function warnMissingFields(header: LetterHeader, text: string, warnings: Warnings): void {
  for (const [key, label] of HEADER_FIELDS) {
    if (header[key] !== null) continue;
    // A date that is written but impossible (02/30/2015) is not a missing one; never quote it (PHI).
    warnings.add(dateWrittenAfter(text, label) ? `header: the ${label} is not a real date; correct its month or day` : `header: no ${label}`);
  }
}
