import type { LetterItem } from '../../model.js';
import { organizationShortName } from '../../organization.js';
import { BREAK, cleanText } from '../clean-text.js';
import { lastSentenceEnd, missingDecisionLines, repeatedItems } from '../damage-checks.js';
import type { Warnings } from '../warnings.js';
import { findDecisionLines, ISSUES_LEAD_IN, LABEL, mergedDecisions, requestText } from './decision-lines.js';
import { citationOrNone, fail, type ItemParts } from './letter-parts.js';

/**
 * The items of a letter since 2014 (the seeds and the published letters): each from its decision
 * line to the next, cut into its guideline lines and rationale by their labels.
 */

const LABEL_INSIDE = /\s(?=(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale)\s*:)/;
/**
 * Any organisation's reviewer guideline label ("Golden State Medical Review guideline:"): up to
 * eight words, the first capitalised. Taken for the reviewer's label only where the published
 * letters have "MAXIMUS guideline:": after the claims administrator's guideline, before the
 * reviewer's guideline or the decision rationale.
 */
const ORG_LABEL = /^([A-Z0-9][\w&'.,()-]*(?:\s+[\w&'.,()-]+){0,7})\s+[Gg]uideline\s*:\s*/;

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

export function parseItems(issueLines: readonly string[], warnings: Warnings, organization: string | null, letterText: string): LetterItem[] {
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
      warnings.add(`item ${no}: its decision rationale stops in mid-sentence before item ${no + 1}: part of the letter may be missing; check that the letter is complete`);
    }
    if (!last && parts.rationale === null) warnings.add(`item ${no}: no "Decision rationale" paragraph`);
    const request = requestText(lines, d);
    // The letters write each request as a phrase of its own, capitalised: one in lower case lost its start.
    if (/^[a-z]/.test(request)) warnings.add(`item ${no}: its request starts in lower case, as if cut in two: a line before it may be missing; check the letter`);
    items.push({
      request,
      decision: d.decision,
      claimsAdministratorGuideline: citationOrNone(parts.ca, 'Claims Administrator guideline', no, warnings),
      reviewerGuideline: citationOrNone(parts.reviewer, reviewerLabel, no, warnings),
      rationale,
    });
  });
  warnings.addAll(
    missingDecisionLines(
      lines.slice(0, decisions[0].from),
      decisions.map((d, k) => lines.slice(d.at + 1, k + 1 < decisions.length ? decisions[k + 1].from : lines.length)),
    ),
  );
  warnings.addAll(mergedDecisions(lines, decisions));
  warnings.addAll(repeatedItems(items));
  return items;
}

/**
 * The last rationale must end like a sentence: one that stops in the middle is a letter cut short
 * (an error); a whole last sentence without its full stop is only a slip (a warning).
 */
function lastRationaleEnd(rationale: string, no: number, letterText: string, warnings: Warnings): void {
  const end = lastSentenceEnd(rationale, letterText);
  if (end === 'cut') fail('IMR_ERR_LETTER_TRUNCATED', `the decision rationale of item ${no} (the last) stops in mid-sentence: the letter ends early`);
  if (end === 'no-period') warnings.add(`item ${no} (the last): the last sentence of its decision rationale lacks its final period; check that the letter is complete`);
}
