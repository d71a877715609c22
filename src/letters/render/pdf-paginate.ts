import type { PLine } from './pdf-lines.js';
import { BODY, MARGIN, PAGE, PARAGRAPH_ADVANCE } from './pdf-geometry.js';

interface Placed {
  line: PLine;
  page: number;
  /** Baseline, measured from the top of the page. */
  baseline: number;
}

/**
 * The space above a line that starts a page. A line that starts a new paragraph (a blank line
 * above it on the same page) keeps that blank line at the head of a page too: the text layer
 * carries no blank line across a page break by itself, and a reader would otherwise join the
 * paragraph that ends one page to the one that starts the next. The gap to the page number above
 * (drawPageNumber, in pdf-furniture.ts) is then taller than a line, which readers of the text layer take for a
 * paragraph break; a line that continues a paragraph stays close under the page number.
 */
function blankAboveAtTop(line: PLine): number {
  return line.advance >= PARAGRAPH_ADVANCE ? BODY.leading : 0;
}

/** Assigns each line a page and a baseline, moving a kept-together group to the next page whole. */
export function paginate(lines: PLine[]): Placed[] {
  const placed: Placed[] = [];
  const bottom = PAGE.height - MARGIN.bottom;
  let page = 0;
  let pageStart = 0;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const top = i === pageStart;
    const baseline = top ? MARGIN.top + line.size + (i > 0 ? blankAboveAtTop(line) : 0) : placed[i - 1].baseline + line.advance;
    if (!top && baseline > bottom) {
      let k = i;
      while (k > pageStart + 1 && lines[k].keepWithPrev) k--;
      if (k === pageStart + 1 && lines[k].keepWithPrev) k = i; // the group is taller than a page: break where it overflows
      page++;
      pageStart = k;
      placed.length = k;
      i = k;
      continue;
    }
    placed[i] = { line, page, baseline };
    i++;
  }
  return placed;
}
