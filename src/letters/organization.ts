/**
 * The Independent Medical Review Organization (IMRO) that issues a letter: its name as the letter
 * writes it ("MAXIMUS Federal Services sent the complete case file …") and the short name of its
 * guideline label ("MAXIMUS guideline:"). Pure; shared by the reader and the renderer.
 */

/** The IMRO of the published 2014–2017 letters, and the renderer's fallback for a letter naming none. */
export const DEFAULT_REVIEW_ORGANIZATION = 'MAXIMUS Federal Services';

/** The longest organisation name a letter may carry. */
export const ORGANIZATION_NAME_MAX = 120;

/**
 * What an organisation name may hold so that it reads back from a rendered letter: one line of
 * letters, digits, spaces and & ' . , ( ) -, starting with a letter or digit and ending with a
 * letter, digit, full stop or closing parenthesis; no colon (a label ends at its colon).
 */
export const ORGANIZATION_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9&'.,() -]*[A-Za-z0-9.)])?$/;

/** Whether `name` (whitespace already normalised) can stand as a letter's organisation name. */
export function isOrganizationName(name: string): boolean {
  return name.length <= ORGANIZATION_NAME_MAX && ORGANIZATION_NAME_PATTERN.test(name) && !/\s{2}/.test(name);
}

/** Trailing legal forms that the short name drops ("Golden State Medical Review, Inc." → "Golden State Medical Review"). */
const LEGAL_FORM = /,?\s+(?:Inc|Incorporated|LLC|L\.L\.C|LLP|PLLC|Ltd|Limited|Corp|Corporation|Co|Company|P\.?C)\.?$/i;

/** Organisations whose letters use a short name of their own in the guideline label. */
const KNOWN_SHORT_NAMES: Array<[RegExp, string]> = [[/^MAXIMUS\b/i, 'MAXIMUS']];

/**
 * The name the guideline label uses: "MAXIMUS" for MAXIMUS Federal Services (as the published
 * letters write it), otherwise the name without its legal form.
 */
export function organizationShortName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  for (const [re, short] of KNOWN_SHORT_NAMES) if (re.test(n)) return short;
  let s = n;
  while (LEGAL_FORM.test(s)) s = s.replace(LEGAL_FORM, '');
  s = s.replace(/[\s,]+$/, '');
  return s.length > 0 ? s : n;
}

/** The label of the expert reviewer's guideline line: "MAXIMUS guideline:", "Golden State Medical Review guideline:". */
export function reviewerGuidelineLabel(organization: string | null | undefined): string {
  return `${organizationShortName(organization ?? DEFAULT_REVIEW_ORGANIZATION)} guideline:`;
}
