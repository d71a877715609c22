import { ImrError } from '../../errors/imr-error.js';
import type { Letter, LetterLayout } from '../model.js';
import { letterLines } from './clean-text.js';
import { blankInnerPages, pagesCutShort } from './damage-checks.js';
import type { LayoutDescriptor } from './layouts/descriptor.js';
import { fail } from './layouts/letter-parts.js';
import { findLayout, KNOWN_LAYOUTS_HINT } from './layouts/registry.js';
import { Warnings } from './warnings.js';

/**
 * The letter reader's driver: finds the letter's layout in the registry (layouts/registry.ts),
 * checks the text for damage every layout shares, and has the layout read the letter.
 */

export interface ParsedLetter {
  letter: Letter;
  layout: LetterLayout;
  /** Things the reader had to guess or could not find; `--strict` turns them into an error. */
  warnings: string[];
}

export interface ParseOptions {
  /** Where the text came from (a file name), used in error messages. */
  source?: string;
  /** The layouts to try, in order (the registry's by default). */
  layouts?: readonly LayoutDescriptor[];
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
    if (!/[^\s\0\uFEFF]/.test(text)) {
      fail('IMR_ERR_LETTER_EMPTY', 'the letter is empty (no text); give the letter text or PDF');
    }
    const lines = letterLines(text);
    const layout = findLayout(lines, opts.layouts);
    if (layout === null) fail('IMR_ERR_LETTER_UNRECOGNIZED', `this is not a determination letter the reader knows: ${KNOWN_LAYOUTS_HINT}`);
    const { blank, pages } = blankInnerPages(text);
    if (blank.length) {
      fail('IMR_ERR_LETTER_DAMAGED', `page${blank.length > 1 ? 's' : ''} ${blank.join(', ')} of ${pages} yield${blank.length > 1 ? '' : 's'} no text (damaged?): what stood there would be missing; get a fresh copy of the file`);
    }
    const warnings = new Warnings();
    const letter = layout.parse(lines, warnings);
    for (const p of pagesCutShort(text)) {
      warnings.add(`page ${p} stops in mid-sentence where the next page starts a new part: text between them may be missing (a damaged page?); get a fresh copy of the file`);
    }
    return { letter, layout: layout.id, warnings: warnings.toArray() };
  } catch (e) {
    if (e instanceof ImrError && where) throw new ImrError(e.code, where + e.message, { subject: opts.source, cause: e.cause });
    throw e;
  }
}
