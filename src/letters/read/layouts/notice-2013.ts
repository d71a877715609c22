import type { Decision, Letter, LetterItem } from '../../model.js';
import { isOrganizationName } from '../../organization.js';
import { BREAK, cleanText, joinLines, paragraphs } from '../clean-text.js';
import { buildHeader, dateAfter } from '../letter-header.js';
import { parseWorker } from '../reviewer-worker.js';
import type { Warnings } from '../warnings.js';
import type { LayoutDescriptor } from './descriptor.js';
import { citationOrNone, fail, historicLetter, organizationBefore, type ItemParts } from './letter-parts.js';
import { cutSections, paragraphsOrLines, type Heading } from './sections.js';

/**
 * The 2013 "Notice of Independent Medical Review Determination": a numbered list of determinations
 * at the top ("1) MAXIMUS Federal Services, Inc. has determined the request for … is not medically
 * necessary and appropriate."), then one block per item ("1) Regarding the request for …") with
 * its guidelines and rationale.
 */

const TITLE = 'Notice of Independent Medical Review Determination';

export const notice2013: LayoutDescriptor = {
  id: 'notice-2013',
  // The title is a whole line of fixed length near the top: compare lengths before running the pattern on every line.
  detect: (lines) => lines.slice(0, 80).some((l) => l.length === TITLE.length && /^Notice of Independent Medical Review Determination$/i.test(l)),
  parse: parseNotice,
};

const NOTICE_DECISION = /^(\d+)[.)]\s+(\S.*?) has determined the request for (.+?) is (not )?medically necessary and appropriate\.?$/i;
/** "MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of …" */
const NOTICE_COMPLETED = ' has completed the Independent Medical Review';
const NOTICE_HEADINGS: Heading[] = [
  { key: 'rationale', re: /^INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE$/i, title: 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE' },
  { key: 'qualifications', re: /^Medical Qualifications of the Expert Reviewer:?$/i, title: 'Medical Qualifications of the Expert Reviewer' },
  { key: 'summary', re: /^(?:Expert Reviewer )?Case Summary:?$/i, title: 'Case Summary' },
  { key: 'documents', re: /^Documents Reviewed for Determination:?$/i, title: 'Documents Reviewed for Determination' },
];
const NOTICE_ITEM = /^(\d+)\)\s+Regarding the request for (.+?):?$/i;
const NOTICE_LABELS: Array<[keyof ItemParts, RegExp]> = [
  ['ca', /^Medical Treatment Guideline\(s\) Used by the Claims Administrator:?\s*/i],
  ['reviewer', /^Medical Treatment Guideline\(s\) Used by the Expert Reviewer:?\s*/i],
  ['rationale', /^Rationale for the Decision:?\s*/i],
];

/** Cuts a numbered block ("1) Regarding …") into labelled parts. */
function labelledParts(block: readonly string[], labels: Array<[keyof ItemParts, RegExp]>): ItemParts {
  const parts: ItemParts = { ca: null, reviewer: null, rationale: null };
  let current: string[] | null = null;
  for (const line of block) {
    const hit = line === BREAK ? undefined : labels.find(([, re]) => re.test(line));
    if (hit) {
      current = [line.replace(hit[1], '')];
      parts[hit[0]] = current;
    } else if (current) current.push(line);
  }
  return parts;
}

