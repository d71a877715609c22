import { ImrError } from '../../errors/imr-error.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import type { Citation, Decision, Letter, LetterHeader, LetterItem, LetterLayout, LetterReviewer } from '../model.js';
import { isOrganizationName, organizationShortName } from '../organization.js';
import { parseCitation } from './citation.js';
import { correctionIn } from './correction-banner.js';
import { BREAK, cleanText, joinLines, letterLines, paragraphs } from './clean-text.js';
import { blankInnerPages, decisionsInsideLines, lastSentenceEnd, missingDecisionLines, pagesCutShort, repeatedItems } from './damage-checks.js';
import { DATE_PATTERN, parseLetterDate } from './dates.js';
import { IMR_APPLICATION_PHRASE, UR_PHRASE, dateNear, parseReviewer, parseWorker } from './reviewer-worker.js';

export interface ParsedLetter {
  letter: Letter;
  layout: LetterLayout;
  /** Things the reader had to guess or could not find; `--strict` turns them into an error. */
  warnings: string[];
}

export interface ParseOptions {
  /** Where the text came from (a file name), used in error messages. */
  source?: string;
}

/** Thrown by the layout readers; `parseLetterText` adds the source to the message. */
function fail(code: ErrorCode, what: string): never {
  throw new ImrError(code, what);
}

// ---------------------------------------------------------------------------------------------
// Sections: cut by their headings.

interface Heading {
  key: string;
  re: RegExp;
  title: string;
}

const HOW: Heading = { key: 'how', re: /^HOW THE IMR FINAL DETERMINATION WAS MADE:?$/i, title: 'HOW THE IMR FINAL DETERMINATION WAS MADE' };
const SUMMARY: Heading = { key: 'summary', re: /^CLINICAL CASE SUMMARY:?$/i, title: 'CLINICAL CASE SUMMARY' };
const DOCUMENTS: Heading = { key: 'documents', re: /^DOCUMENTS REVIEWED:?$/i, title: 'DOCUMENTS REVIEWED' };
const ISSUES: Heading = {
  key: 'issues',
  re: /^(?:IMR ISSUES,? DECISIONS,? AND RATIONALES|IMR DECISION\(S\) AND RATIONALE\(S\)):?$/i,
  title: 'IMR ISSUES, DECISIONS AND RATIONALES',
};
const MODERN_HEADINGS = [HOW, DOCUMENTS, SUMMARY, ISSUES];

/** Headings in capitals start with two capitals: a cheap test before the patterns. */
function mayBeHeading(line: string): boolean {
  const a = line.charCodeAt(0);
  const b = line.charCodeAt(1);
  return a >= 65 && a <= 90 && ((b >= 65 && b <= 90) || b === 32) && line.length < 120;
}

/** Cuts lines into sections at heading lines; text before the first heading is under "preamble". */
function cutSections(
  lines: readonly string[],
  headings: readonly Heading[],
  candidate: (line: string) => boolean = (l) => l !== BREAK,
  warnings?: string[],
): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  sections.set('preamble', current);
  let last = -1;
  for (const line of lines) {
    const h = !candidate(line) ? undefined : headings.find((x) => x.re.test(line));
    if (h && !sections.has(h.key)) {
      // Headings come in the layout's order: one out of order means lines of the letter were moved.
      const at = headings.indexOf(h);
      if (at < last) warnings?.push(`the heading "${h.title}" comes after "${headings[last].title}": a part of the letter is out of place; check the letter`);
      last = Math.max(last, at);
      current = [];
      sections.set(h.key, current);
    } else {
      // A heading twice: a part of the letter copied into it (what follows the copy is read into the wrong place).
      if (h) warnings?.push(`the heading "${h.title}" appears twice: a part of the letter may be copied or out of place; check the letter`);
      current.push(line);
    }
  }
  return sections;
}

function dropLeadingBreaks(lines: string[]): string[] {
  let i = 0;
  while (i < lines.length && lines[i] === BREAK) i++;
  return lines.slice(i);
}

// ---------------------------------------------------------------------------------------------
// Header block (2016–2017 layout).

