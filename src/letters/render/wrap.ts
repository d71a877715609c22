/**
 * Word wrapping that keeps a rendered letter readable back. A reader of letters cuts sections by
 * their headings and items by their decision lines, and joins a line ending in a hyphen to the
 * next without a space; a wrapped line of running text must therefore never begin like a
 * heading or a label, nor end like a decision line or with a hyphen. The wrapper breaks one
 * word earlier where a greedy break would make such a line.
 */

export interface WrapOptions {
  /** Width available for each line, in the unit of `measure`. */
  width: number;
  /** Width available for the first line (less when a label precedes it). Defaults to `width`. */
  firstWidth?: number;
  /** Width of a string (characters for plain text, points for PDF). */
  measure: (s: string) => number;
  /** Further line endings to avoid before a break (a request's line must not end like a rationale). */
  avoidEnd?: RegExp;
}

/** How a decision rationale ends; a reader stops a wrapped request at such a line. */
export const RATIONALE_ENDING = /(?:necessary|appropriate|indicated|supported|warranted|recommended|certified)\s*\.["')]?$/i;

/** Structure a reader keys on at the start of a line (one pattern, tried once per break). */
const START_HAZARD = new RegExp(
  [
    '(?:Claims Administrator|MAXIMUS|Maximus) guideline\\s*:',
    '[Dd]ecision [Rr]ationale\\s*:',
    'HOW THE IMR',
    'CLINICAL CASE SUMMARY',
    'DOCUMENTS REVIEWED',
    'IMR (?:ISSUES|DECISION)',
    'The Expert Reviewer has the following',
    'State\\(s\\) of Licensure\\s*:',
    'Certification\\(s\\)\\s*\\/\\s*Specialty\\s*:',
    'Sub-?specialty\\s*:',
    '(?:Case Number|Date Assigned|Date of Injury|Decision Date|UR Denial Date|Priority|Application Received)\\s*:',
    'Page \\d+ of \\d+',
  ]
    .map((p) => `(?:${p})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')'),
  'i',
);

/**
 * The reviewer's guideline label of any organisation ("Golden State Medical Review guideline:"):
 * up to eight words, the first capitalised, before "guideline:". A reader takes such a line
 * after the claims administrator's guideline for the reviewer's.
 */
const ORG_LABEL_START = /^[A-Z0-9][\w&'.,()-]*(?:\s+[\w&'.,()-]+){0,7}\s+[Gg]uideline\s*:/;

/**
 * Structure a reader keys on at the end of a line: a decision word, a hyphen (the reader joins
 * "word-" to the next line without a space), or a whole line of page furniture ("3 of 5").
 */
const END_HAZARD = /(?:Upheld|Overturned)\W*$|[-\u2010-\u2014]$|^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-)$/i;

export function startsLikeStructure(s: string): boolean {
  return START_HAZARD.test(s) || ORG_LABEL_START.test(s);
}

export function endsLikeStructure(s: string): boolean {
  return END_HAZARD.test(s);
}

const END_SUSPECT = /[-\u2010-\u2014:]$|(?:held|turned)\W*$|^\d+$/i;
/** The first words of START_HAZARD's patterns (and of a decision word): only these can start trouble. */
const START_SUSPECT = /^(?:(?:claims|maximus|decision|how|clinical|documents|imr|the|state|certification|case|date|ur|priority|application|page|upheld|overturned)\b|sub)/i;

/** True when breaking `words` before index `end` (the line starting at `start`) makes a misleading line. */
function breakHazard(words: readonly string[], start: number, end: number, avoidEnd: RegExp | undefined, orgLabels: boolean): boolean {
  if (end >= words.length) return false;
  const last = words[end - 1];
  const next = words[end];
  // Cheap first: most breaks fall between ordinary words.
  const endSuspect = avoidEnd !== undefined || END_SUSPECT.test(last);
  if (orgLabels && ORG_LABEL_START.test(words.slice(end, end + 9).join(' '))) return true;
  const startSuspect = START_SUSPECT.test(next);
  if (!endSuspect && !startSuspect) return false;
  if (endSuspect) {
    const here = words.slice(start, end).join(' ');
    if (endsLikeStructure(here) || (avoidEnd?.test(here) ?? false)) return true;
  }
  if (!startSuspect) return false;
  if (/:$/.test(last) && /^(?:Upheld|Overturned)\b/i.test(next)) return true;
  return startsLikeStructure(words.slice(end, end + 10).join(' ')); // enough for the longest label
}

/**
 * Wraps `text` (whitespace is normalised to single spaces) into lines no wider than the width,
 * breaking only at spaces, so that joining the lines with single spaces gives the text back.
 * A line's width is the sum of its words' widths and of the spaces between them. A single word
 * wider than a line stands on a line of its own.
 */
export function wrapWords(text: string, opts: WrapOptions): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const widths = words.map((w) => opts.measure(w));
  const space = opts.measure(' ');
  // Only a text holding "guideline:" can make a line that starts like an organisation's label.
  const orgLabels = /guideline\s*:/i.test(text);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length) {
    const width = lines.length === 0 ? (opts.firstWidth ?? opts.width) : opts.width;
    let j = i + 1;
    let used = widths[i];
    while (j < words.length && used + space + widths[j] <= width) {
      used += space + widths[j];
      j++;
    }
    // Not the last line: step back while the break would create a line a reader mistakes for
    // structure; where a single word is the trouble, carry the next word over the width instead.
    while (j - i > 1 && breakHazard(words, i, j, opts.avoidEnd, orgLabels)) j--;
    while (j < words.length && breakHazard(words, i, j, opts.avoidEnd, orgLabels)) j++;
    lines.push(words.slice(i, j).join(' '));
    i = j;
  }
  return lines;
}
