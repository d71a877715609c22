import type { Letter, LetterItem } from '../../model.js';
import { parseCitation } from '../citation.js';
import { BREAK, cleanText, joinLines } from '../clean-text.js';
import { buildHeader } from '../letter-header.js';
import { IMR_APPLICATION_PHRASE, UR_PHRASE, dateNear, parseWorker } from '../reviewer-worker.js';
import type { Warnings } from '../warnings.js';
import { findDecisionLines, mergedDecisions, requestText } from './decision-lines.js';
import type { LayoutDescriptor } from './descriptor.js';
import { citationOrNone, fail, historicLetter } from './letter-parts.js';
import { cutSections, paragraphsOrLines, type Heading } from './sections.js';

/**
 * The "MEDICAL PROFESSIONAL REVIEW" form: decision lines under ISSUE AT DISPUTE, then the
 * reviewer's guidelines and the rationales as numbered entries of their own sections.
 */

const TITLE = 'MEDICAL PROFESSIONAL REVIEW';

export const mprForm: LayoutDescriptor = {
  id: 'mpr-form',
  // The title is a whole line of fixed length near the top: compare lengths before running the pattern on every line.
  detect: (lines) => lines.slice(0, 80).some((l) => l.length === TITLE.length && /^MEDICAL PROFESSIONAL REVIEW$/i.test(l)),
  parse: parseMprForm,
};

const MPR_HEADINGS: Heading[] = [
  { key: 'issues', re: /^ISSUES? AT DISPUTE:?$/i, title: 'ISSUE AT DISPUTE' },
  { key: 'summary', re: /^CASE SUMMARY:?$/i, title: 'CASE SUMMARY' },
  { key: 'documents', re: /^DOCUMENTS REVIEWED FOR DETERMINATION:?$/i, title: 'DOCUMENTS REVIEWED FOR DETERMINATION' },
  { key: 'guidelines', re: /^MEDICAL TREATMENT GUIDELINE\(S\) RELIED UPON BY (?:THE )?PROFESSIONAL REVIEWER AND WHY:?$/i, title: 'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY' },
  { key: 'rationale', re: /^RATIONALE FOR WHY THE REQUESTED TREATMENT\/SERVICE IS\/WAS NOT MEDICALLY NECESSARY:?$/i, title: 'RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY' },
  { key: 'qualifications', re: /^MEDICAL REVIEWER QUALIFICATIONS:?$/i, title: 'MEDICAL REVIEWER QUALIFICATIONS' },
];

/** Splits a section into numbered entries ("1. …", "2) …"); unnumbered text is entry 1. */
function numberedEntries(lines: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let cur: string[] | null = null;
  for (const line of lines) {
    const m = line === BREAK ? null : /^(\d+)[.)]\s+(.*)$/.exec(line);
    if (m && !out.has(Number(m[1]))) {
      cur = [m[2]];
      out.set(Number(m[1]), cur);
    } else {
      if (!cur) {
        cur = [];
        out.set(1, cur);
      }
      cur.push(line);
    }
  }
  return out;
}

/** "MTUS …, Page(s): 8-9. Relied upon because …": the citation is what comes before the "why". */
function splitWhy(text: string): string {
  const m = /\.\s+(?=(?:Relied upon|Used|Applied|Chosen|Selected|This guideline|These guidelines|The guideline|Because|It|They)\b)/.exec(text);
  return m ? text.slice(0, m.index + 1) : text;
}

function parseMprForm(lines: string[], warnings: Warnings): Letter {
  const sections = cutSections(lines, MPR_HEADINGS);
  for (const h of MPR_HEADINGS) {
    if (h.key !== 'documents' && h.key !== 'qualifications' && !sections.has(h.key)) {
      fail('IMR_ERR_LETTER_TRUNCATED', `the section "${h.title}" is missing; give the complete form`);
    }
  }
  const issueLines = sections.get('issues')!;
  const decisions = findDecisionLines(issueLines);
  if (decisions.length === 0) fail('IMR_ERR_LETTER_NO_ITEMS', 'the ISSUE AT DISPUTE section has no decision line ("<request>: Upheld" or "<request>: Overturned")');
  warnings.addAll(mergedDecisions(issueLines, decisions));
  const guidelines = numberedEntries(sections.get('guidelines')!);
  const rationales = numberedEntries(sections.get('rationale')!);
  const items: LetterItem[] = decisions.map((d, k) => {
    const n = k + 1;
    const request = requestText(issueLines, d).replace(/^\d+[.)]\s+/, '');
    const g = guidelines.get(n) ?? (decisions.length === 1 ? [...guidelines.values()].flat() : null);
    const r = rationales.get(n) ?? (decisions.length === 1 ? [...rationales.values()].flat() : null);
    const rationale = r ? cleanText(r) : '';
    if (!rationale) {
      if (k === decisions.length - 1) fail('IMR_ERR_LETTER_TRUNCATED', `item ${n} (the last) has no rationale: the form ends early`);
      warnings.add(`item ${n}: no rationale`);
    }
    return {
      request,
      decision: d.decision,
      // The form states only the reviewer's guidelines.
      claimsAdministratorGuideline: parseCitation(''),
      reviewerGuideline: g ? parseCitation(splitWhy(joinLines(g))) : citationOrNone(null, 'MEDICAL TREATMENT GUIDELINE(S) RELIED UPON', n, warnings),
      rationale,
    };
  });
  const preamble = joinLines(sections.get('preamble') ?? []);
  const clinicalSummary = cleanText(sections.get('summary')!);
  const worker = parseWorker(clinicalSummary);
  const header = buildHeader({
    text: preamble,
    dateAssigned: 'Date Assigned',
    injuryDate: 'Date of Injury',
    decisionDate: '(?:Decision Date|Date of Review|Review Date)',
    urDenialDate: '(?:UR Denial Date|Date of UR Decision)',
    // Expedited wins where the form labels both.
    priority: (text) => (/Priority\s*:\s*Expedited/i.test(text) ? 'Expedited' : /Priority\s*:\s*Standard/i.test(text) ? 'Standard' : null),
    applicationReceived: '(?:Application Received|IMR Application Received)',
  });
  const documents = sections.get('documents');
  // The form does not name the organisation.
  return historicLetter(header, worker, sections, warnings, null, {
    urDecisionDate: dateNear(clinicalSummary, UR_PHRASE),
    imrApplicationDate: dateNear(clinicalSummary, IMR_APPLICATION_PHRASE),
    clinicalSummary,
    documentsReviewed: documents ? paragraphsOrLines(documents) : null,
    items,
  });
}
