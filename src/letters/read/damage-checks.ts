/**
 * Cross-checks of what the letter reader found, so that a damaged letter is never read as whole:
 * a page that yields no text, an item's decision line that went missing (its guideline and rationale
 * paragraphs then land in the item before), a decision merged into another line, a part of the letter
 * repeated, a last sentence that stops short. Pure functions over the reader's lines and items; the
 * reader turns their findings into warnings (which `--strict` refuses) or errors.
 */
import type { LetterItem } from '../model.js';

/** Letters and digits: a page without one yields no text. */
const HAS_TEXT = /[A-Za-z0-9]/;

/**
 * The pages (1-based) that yield no text between pages that do, and the number of pages. Pages are
 * separated by form feeds (as the PDF text extraction writes them). A blank page at the end is left
 * alone: three of the published letters end with one (so a damaged last page that pdf.js reads as
 * empty cannot be told from it here: only the PDF reader sees that a stream is damaged).
 */
export function blankInnerPages(text: string): { blank: number[]; pages: number } {
  if (!text.includes('\f')) return { blank: [], pages: 1 };
  const pages = text.split('\f');
  const hasText = pages.map((p) => HAS_TEXT.test(p));
  const lastWithText = hasText.lastIndexOf(true);
  const firstWithText = hasText.indexOf(true);
  const blank: number[] = [];
  // Blank pages before the first page with text are left alone too (a text file may start with a
  // form feed); a lost first page shows anyway, as a missing header or section.
  for (let i = firstWithText + 1; i < lastWithText; i++) if (!hasText[i]) blank.push(i + 1);
  return { blank, pages: pages.length };
}

/** A line that starts a new part of an item: a label, or a decision line. */
const STARTS_PART = /^(?:(?:Claims Administrator|MAXIMUS|Expert Reviewer|Reviewer|IMR)\s+guideline|Decision rationale)\s*:|:\s*(?:Upheld|Overturned)\.?$/i;
/** How a page may end: a sentence, a heading or label (colon), a decision line. */
const PAGE_END = /(?:[.!?:;"')\]]|Upheld|Overturned)$/i;

/**
 * The pages (1-based) that stop in mid-sentence where the next page starts a new part (a guideline,
 * a rationale, a decision line): the end of the page was not read (a damaged stream that pdf.js reads
 * only in part). A sentence that runs on over a page break continues on the next page instead.
 */
export function pagesCutShort(text: string): number[] {
  if (!text.includes('\f')) return [];
  const pages = text.split('\f').map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean));
  const out: number[] = [];
  for (let i = 0; i + 1 < pages.length; i++) {
    const last = pages[i][pages[i].length - 1];
    const next = pages[i + 1][0];
    if (last !== undefined && next !== undefined && !PAGE_END.test(last) && STARTS_PART.test(next)) out.push(i + 1);
  }
  return out;
}

/**
 * Words that end a sentence only when it was cut short: a letter cut at a word boundary most often
 * stops on one of these.
 */
const DANGLING = new Set(
  (
    'a an the of to and or for with in on at by as is are was were be been being that which who than from not no nor this these those its ' +
    'their his her our your per if but so such into upon under over between without within including both either has have had will would ' +
    'should may might can could must there also more less very'
  ).split(' '),
);

/**
 * How the last rationale of a letter ends: "complete" (with its final punctuation), "no-period" (a
 * whole last sentence that lacks only its full stop: a typing slip, worth a warning), or "cut" (it
 * stops in the middle of a sentence or a word: the letter ends early). `context` is the text the
 * rationale came from (the whole letter), to tell a whole word from a word cut in two.
 */