const labelPatterns = new Map<string, RegExp>();
function headerDate(text: string, label: string): string | null {
  let re = labelPatterns.get(label);
  if (!re) labelPatterns.set(label, (re = new RegExp(`${label}\\s*:?\\s*(${DATE_PATTERN})`, 'i')));
  const m = re.exec(text);
  return m ? parseLetterDate(m[1]) : null;
}

/** Whether `label` is followed by something written like a date (real or not). */
function headerDateWritten(text: string, label: string): boolean {
  return new RegExp(`${label.replace(/ /g, '\\s+')}\\s*:?\\s*${DATE_PATTERN}`, 'i').test(text);
}

/** The IMR case number ("CM16-0000001") after "Case Number:", upper case, or null. */
function caseNumberIn(text: string): string | null {
  return /Case Number\s*:\s*([A-Z]{1,4}\d{2}-\d{4,8})/i.exec(text)?.[1].toUpperCase() ?? null;
}

function parseHeader(text: string): LetterHeader {
  const priority = /Priority\s*:\s*(Standard|Expedited)/i.exec(text)?.[1];
  return {
    caseNumber: caseNumberIn(text),
    dateAssigned: headerDate(text, 'Date Assigned'),
    injuryDate: headerDate(text, 'Date of Injury'),
    decisionDate: headerDate(text, 'Decision Date'),
    urDenialDate: headerDate(text, 'UR Denial Date'),
    priority: priority ? ((priority[0].toUpperCase() + priority.slice(1).toLowerCase()) as 'Standard' | 'Expedited') : null,
    // The label wraps in the published PDFs: "Application 11/03/2016 / Received:".
    applicationReceived: headerDate(text, 'Application\\s+(?:Received\\s*:?)?'),
  };
}

const HEADER_FIELDS: Array<[keyof LetterHeader, string]> = [
  ['caseNumber', 'Case Number'],
  ['dateAssigned', 'Date Assigned'],
  ['injuryDate', 'Date of Injury'],
  ['decisionDate', 'Decision Date'],
  ['urDenialDate', 'UR Denial Date'],
  ['priority', 'Priority'],
  ['applicationReceived', 'Application Received'],
];

// ---------------------------------------------------------------------------------------------
// Items: cut by their decision lines.

const DECISION_AT_END = /^(.*\S)\s*:\s*(Upheld|Overturned)\.?$/i;
const DECISION_ALONE = /^(Upheld|Overturned)\.?$/i;
const LABEL = /^(Claims Administrator guideline|(?:MAXIMUS|Expert Reviewer|Reviewer|IMR) guideline|Decision rationale)\s*:\s*/i;
const LABEL_INSIDE = /\s(?=(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale)\s*:)/;
/**
 * Any organisation's reviewer guideline label ("Golden State Medical Review guideline:"): up to
 * eight words, the first capitalised. Taken for the reviewer's label only where the published
 * letters have "MAXIMUS guideline:": after the claims administrator's guideline, before the
 * reviewer's guideline or the decision rationale.
 */