function parseNotice(lines: string[], warnings: Warnings): Letter {
  // Decision lines: the numbered list at the top of the notice. Joined per paragraph, since each wraps.
  const paras = paragraphs(lines);
  const decisions = new Map<number, { request: string; decision: Decision }>();
  let decidedBy: string | null = null;
  for (const p of paras) {
    const m = NOTICE_DECISION.exec(p);
    if (m && !decisions.has(Number(m[1]))) {
      decisions.set(Number(m[1]), { request: m[3].trim(), decision: m[4] ? 'Upheld' : 'Overturned' });
      decidedBy ??= m[2].trim();
    }
  }
  const sections = cutSections(lines, NOTICE_HEADINGS);
  const rationaleSection = sections.get('rationale');
  if (!rationaleSection) fail('IMR_ERR_LETTER_TRUNCATED', 'the section "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE" is missing; give the complete letter');
  if (decisions.size === 0) fail('IMR_ERR_LETTER_NO_ITEMS', 'the notice lists no determination ("MAXIMUS Federal Services, Inc. has determined the request for … is [not] medically necessary and appropriate")');
  const preamble = joinLines(sections.get('preamble') ?? []);
  const completedBy = paras.map((p) => organizationBefore(p, NOTICE_COMPLETED)).find((x) => x !== null) ?? null;
  const reviewOrganization = [completedBy, decidedBy].find((x): x is string => x !== null && isOrganizationName(x)) ?? null;
  const rationaleIntro = joinLines(rationaleSection);
  // The per-item blocks sit after the documents list (or wherever "1) Regarding the request for …" starts).
  const tail = [...(sections.get('documents') ?? []), ...(sections.get('summary') ?? [])];
  const allAfter = [...rationaleSection, ...(sections.get('qualifications') ?? []), ...tail];
  const blocks = new Map<number, string[]>();
  let cur: string[] | null = null;
  const before: string[] = [];
  for (const line of sections.get('documents') ?? allAfter) {
    const m = line === BREAK ? null : NOTICE_ITEM.exec(line);
    if (m) {
      cur = [];
      blocks.set(Number(m[1]), cur);
    } else if (cur) cur.push(line);
    else before.push(line);
  }
  const items: LetterItem[] = [];
  const numbers = [...decisions.keys()].sort((a, b) => a - b);
  for (const n of numbers) {
    const d = decisions.get(n)!;
    const block = blocks.get(n);
    if (!block) {
      if (n === numbers[numbers.length - 1]) fail('IMR_ERR_LETTER_TRUNCATED', `the rationale for item ${n} ("${n}) Regarding the request for …") is missing: the letter ends early`);
      warnings.add(`item ${n}: no "${n}) Regarding the request for …" block`);
    }
    const parts = labelledParts(block ?? [], NOTICE_LABELS);
    const rationale = parts.rationale ? cleanText(parts.rationale) : '';
    if (block && !rationale) {
      if (n === numbers[numbers.length - 1]) fail('IMR_ERR_LETTER_TRUNCATED', `item ${n} (the last) has no "Rationale for the Decision": the letter ends early`);
      warnings.add(`item ${n}: no "Rationale for the Decision"`);
    }
    items.push({
      request: d.request,
      decision: d.decision,
      claimsAdministratorGuideline: citationOrNone(parts.ca, 'Medical Treatment Guideline(s) Used by the Claims Administrator', n, warnings),
      reviewerGuideline: citationOrNone(parts.reviewer, 'Medical Treatment Guideline(s) Used by the Expert Reviewer', n, warnings),
      rationale,
    });
  }
  const summaryParas = paragraphs(sections.get('summary') ?? []);
  const clinicalSummary = summaryParas.join('\n\n');
  const worker = parseWorker(clinicalSummary);
  const header = buildHeader({
    text: preamble,
    dateAssigned: { label: 'Notice of Assignment and Request for Information (?:dated|mailed|sent)(?: on)?', in: rationaleIntro },
    injuryDate: 'Date of Injury',
    decisionDate: 'Dated',
    urDenialDate: 'Date of UR Decision',
    priority: (text) => (/\bExpedited\b/i.test(text) ? 'Expedited' : null),
    applicationReceived: 'IMR Application Received',
  });
  return historicLetter(header, worker, sections, warnings, reviewOrganization, {
    urDecisionDate: dateAfter(rationaleIntro, 'Utilization Review Determination (?:dated|of)') ?? header.urDenialDate,
    imrApplicationDate: dateAfter(rationaleIntro, 'Application for Independent Medical Review (?:received|dated|signed)(?: on)?'),
    clinicalSummary,
    documentsReviewed: sections.get('documents') ? paragraphsOrLines(before) : null,
    items,
  });
}
