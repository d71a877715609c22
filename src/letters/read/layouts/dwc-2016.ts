import type { LayoutDescriptor } from './descriptor.js';
import { hasHeaderBlock, modernPreamble, parseModern } from './modern.js';

/**
 * The 2016–2017 letters the DWC published (../shared/letters/dwc-2016-2017): the sections of the
 * letters since 2014, after a header block ("Case Number:", "Date Assigned:", … "Priority:").
 */
export const dwc2016: LayoutDescriptor = {
  id: 'dwc-2016',
  detect(lines) {
    const preamble = modernPreamble(lines);
    return preamble !== null && hasHeaderBlock(preamble);
  },
  parse: (lines, warnings) => parseModern(lines, true, warnings),
};