const ORG_LABEL = /^([A-Z0-9][\w&'.,()-]*(?:\s+[\w&'.,()-]+){0,7})\s+[Gg]uideline\s*:\s*/;
const RATIONALE_END = /(?:necessary|appropriate|indicated|supported|warranted|recommended|certified)\s*\.["')]?$/i;
const ISSUES_LEAD_IN = /^The Final Determination was based on decisions for the disputed items\/services set forth below:?$/i;

function decisionOf(word: string): Decision {
  return word.toLowerCase() === 'upheld' ? 'Upheld' : 'Overturned';
}

interface DecisionLine {
  /** Index of the line holding the decision word. */
  at: number;
  /** First and last line of the request. */
  from: number;
  to: number;
  /** The last line's text without ": Upheld". */
  lastText: string;
  decision: Decision;
}

/** True when the line ends in "Upheld" or "Overturned" in any case, maybe with a full stop. */
function endsWithDecisionWord(line: string): boolean {
  const end = line.endsWith('.') ? line.length - 1 : line.length;
  const c = line.charCodeAt(end - 1);
  if (c !== 100 /* d */ && c !== 68 /* D */) return false;
  return line.slice(Math.max(0, end - 6), end).toLowerCase() === 'upheld' || line.slice(Math.max(0, end - 10), end).toLowerCase() === 'overturned';
}

function findDecisionLines(lines: readonly string[]): DecisionLine[] {
  const found: DecisionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === BREAK) continue;
    // Cheap test first: a decision line ends with its decision word (the patterns below backtrack
    // through every line they are tried on).
    if (!endsWithDecisionWord(line) || LABEL.test(line)) continue;
    let m = DECISION_AT_END.exec(line);
    if (m) {
      found.push({ at: i, from: i, to: i, lastText: m[1], decision: decisionOf(m[2]) });
      continue;
    }
    m = DECISION_ALONE.exec(line);
    if (m && i > 0 && /:$/.test(lines[i - 1]) && !LABEL.test(lines[i - 1])) {
      found.push({ at: i, from: i - 1, to: i - 1, lastText: lines[i - 1].replace(/\s*:$/, ''), decision: decisionOf(m[1]) });
    }
  }
  // A request wraps backwards to the start of its paragraph (never into the previous item's rationale).
  for (let k = 0; k < found.length; k++) {
    const d = found[k];
    const floor = k > 0 ? found[k - 1].at + 1 : 0;
    let from = d.to;
    while (from - 1 >= floor) {
      const prev = lines[from - 1];
      if (prev === BREAK || LABEL.test(prev) || RATIONALE_END.test(prev) || ISSUES_LEAD_IN.test(prev)) break;
      from--;
    }
    d.from = from;
  }
  return found;
}

function requestText(lines: readonly string[], d: DecisionLine): string {
  const parts = lines.slice(d.from, d.to).filter((l) => l !== BREAK);
  parts.push(d.lastText);
  // "The original request, X is: Upheld": the verb belongs to the sentence, not to the request.
  return joinLines(parts).replace(/,?\s+(?:is|are)$/i, '');
}

/**
 * The labels of the reviewer's guideline line that a letter naming `organization` may use besides
 * those in LABEL: "<short name> guideline:" (null when that is "MAXIMUS", already in LABEL).
 */
interface OrgLabel {
  /** The label at the start of a line. */
  start: RegExp;
  /** The label inside a line, after a space. */
  inside: RegExp;
  /** The label's words, literally (a cheap test before `inside`). */
  words: string;
}

function orgLabelFor(organization: string | null): OrgLabel | null {
  if (organization === null) return null;
  const short = organizationShortName(organization);
  if (/^maximus$/i.test(short)) return null;
  const words = `${short} guideline`;
  const re = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return { start: new RegExp(`^(${re})\\s*:\\s*`, 'i'), inside: new RegExp(`\\s(?=${re}\\s*:)`, 'i'), words };
}

/** Splits a line that holds two labelled parts ("… decision. Decision rationale: …"). */
function splitLabels(lines: readonly string[], org: OrgLabel | null): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === BREAK) {
      out.push(line);
      continue;
    }
    let rest = line;
    // Cheap tests first (LABEL_INSIDE is tried at every space): a label inside a line has a colon
    // and one of the labels, literally.
    const orgInside = org !== null && rest.toLowerCase().includes(org.words.toLowerCase());
    if (!rest.includes(':') || !(orgInside || rest.includes('Decision rationale') || rest.includes('Claims Administrator guideline') || rest.includes('MAXIMUS guideline'))) {
      out.push(rest);
      continue;
    }
    for (;;) {
      const m = LABEL_INSIDE.exec(rest);
      const o = orgInside ? org.inside.exec(rest) : null;
      const at = [m, o].filter((x): x is RegExpExecArray => x !== null && x.index > 0).sort((a, b) => a.index - b.index)[0];
      if (!at) break;
      out.push(rest.slice(0, at.index).trim());
      rest = rest.slice(at.index + 1);
    }
    out.push(rest);
  }
  return out;
}

interface ItemParts {
  ca: string[] | null;
  reviewer: string[] | null;
  rationale: string[] | null;
}

/** The reviewer's label of another organisation at the start of `line`, where one may stand. */
function orgLabelAt(line: string, parts: ItemParts, org: OrgLabel | null): RegExpExecArray | null {
  if (parts.reviewer !== null || parts.rationale !== null) return null;
  const own = org?.start.exec(line) ?? null;
  if (own) return own;
  // Any organisation's label, right after the claims administrator's guideline.
  return parts.ca !== null ? ORG_LABEL.exec(line) : null;
}

