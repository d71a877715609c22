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

/** Structure a reader keys on at the start of a line. */
const START_HAZARDS: RegExp[] = [
  /^(Claims Administrator|MAXIMUS|Maximus) guideline\s*:/,
  /^Decision rationale\s*:/i,
  /^HOW THE IMR/,
  /^CLINICAL CASE SUMMARY/,
  /^DOCUMENTS REVIEWED/,
  /^IMR (ISSUES|DECISION)/,
  /^The Expert Reviewer has the following/i,
  /^State\(s\) of Licensure\s*:/i,
  /^Certification\(s\)\s*\/\s*Specialty\s*:/i,
  /^Sub-?specialty\s*:/i,
  /^(Case Number|Date Assigned|Date of Injury|Decision Date|UR Denial Date|Priority|Application Received)\s*:/i,
  /^Page \d+ of \d+/i,
];

/** Structure a reader keys on at the end of a line. */
const END_HAZARDS: RegExp[] = [/:\s*(Upheld|Overturned)\W*$/i, /[-\u2010-\u2014]$/, /(Upheld|Overturned)$/i];

export function startsLikeStructure(s: string): boolean {
  return START_HAZARDS.some((r) => r.test(s));
}

export function endsLikeStructure(s: string): boolean {
  return END_HAZARDS.some((r) => r.test(s));
}

/**
 * Wraps `text` (whitespace is normalised to single spaces) into lines no wider than the width,
 * breaking only at spaces, so that joining the lines with single spaces gives the text back.
 * A single word wider than a line stands on a line of its own.
 */
export function wrapWords(text: string, opts: WrapOptions): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length) {
    const width = lines.length === 0 ? (opts.firstWidth ?? opts.width) : opts.width;
    let j = i + 1;
    let line = words[i];
    while (j < words.length) {
      const candidate = `${line} ${words[j]}`;
      if (opts.measure(candidate) > width) break;
      line = candidate;
      j++;
    }
    // Not the last line: step back while the break would create a line a reader mistakes for
    // structure; where a single word is the trouble, carry the next word over the width instead.
    const hazardous = (end: number) => {
      if (end >= words.length) return false;
      const here = words.slice(i, end).join(' ');
      const rest = words.slice(end, end + 10).join(' '); // enough for the longest label
      const splitDecision = /:$/.test(here) && /^(Upheld|Overturned)\b/i.test(rest);
      return endsLikeStructure(here) || startsLikeStructure(rest) || splitDecision || (opts.avoidEnd?.test(here) ?? false);
    };
    while (j - i > 1 && hazardous(j)) j--;
    while (j < words.length && hazardous(j)) j++;
    lines.push(words.slice(i, j).join(' '));
    i = j;
  }
  return lines;
}