export function lastSentenceEnd(rationale: string, context: string): 'complete' | 'no-period' | 'cut' {
  const text = rationale.trimEnd();
  if (/[.!?"')\]]$/.test(text)) return 'complete';
  const m = /([A-Za-z0-9]+)$/.exec(text);
  if (!m) return 'cut';
  const word = m[1];
  if (DANGLING.has(word.toLowerCase())) return 'cut';
  if (word.length < 2 && !/\d/.test(word)) return 'cut';
  // A word cut in two is the start of a longer word the letter uses ("neces" of "necessary") and
  // not itself a word the letter uses elsewhere; a whole word is either used elsewhere or no such start.
  const uses = context.match(new RegExp(`\\b${word}\\b`, 'gi'))?.length ?? 0;
  if (uses >= 2) return 'no-period';
  return new RegExp(`\\b${word}[A-Za-z]`, 'i').test(context) ? 'cut' : 'no-period';
}

/** The labels an item's block holds once each (the published layouts); seeing one twice means an item's decision line went missing. */
const ITEM_LABELS = ['Claims Administrator guideline', 'Decision rationale'] as const;

/** How often each item label starts a line (or follows a sentence) in `lines`. */
function labelCounts(lines: readonly string[]): Record<(typeof ITEM_LABELS)[number], number> {
  const counts = { 'Claims Administrator guideline': 0, 'Decision rationale': 0 };
  for (const line of lines) {
    for (const label of ITEM_LABELS) {
      let at = line.indexOf(label);
      while (at >= 0) {
        if (/^\s*:/.test(line.slice(at + label.length))) counts[label]++;
        at = line.indexOf(label, at + label.length);
      }
    }
  }
  return counts;
}

/** The sentence that opens the items (on one line or wrapped). */
const ISSUES_LEAD_IN = /The Final Determination was based on decisions for the disputed items\/services set forth below:?/gi;

/**
 * Warnings for the items' blocks: a block with an item label twice holds the paragraphs of an item
 * whose decision line is missing; labels before the first decision line mean the first item's
 * decision line is missing. `blocks[k]` is item k+1's block; `before` the lines before item 1.
 */
export function missingDecisionLines(before: readonly string[], blocks: ReadonlyArray<readonly string[]>): string[] {
  const out: string[] = [];
  const lead = labelCounts(before);
  if (lead['Decision rationale'] > 0 || lead['Claims Administrator guideline'] > 0) {
    out.push('a guideline or decision rationale stands before item 1: the decision line ("<request>: Upheld") of an item before it is missing; check that the letter is complete');
  } else if (HAS_TEXT.test(before.join(' ').replace(/\s+/g, ' ').replace(ISSUES_LEAD_IN, ''))) {
    // Only the lead-in sentence stands before the first request.
    out.push('text that belongs to no item stands before item 1 (a request cut in two, or lines out of place); check the letter');
  }
  blocks.forEach((block, k) => {
    const c = labelCounts(block);
    const extra = Math.max(c['Decision rationale'], c['Claims Administrator guideline']) - 1;
    if (extra > 0) {
      out.push(
        `item ${k + 1} holds ${extra + 1} decision rationales or claims administrator guidelines: the decision line of ${extra === 1 ? 'an item' : `${extra} items`} after it is missing; check that the letter is complete`,
      );
    }
  });
  return out;
}

/** ": Upheld" or ": Overturned" followed by more text on its line: a decision line merged into the next. */
const DECISION_INSIDE = /:\s*(?:Upheld|Overturned)\b(?!\.?\s*$)/;

/** How many lines (other than the decision lines found) hold a decision in the middle of their text. */
export function decisionsInsideLines(lines: readonly string[], decisionLineAt: ReadonlySet<number>): number {
  let n = 0;
  for (let i = 0; i < lines.length; i++) if (!decisionLineAt.has(i) && (lines[i].includes('Upheld') || lines[i].includes('Overturned')) && DECISION_INSIDE.test(lines[i])) n++;
  return n;
}

/**
 * Items that repeat an earlier one (the same request with the same decision): a part of the letter
 * copied twice. A letter disputes each item once.
 */
export function repeatedItems(items: readonly LetterItem[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, k) => {
    const key = `${item.request.toLowerCase().replace(/\s+/g, ' ')}\u0000${item.decision}`;
    const first = seen.get(key);
    if (first !== undefined) out.push(`item ${k + 1} repeats the request and decision of item ${first}: part of the letter may be copied twice; check the letter`);
    else seen.set(key, k + 1);
  });
  return out;
}