/** Cuts an item's block into its guideline lines and rationale, by their labels. */
function itemParts(block: readonly string[], org: OrgLabel | null): ItemParts {
  const parts: ItemParts = { ca: null, reviewer: null, rationale: null };
  let current: string[] | null = null;
  for (const line of splitLabels(block, org)) {
    // A label has a colon: most rationale lines have none, and need no pattern.
    const m = line === BREAK || !line.includes(':') ? null : (LABEL.exec(line) ?? orgLabelAt(line, parts, org));
    if (m) {
      current = [line.slice(m[0].length)];
      const label = m[1].toLowerCase();
      if (label.startsWith('claims')) parts.ca = current;
      else if (label.startsWith('decision')) parts.rationale = current;
      else parts.reviewer = current;
    } else if (current) {
      // A guideline line ends at its paragraph; the rationale runs to the end of the block.
      if (line === BREAK && current !== parts.rationale) current = null;
      else current.push(line);
    }
  }
  return parts;
}

function citationOrNone(lines: string[] | null, what: string, itemNo: number, warnings: string[]): Citation {
  if (lines === null) {
    warnings.push(`item ${itemNo}: no "${what}" line; recorded as no citation`);
    return parseCitation('');
  }
  return parseCitation(joinLines(lines));
}

function parseItems(issueLines: readonly string[], warnings: string[], organization: string | null, letterText: string): LetterItem[] {
  const org = orgLabelFor(organization);
  const reviewerLabel = `${organization === null ? 'MAXIMUS' : organizationShortName(organization)} guideline`;
  const lines = issueLines.filter((l) => !(l.startsWith('The Final Determination') && ISSUES_LEAD_IN.test(l)));
  const decisions = findDecisionLines(lines);
  if (decisions.length === 0) {
    fail('IMR_ERR_LETTER_NO_ITEMS', 'the IMR ISSUES, DECISIONS AND RATIONALES section has no decision line ("<request>: Upheld" or "<request>: Overturned"); check that the letter is complete');
  }
  const items: LetterItem[] = [];
  decisions.forEach((d, k) => {
    const end = k + 1 < decisions.length ? decisions[k + 1].from : lines.length;
    const parts = itemParts(lines.slice(d.at + 1, end), org);
    const no = k + 1;
    const last = k === decisions.length - 1;
    const rationale = parts.rationale ? cleanText(parts.rationale) : '';
    if (last && (parts.rationale === null || rationale === '')) {
      fail('IMR_ERR_LETTER_TRUNCATED', `item ${no} (the last) has no decision rationale: the letter ends early`);
    }
    if (last) lastRationaleEnd(rationale, no, letterText, warnings);
    // Only whole sentences stand before the next decision line: text lost in between (a page that
    // stops early) leaves this rationale cut off.
    else if (rationale && lastSentenceEnd(rationale, letterText) !== 'complete') {
      warnings.push(`item ${no}: its decision rationale stops in mid-sentence before item ${no + 1}: part of the letter may be missing; check that the letter is complete`);
    }
    if (!last && parts.rationale === null) warnings.push(`item ${no}: no "Decision rationale" paragraph`);
    const request = requestText(lines, d);
    // The letters write each request as a phrase of its own, capitalised: one in lower case lost its start.
    if (/^[a-z]/.test(request)) warnings.push(`item ${no}: its request starts in lower case, as if cut in two: a line before it may be missing; check the letter`);
    items.push({
      request,
      decision: d.decision,
      claimsAdministratorGuideline: citationOrNone(parts.ca, 'Claims Administrator guideline', no, warnings),
      reviewerGuideline: citationOrNone(parts.reviewer, reviewerLabel, no, warnings),
      rationale,
    });
  });
  warnings.push(
    ...missingDecisionLines(
      lines.slice(0, decisions[0].from),
      decisions.map((d, k) => lines.slice(d.at + 1, k + 1 < decisions.length ? decisions[k + 1].from : lines.length)),
    ),
    ...mergedDecisions(lines, decisions),
    ...repeatedItems(items),
  );
  return items;
}

