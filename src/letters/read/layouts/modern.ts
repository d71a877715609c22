import type { Letter, LetterHeader } from '../../model.js';
import { correctionIn } from '../correction-banner.js';
import { joinLines, paragraphs } from '../clean-text.js';
import { buildHeader, labelledPriority, warnMissingFields } from '../letter-header.js';
import { IMR_APPLICATION_PHRASE, UR_PHRASE, dateNear, parseReviewer, parseWorker } from '../reviewer-worker.js';
import type { Warnings } from '../warnings.js';
import { noReviewer, organizationBefore } from './letter-parts.js';
import { parseItems } from './modern-items.js';
import { cutSections, mayBeHeading, paragraphsOrLines, requireSection, type Heading } from './sections.js';

/**
 * What the letters since 2014 share: the 2014–2015 letters (seed-2015.ts) and the 2016–2017
 * published letters (dwc-2016.ts) have the same sections; the published ones add a header block.
 */

const HOW: Heading = { key: 'how', re: /^HOW THE IMR FINAL DETERMINATION WAS MADE:?$/i, title: 'HOW THE IMR FINAL DETERMINATION WAS MADE' };
const SUMMARY: Heading = { key: 'summary', re: /^CLINICAL CASE SUMMARY:?$/i, title: 'CLINICAL CASE SUMMARY' };
const DOCUMENTS: Heading = { key: 'documents', re: /^DOCUMENTS REVIEWED:?$/i, title: 'DOCUMENTS REVIEWED' };
const ISSUES: Heading = {
  key: 'issues',
  re: /^(?:IMR ISSUES,? DECISIONS,? AND RATIONALES|IMR DECISION\(S\) AND RATIONALE\(S\)):?$/i,
  title: 'IMR ISSUES, DECISIONS AND RATIONALES',
};
const MODERN_HEADINGS = [HOW, DOCUMENTS, SUMMARY, ISSUES];

/** The text before the first of these letters' headings, joined; null when the lines have none of them. */
export function modernPreamble(lines: readonly string[]): string | null {
  const firstHeading = lines.findIndex((l) => mayBeHeading(l) && MODERN_HEADINGS.some((h) => h.re.test(l)));
  return firstHeading < 0 ? null : lines.slice(0, firstHeading).join(' ');
}

/** Whether a letter's head has the published letters' header block (its "Case Number:" label). */
export function hasHeaderBlock(preamble: string): boolean {
  return /Case Number\s*:/i.test(preamble);
}

const SUMMARY_LEAD_IN = /^The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:?\s*/i;

/**
 * The organisation named at the start of the how section ("MAXIMUS Federal Services sent the
 * complete case file to an expert reviewer."), or null.
 */
function organizationInHow(how: readonly string[]): string | null {
  return organizationBefore(paragraphs(how)[0] ?? '', ' sent the complete case file');
}

/** A corrected letter's correction, from its head; nothing for an original (the key stays absent). */
function correctionOf(preamble: readonly string[]): Pick<Letter, 'correction'> {
  const correction = correctionIn(preamble);
  return correction ? { correction } : {};
}

/** Reads a letter of these layouts; `withHeader` for the published letters' header block. */
export function parseModern(lines: string[], withHeader: boolean, warnings: Warnings): Letter {
  const sections = cutSections(lines, MODERN_HEADINGS, mayBeHeading, warnings);
  const how = requireSection(sections, HOW);
  const summaryLines = requireSection(sections, SUMMARY);
  const issues = requireSection(sections, ISSUES);
  let header: LetterHeader | null = null;
  if (withHeader) {
    const preamble = joinLines(sections.get('preamble') ?? []);
    header = buildHeader({
      text: preamble,
      dateAssigned: 'Date Assigned',
      injuryDate: 'Date of Injury',
      decisionDate: 'Decision Date',
      urDenialDate: 'UR Denial Date',
      priority: labelledPriority,
      // The label wraps in the published PDFs: "Application 11/03/2016 / Received:".
      applicationReceived: 'Application\\s+(?:Received\\s*:?)?',
    });
    warnMissingFields(header, preamble, warnings);
  }
  const summaryParas = paragraphs(summaryLines);
  if (summaryParas.length && SUMMARY_LEAD_IN.test(summaryParas[0])) summaryParas[0] = summaryParas[0].replace(SUMMARY_LEAD_IN, '');
  const clinicalSummary = summaryParas.filter(Boolean).join('\n\n');
  if (!clinicalSummary) warnings.add('the clinical case summary is empty');
  const worker = parseWorker(clinicalSummary);
  if (worker.injuryDate === null && header?.injuryDate) worker.injuryDate = header.injuryDate;
  const documents = sections.get('documents');
  const reviewOrganization = organizationInHow(how);
  return {
    reviewOrganization,
    header,
    reviewer: parseReviewer(how) ?? noReviewer(warnings),
    worker,
    urDecisionDate: dateNear(clinicalSummary, UR_PHRASE),
    imrApplicationDate: dateNear(clinicalSummary, IMR_APPLICATION_PHRASE),
    clinicalSummary,
    documentsReviewed: documents ? paragraphsOrLines(documents) : null,
    items: parseItems(issues, warnings, reviewOrganization, lines.join('\n')),
    ...correctionOf(sections.get('preamble') ?? []),
  };
}
