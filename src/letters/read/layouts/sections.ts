import { BREAK, paragraphs } from '../clean-text.js';
import type { Warnings } from '../warnings.js';
import { fail } from './letter-parts.js';

/** A letter's sections, cut at their headings. */

export interface Heading {
  key: string;
  re: RegExp;
  title: string;
}

/** Headings in capitals start with two capitals: a cheap test before the patterns. */
export function mayBeHeading(line: string): boolean {
  const a = line.charCodeAt(0);
  const b = line.charCodeAt(1);
  return a >= 65 && a <= 90 && ((b >= 65 && b <= 90) || b === 32) && line.length < 120;
}

/**
 * Cuts lines into sections at heading lines; text before the first heading is under "preamble".
 * With `warnings`, a heading out of the layout's order or seen twice is warned about.
 */
export function cutSections(
  lines: readonly string[],
  headings: readonly Heading[],
  candidate: (line: string) => boolean = (l) => l !== BREAK,
  warnings?: Warnings,
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
      if (at < last) warnings?.add(`the heading "${h.title}" comes after "${headings[last].title}": a part of the letter is out of place; check the letter`);
      last = Math.max(last, at);
      current = [];
      sections.set(h.key, current);
    } else {
      // A heading twice: a part of the letter copied into it (what follows the copy is read into the wrong place).
      if (h) warnings?.add(`the heading "${h.title}" appears twice: a part of the letter may be copied or out of place; check the letter`);
      current.push(line);
    }
  }
  return sections;
}

export function requireSection(sections: Map<string, string[]>, h: Heading): string[] {
  const s = sections.get(h.key);
  if (!s) fail('IMR_ERR_LETTER_TRUNCATED', `the section "${h.title}" is missing; give the complete letter`);
  return s;
}

/** A list section: one entry per line when the lines are short, else per paragraph. */
export function paragraphsOrLines(lines: readonly string[]): string[] {
  const content = lines.filter((l) => l !== BREAK);
  const listLike = content.every((l) => l.length < 90) || content.some((l) => /^(?:\d+[.)]|[-•*])\s/.test(l));
  return (listLike ? content : paragraphs(lines)).map((l) => l.replace(/^(?:\d+[.)]|[-•*])\s+/, '').trim()).filter(Boolean);
}