/**
 * The last rationale must end like a sentence: one that stops in the middle is a letter cut short
 * (an error); a whole last sentence without its full stop is only a slip (a warning).
 */
function lastRationaleEnd(rationale: string, no: number, letterText: string, warnings: string[]): void {
  const end = lastSentenceEnd(rationale, letterText);
  if (end === 'cut') fail('IMR_ERR_LETTER_TRUNCATED', `the decision rationale of item ${no} (the last) stops in mid-sentence: the letter ends early`);
  if (end === 'no-period') warnings.push(`item ${no} (the last): the last sentence of its decision rationale lacks its final period; check that the letter is complete`);
}

/** A warning when a decision stands inside a line (a decision line merged with the next): that item was not read. */
function mergedDecisions(lines: readonly string[], decisions: readonly DecisionLine[]): string[] {
  const n = decisionsInsideLines(lines, new Set(decisions.map((d) => d.at)));
  return n === 0 ? [] : [`${n} decision(s) ("…: Upheld" / "…: Overturned") stand inside a line, not at its end: the item(s) were not read; check the letter's line breaks`];
}

// ---------------------------------------------------------------------------------------------
// Layouts.

const SUMMARY_LEAD_IN = /^The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:?\s*/i;

/**
 * The organisation named at the start of the how section ("MAXIMUS Federal Services sent the
 * complete case file to an expert reviewer."), or null.
 */
function organizationInHow(how: readonly string[]): string | null {
  return organizationBefore(paragraphs(how)[0] ?? '', ' sent the complete case file');
}

/** The organisation named as the subject of `phrase` in `paragraph` (the words of its sentence before it), or null. */
function organizationBefore(paragraph: string, phrase: string): string | null {
  const at = paragraph.indexOf(phrase);
  if (at <= 0) return null;
  // The sentence that names it: after any sentence before it.
  const name = paragraph.slice(0, at).split(/[.!?:]\s+(?=[A-Z0-9])/).pop()!.trim();
  return isOrganizationName(name) ? name : null;
}

function noReviewer(warnings: string[]): LetterReviewer {
  warnings.push('the reviewer\'s credentials (licensure, specialty) were not found');
  return { licensure: [], specialty: null, subspecialty: null };
}

function requireSection(sections: Map<string, string[]>, h: Heading): string[] {
  const s = sections.get(h.key);
  if (!s) fail('IMR_ERR_LETTER_TRUNCATED', `the section "${h.title}" is missing; give the complete letter`);
  return s;
}

/** The 2014–2015 letters (seeds) and the 2016–2017 published letters: same sections, with or without a header block. */
function parseModern(lines: string[], layout: 'seed-2015' | 'dwc-2016', warnings: string[]): Letter {
  const sections = cutSections(lines, MODERN_HEADINGS, mayBeHeading, warnings);
  const how = requireSection(sections, HOW);
  const summaryLines = requireSection(sections, SUMMARY);
  const issues = requireSection(sections, ISSUES);
  let header: LetterHeader | null = null;
  if (layout === 'dwc-2016') {
    const preamble = joinLines(sections.get('preamble') ?? []);
    header = parseHeader(preamble);
    for (const [key, label] of HEADER_FIELDS) {
      if (header[key] !== null) continue;
      // A date that is written but impossible (02/30/2015) is not a missing one; never quote it (PHI).
      warnings.push(headerDateWritten(preamble, label) ? `header: the ${label} is not a real date; correct its month or day` : `header: no ${label}`);
    }
  }
  const summaryParas = paragraphs(summaryLines);
  if (summaryParas.length && SUMMARY_LEAD_IN.test(summaryParas[0])) summaryParas[0] = summaryParas[0].replace(SUMMARY_LEAD_IN, '');
  const clinicalSummary = summaryParas.filter(Boolean).join('\n\n');
  if (!clinicalSummary) warnings.push('the clinical case summary is empty');
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

/** A corrected letter's correction, from its head; nothing for an original (the key stays absent). */
function correctionOf(preamble: readonly string[]): Pick<Letter, 'correction'> {
  const correction = correctionIn(preamble);
  return correction ? { correction } : {};
}

/** A list section: one entry per line when the lines are short, else per paragraph. */
function paragraphsOrLines(lines: readonly string[]): string[] {
  const content = lines.filter((l) => l !== BREAK);
  const listLike = content.every((l) => l.length < 90) || content.some((l) => /^(?:\d+[.)]|[-•*])\s/.test(l));
  return (listLike ? content : paragraphs(lines)).map((l) => l.replace(/^(?:\d+[.)]|[-•*])\s+/, '').trim()).filter(Boolean);
}

