import type { LayoutDescriptor } from './descriptor.js';
import { dwc2016 } from './dwc-2016.js';
import { mprForm } from './mpr-form.js';
import { notice2013 } from './notice-2013.js';
import { seed2015 } from './seed-2015.js';

/**
 * The layouts the reader knows, in the order they are tried: the first whose `detect` says yes
 * reads the letter. A new layout is one file exporting its descriptor, listed here (and its id
 * added to LETTER_LAYOUTS in the model).
 *
 * Detection order:
 * 1. notice-2013 and 2. mpr-form: a title line of their own near the top. They come first because
 *    a letter of theirs may also hold a heading of the later letters (the titles are the surer sign).
 * 3. dwc-2016 and 4. seed-2015: the headings of the letters since 2014; the published letters have a
 *    header block ("Case Number:") before the first heading, the 2014–2015 letters none. These two
 *    exclude each other, so their order does not matter.
 */
export const LAYOUTS: readonly LayoutDescriptor[] = [notice2013, mprForm, dwc2016, seed2015];

/** What the reader looks for, named in the error for a text none of the layouts recognises. */
export const KNOWN_LAYOUTS_HINT =
  'none of its headings (HOW THE IMR FINAL DETERMINATION WAS MADE, CLINICAL CASE SUMMARY, IMR ISSUES, DECISIONS AND RATIONALES; the 2013 notice; the MEDICAL PROFESSIONAL REVIEW form) was found';

/** The first layout of `layouts` that recognises the lines, or null. */
export function findLayout(lines: readonly string[], layouts: readonly LayoutDescriptor[] = LAYOUTS): LayoutDescriptor | null {
  return layouts.find((l) => l.detect(lines)) ?? null;
}
