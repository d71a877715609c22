import type { Letter, LetterHeader } from '../model.js';
import { CORRECTION_HEADING, correctionSentence } from '../correction.js';
import { remandSentence } from '../remand.js';
import { DEFAULT_REVIEW_ORGANIZATION, reviewerGuidelineLabel } from '../organization.js';
import { GUIDELINE_LABELS, citationText, credentialLines, formatLetterDate } from './format.js';

/**
 * The letter as an ordered list of blocks, in the section layout of the 2016–2017 published
 * letters. The text, HTML and PDF renderers all draw from this one list, so the three outputs
 * say the same words in the same order.
 */

export interface HeaderField {
  label: string;
  value: string;
}

export type Block =
  /** The header block: rows of up to two label/value pairs (left and right column). */
  | { kind: 'header'; rows: Array<[HeaderField | null, HeaderField | null]> }
  | { kind: 'heading'; text: string }
  /** A paragraph of running text. */
  | { kind: 'paragraph'; text: string }
  /** One entry of the documents-reviewed list. */
  | { kind: 'entry'; text: string }
  /** A paragraph that starts with a bold label ("Decision rationale:"). */
  | { kind: 'labelled'; label: string; text: string }
  /** Lines kept as written, one per line, without blank lines between them (credentials). */
  | { kind: 'lines'; lines: Array<{ label: string | null; text: string }>; align?: 'center' }
  /** An item's decision line: "<request>: Upheld". */
  | { kind: 'decision'; request: string; decision: string; index: number };

const HEADINGS = {
  how: 'HOW THE IMR FINAL DETERMINATION WAS MADE',
  documents: 'DOCUMENTS REVIEWED',
  summary: 'CLINICAL CASE SUMMARY',
  issues: 'IMR ISSUES, DECISIONS AND RATIONALES',
} as const;

/** The fixed wording of the 2016–2017 template (`how` follows the organisation's name: `howParagraph`). */
const BOILERPLATE = {
  how:
    'sent the complete case file to an expert reviewer. He/she has no affiliation with the ' +
    'employer, employee, providers or the claims administrator. He/she has been in active clinical practice for more ' +
    'than five years and is currently working at least 24 hours a week in active practice. The expert reviewer was ' +
    'selected based on his/her clinical experience, education, background, and expertise in the same or similar ' +
    'specialties that evaluate and/or treat the medical condition and disputed items/Service. He/she is familiar with ' +
    'governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical ' +
    'Review determinations.',
  credentials: 'The Expert Reviewer has the following credentials:',
  summary:
    'The expert reviewer developed the following clinical case summary based on a review of the case file, including ' +
    'all medical records:',
  issues: 'The Final Determination was based on decisions for the disputed items/services set forth below:',
} as const;

const RATIONALE_LABEL = 'Decision rationale:';

/** The organisation the letter names: its own, or MAXIMUS Federal Services (the published letters') when it has none. */
export function letterOrganization(letter: Letter): string {
  return letter.reviewOrganization ?? DEFAULT_REVIEW_ORGANIZATION;
}

/** "<organisation> sent the complete case file to an expert reviewer. …" */
function howParagraph(organization: string): string {
  return `${organization} ${BOILERPLATE.how}`;
}

/** The header block's fields in the published order: left column, then right column per row. */
function headerRows(h: LetterHeader): Array<[HeaderField | null, HeaderField | null]> {
  const date = (v: string | null) => (v === null ? null : formatLetterDate(v));
  const field = (label: string, value: string | null): HeaderField | null => (value === null ? null : { label, value });
  const rows: Array<[HeaderField | null, HeaderField | null]> = [
    [field('Case Number:', h.caseNumber), null],
    [field('Date Assigned:', date(h.dateAssigned)), field('Date of Injury:', date(h.injuryDate))],
    [field('Decision Date:', date(h.decisionDate)), field('UR Denial Date:', date(h.urDenialDate))],
    [field('Priority:', h.priority), field('Application Received:', date(h.applicationReceived))],
  ];
  // The case number row stays even when the number is unknown: it is what marks a header block.
  rows[0][0] = { label: 'Case Number:', value: h.caseNumber ?? '' };
  return rows.filter(([a, b]) => a !== null || b !== null);
}

/** Splits clean text into its paragraphs (separated by a blank line), whitespace normalised. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** A corrected letter's head: "CORRECTED DETERMINATION" and what it supersedes and why (none for an original). */
export function correctionBlocks(letter: Pick<Letter, 'correction'>): Block[] {
  const c = letter.correction;
  return c ? [{ kind: 'heading', text: CORRECTION_HEADING }, { kind: 'paragraph', text: correctionSentence(c) }] : [];
}

/** A letter issued on remand: one paragraph naming the remanded case and the board's order (none otherwise). */
function remandBlocks(letter: Pick<Letter, 'remand'>): Block[] {
  return letter.remand ? [{ kind: 'paragraph', text: remandSentence(letter.remand) }] : [];
}

export function layoutLetter(letter: Letter): Block[] {
  const blocks: Block[] = [...correctionBlocks(letter), ...remandBlocks(letter)];
  if (letter.header) {
    blocks.push({ kind: 'header', rows: headerRows(letter.header) });
  }

  blocks.push({ kind: 'heading', text: HEADINGS.how });
  const organization = letterOrganization(letter);
  const reviewerLabel = reviewerGuidelineLabel(organization);
  blocks.push({ kind: 'paragraph', text: howParagraph(organization) });
  const creds = credentialLines(letter.reviewer);
  blocks.push({
    kind: 'lines',
    lines: [{ label: null, text: BOILERPLATE.credentials }, ...creds.map((c) => ({ label: c.label, text: c.value }))],
  });

  if (letter.documentsReviewed !== null) {
    blocks.push({ kind: 'heading', text: HEADINGS.documents });
    for (const d of letter.documentsReviewed) blocks.push({ kind: 'entry', text: d.replace(/\s+/g, ' ').trim() });
  }

  blocks.push({ kind: 'heading', text: HEADINGS.summary });
  blocks.push({ kind: 'paragraph', text: BOILERPLATE.summary });
  for (const p of paragraphs(letter.clinicalSummary)) blocks.push({ kind: 'paragraph', text: p });

  blocks.push({ kind: 'heading', text: HEADINGS.issues });
  blocks.push({ kind: 'paragraph', text: BOILERPLATE.issues });
  letter.items.forEach((item, index) => {
    blocks.push({ kind: 'decision', request: item.request.replace(/\s+/g, ' ').trim(), decision: item.decision, index });
    blocks.push({
      kind: 'labelled',
      label: GUIDELINE_LABELS.claimsAdministrator,
      text: citationText(item.claimsAdministratorGuideline, 'claimsAdministrator'),
    });
    blocks.push({ kind: 'labelled', label: reviewerLabel, text: citationText(item.reviewerGuideline, 'reviewer') });
    const [first = '', ...rest] = paragraphs(item.rationale);
    blocks.push({ kind: 'labelled', label: RATIONALE_LABEL, text: first });
    for (const p of rest) blocks.push({ kind: 'paragraph', text: p });
  });
  return blocks;
}

/** The document title used in PDF metadata and the HTML <title>: no personal names. */
export function letterTitle(letter: Letter): string {
  const cn = letter.header?.caseNumber;
  return cn ? `IMR Final Determination ${cn}` : 'IMR Final Determination';
}