// -- The 2013 "Notice of Independent Medical Review Determination" ---------------------------------

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

function parseNotice2013(lines: string[], warnings: string[]): Letter {
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
      warnings.push(`item ${n}: no "${n}) Regarding the request for …" block`);
    }
    const parts = labelledParts(block ?? [], NOTICE_LABELS);
    const rationale = parts.rationale ? cleanText(parts.rationale) : '';
    if (block && !rationale) {
      if (n === numbers[numbers.length - 1]) fail('IMR_ERR_LETTER_TRUNCATED', `item ${n} (the last) has no "Rationale for the Decision": the letter ends early`);
      warnings.push(`item ${n}: no "Rationale for the Decision"`);
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
  const header: LetterHeader = {
    caseNumber: caseNumberIn(preamble),
    dateAssigned: headerDate(rationaleIntro, 'Notice of Assignment and Request for Information (?:dated|mailed|sent)(?: on)?'),
    injuryDate: headerDate(preamble, 'Date of Injury'),
    decisionDate: headerDate(preamble, 'Dated'),
    urDenialDate: headerDate(preamble, 'Date of UR Decision'),
    priority: /\bExpedited\b/i.test(preamble) ? 'Expedited' : null,
    applicationReceived: headerDate(preamble, 'IMR Application Received'),
  };
  return historicLetter(header, worker, sections, warnings, reviewOrganization, {
    urDecisionDate: headerDate(rationaleIntro, 'Utilization Review Determination (?:dated|of)') ?? header.urDenialDate,
    imrApplicationDate: headerDate(rationaleIntro, 'Application for Independent Medical Review (?:received|dated|signed)(?: on)?'),
    clinicalSummary,
    documentsReviewed: sections.get('documents') ? paragraphsOrLines(before) : null,
    items,
  });
}

/** A letter of a historic layout (its worker's injury date falling back to the header's). */
function historicLetter(
  header: LetterHeader,
  worker: Letter['worker'],
  sections: Map<string, string[]>,
  warnings: string[],
  reviewOrganization: string | null,
  rest: Pick<Letter, 'urDecisionDate' | 'imrApplicationDate' | 'clinicalSummary' | 'documentsReviewed' | 'items'>,
): Letter {
  if (worker.injuryDate === null) worker.injuryDate = header.injuryDate;
  return { reviewOrganization, header, reviewer: parseReviewer(sections.get('qualifications') ?? []) ?? noReviewer(warnings), worker, ...rest };
}

// -- The "MEDICAL PROFESSIONAL REVIEW" form ------------------------------------------------------

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

