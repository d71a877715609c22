import type { LayoutDescriptor } from './descriptor.js';
import { hasHeaderBlock, modernPreamble, parseModern } from './modern.js';

/**
 * The 2014–2015 letters (../shared/seeds): the sections of the letters since 2014 (HOW THE IMR FINAL
 * DETERMINATION WAS MADE, CLINICAL CASE SUMMARY, IMR ISSUES, DECISIONS AND RATIONALES) without a
 * header block, so the letter has no header.
 */
export const seed2015: LayoutDescriptor = {
  id: 'seed-2015',
  detect(lines) {
    const preamble = modernPreamble(lines);
    return preamble !== null && !hasHeaderBlock(preamble);
  },
  parse: (lines, warnings) => parseModern(lines, false, warnings),
};