function parseMprForm(lines: string[], warnings: string[]): Letter {
  const sections = cutSections(lines, MPR_HEADINGS);
  for (const h of MPR_HEADINGS) {
    if (h.key !== 'documents' && h.key !== 'qualifications' && !sections.has(h.key)) {
      fail('IMR_ERR_LETTER_TRUNCATED', `the section "${h.title}" is missing; give the complete form`);
    }
  }
  const issueLines = sections.get('issues')!;
  const decisions = findDecisionLines(issueLines);
  if (decisions.length === 0) fail('IMR_ERR_LETTER_NO_ITEMS', 'the ISSUE AT DISPUTE section has no decision line ("<request>: Upheld" or "<request>: Overturned")');
  warnings.push(...mergedDecisions(issueLines, decisions));
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
      warnings.push(`item ${n}: no rationale`);
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
  const header: LetterHeader = {
    caseNumber: caseNumberIn(preamble),
    dateAssigned: headerDate(preamble, 'Date Assigned'),
    injuryDate: headerDate(preamble, 'Date of Injury'),
    decisionDate: headerDate(preamble, '(?:Decision Date|Date of Review|Review Date)'),
    urDenialDate: headerDate(preamble, '(?:UR Denial Date|Date of UR Decision)'),
    priority: /Priority\s*:\s*Expedited/i.test(preamble) ? 'Expedited' : /Priority\s*:\s*Standard/i.test(preamble) ? 'Standard' : null,
    applicationReceived: headerDate(preamble, '(?:Application Received|IMR Application Received)'),
  };
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

// ---------------------------------------------------------------------------------------------

const NOTICE_TITLE_LENGTH = 'Notice of Independent Medical Review Determination'.length;
const MPR_TITLE_LENGTH = 'MEDICAL PROFESSIONAL REVIEW'.length;

/** Which layout the lines are in, or null when they are no determination letter we know. */
export function detectLayout(lines: readonly string[]): LetterLayout | null {
  const head = lines.slice(0, 80);
  // Each title is a whole line of fixed length: compare lengths before running the pattern on every line.
  if (head.some((l) => l.length === NOTICE_TITLE_LENGTH && /^Notice of Independent Medical Review Determination$/i.test(l))) return 'notice-2013';
  if (head.some((l) => l.length === MPR_TITLE_LENGTH && /^MEDICAL PROFESSIONAL REVIEW$/i.test(l))) return 'mpr-form';
  const firstHeading = lines.findIndex((l) => mayBeHeading(l) && MODERN_HEADINGS.some((h) => h.re.test(l)));
  if (firstHeading < 0) return null;
  const preamble = lines.slice(0, firstHeading).join(' ');
  return /Case Number\s*:/i.test(preamble) ? 'dwc-2016' : 'seed-2015';
}

/**
 * Reads the text of an IMR Final Determination letter (typed, or extracted from a PDF) into the
 * letter model. Pure and synchronous. Throws ImrError IMR_ERR_LETTER_EMPTY,
 * IMR_ERR_LETTER_UNRECOGNIZED, IMR_ERR_LETTER_DAMAGED (a page between others yields no text),
 * IMR_ERR_LETTER_TRUNCATED or IMR_ERR_LETTER_NO_ITEMS, with a message
 * that names the source (when given) and what is missing.
 */
export function parseLetterText(text: string, opts: ParseOptions = {}): ParsedLetter {
  const where = opts.source ? `${opts.source}: ` : '';
  try {
    if (!/[^\s\u0000\uFEFF]/.test(text)) {
      fail('IMR_ERR_LETTER_EMPTY', 'the letter is empty (no text); give the letter text or PDF');
    }
    const lines = letterLines(text);
    const layout = detectLayout(lines);
    if (layout === null) {
      fail(
        'IMR_ERR_LETTER_UNRECOGNIZED',
        'this is not a determination letter the reader knows: none of its headings (HOW THE IMR FINAL DETERMINATION WAS MADE, CLINICAL CASE SUMMARY, IMR ISSUES, DECISIONS AND RATIONALES; the 2013 notice; the MEDICAL PROFESSIONAL REVIEW form) was found',
      );
    }
    const { blank, pages } = blankInnerPages(text);
    if (blank.length) {
      fail('IMR_ERR_LETTER_DAMAGED', `page${blank.length > 1 ? 's' : ''} ${blank.join(', ')} of ${pages} yield${blank.length > 1 ? '' : 's'} no text (damaged?): what stood there would be missing; get a fresh copy of the file`);
    }
    const warnings: string[] = [];
    const letter =
      layout === 'notice-2013'
        ? parseNotice2013(lines, warnings)
        : layout === 'mpr-form'
          ? parseMprForm(lines, warnings)
          : parseModern(lines, layout === 'dwc-2016' ? 'dwc-2016' : 'seed-2015', warnings);
    for (const p of pagesCutShort(text)) {
      warnings.push(`page ${p} stops in mid-sentence where the next page starts a new part: text between them may be missing (a damaged page?); get a fresh copy of the file`);
    }
    return { letter, layout, warnings };
  } catch (e) {
    if (e instanceof ImrError && where) throw new ImrError(e.code, where + e.message, { subject: opts.source, cause: e.cause });
    throw e;
  }
}
