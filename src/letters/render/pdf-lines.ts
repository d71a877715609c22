import type { Block, HeaderField } from './layout.js';
import { RATIONALE_ENDING, wrapWords } from './wrap.js';
import type { FontName, Measurer } from './pdf-fonts.js';
import { BODY, CONTENT_WIDTH, HEADER, PARAGRAPH_ADVANCE } from './pdf-geometry.js';

interface Run {
  font: FontName;
  text: string;
}

/** One visual line, placed by the paginator. */
export interface PLine {
  runs: Run[];
  size: number;
  /** Distance from the previous line's baseline (on the same page). */
  advance: number;
  center: boolean;
  /** The line may not be the first line of a page (keeps it with what precedes it). */
  keepWithPrev: boolean;
  /** A header table row: drawn with cell boxes. */
  headerRow?: [HeaderField | null, HeaderField | null];
  /** Index of the block the line belongs to (its structure element in the tagged PDF). */
  block?: number;
}

function bodyLines(
  text: string,
  measure: Measurer,
  opts: { label?: string; first: { advance: number; keepWithPrev: boolean }; keepAll?: boolean; avoidEnd?: RegExp; font?: FontName },
): PLine[] {
  const font = opts.font ?? BODY.font;
  const labelRun = opts.label ? `${opts.label} ` : '';
  const labelWidth = labelRun ? measure(BODY.bold, BODY.size, labelRun) : 0;
  const words = wrapWords(text, {
    width: CONTENT_WIDTH,
    firstWidth: CONTENT_WIDTH - labelWidth,
    measure: (s) => measure(font, BODY.size, s),
    avoidEnd: opts.avoidEnd,
  });
  if (words.length === 0) words.push('');
  const n = words.length;
  return words.map((w, i) => {
    const runs: Run[] = [];
    if (i === 0 && labelRun) runs.push({ font: BODY.bold, text: labelRun });
    if (w) runs.push({ font, text: w });
    // Orphans and widows: never one line of a paragraph alone at the foot or the head of a page.
    const keep = i === 0 ? opts.first.keepWithPrev : Boolean(opts.keepAll) || i === 1 || i === n - 1;
    return { runs, size: BODY.size, advance: i === 0 ? opts.first.advance : BODY.leading, center: false, keepWithPrev: keep };
  });
}

function lineText(l: PLine | undefined): string {
  return l ? l.runs.map((r) => r.text).join('').trim() : '';
}

/** Turns the letter's blocks into lines with the spacing and the keep-together rules of a letter. */
export function lineUp(blocks: Block[], measure: Measurer): PLine[] {
  const lines: PLine[] = [];
  let previous: Block | null = null;
  // Lines from a decision line to the first lines of its rationale stay on one page.
  let inItemHead = false;
  for (const [index, b] of blocks.entries()) {
    const start = lines.length;
    const afterHeading = previous?.kind === 'heading';
    const advance = previous === null ? 0 : afterHeading ? BODY.leading : PARAGRAPH_ADVANCE;
    switch (b.kind) {
      case 'header': {
        // A header table below other text (a correction's head, a mailed letter's cover) sits a blank line under it.
        b.rows.forEach((row, i) =>
          lines.push({ runs: [], size: HEADER.size, advance: i > 0 ? HEADER.row : previous === null ? 0 : PARAGRAPH_ADVANCE, center: false, keepWithPrev: i > 0, headerRow: row }),
        );
        break;
      }
      case 'heading':
        lines.push({ runs: [{ font: BODY.bold, text: b.text }], size: BODY.size, advance: previous?.kind === 'header' ? PARAGRAPH_ADVANCE + 4 : PARAGRAPH_ADVANCE, center: true, keepWithPrev: false });
        inItemHead = false;
        break;
      case 'paragraph':
      case 'entry':
        // A page breaks between two paragraphs only when a run of short paragraphs is taller than a
        // page (the paginator keeps the blank line between them then: blankAboveAtTop). Nor
        // directly after a heading.
        lines.push(...bodyLines(b.text, measure, { first: { advance, keepWithPrev: true } }));
        inItemHead = false;
        break;
      case 'labelled': {
        const isRationale = b.label.startsWith('Decision rationale');
        const ls = bodyLines(b.text, measure, { label: b.label, first: { advance, keepWithPrev: inItemHead || afterHeading }, keepAll: inItemHead && !isRationale });
        if (isRationale && inItemHead && ls.length > 1) ls[1].keepWithPrev = true;
        lines.push(...ls);
        if (isRationale) inItemHead = false;
        break;
      }
      case 'lines':
        b.lines.forEach((l, i) => {
          const whole = l.label ? `${l.label} ${l.text}` : l.text;
          // A line wider than the page (a long address) wraps; its continuation lines follow it.
          const parts = measure(BODY.font, BODY.size, whole) <= CONTENT_WIDTH ? [whole] : wrapWords(whole, { width: CONTENT_WIDTH, measure: (t) => measure(BODY.font, BODY.size, t) });
          parts.forEach((text, k) =>
            lines.push({
              runs: k === 0 && l.label ? [{ font: BODY.font, text: `${l.label} ` }, { font: BODY.font, text: text.slice(l.label.length + 1) }] : [{ font: BODY.font, text }],
              size: BODY.size,
              advance: i === 0 && k === 0 ? advance : BODY.leading,
              center: b.align === 'center',
              keepWithPrev: true,
            }),
          );
        });
        break;
      case 'decision': {
        const ls = bodyLines(`${b.request}: ${b.decision}`, measure, {
          // Not the first line of a page unless the previous rationale visibly ends ("… medically
          // necessary."): a reader takes a line ending like a rationale for the end of one, and
          // would otherwise take the end of the previous rationale for the start of the request
          // (the blank line the paginator keeps above the decision line says so too).
          first: { advance, keepWithPrev: afterHeading || !RATIONALE_ENDING.test(lineText(lines[lines.length - 1])) },
          keepAll: true,
          avoidEnd: RATIONALE_ENDING,
          // The request in bold (the decision word in regular type), as in the published letters.
          font: BODY.bold,
        });
        const last = ls[ls.length - 1];
        const text = last.runs[last.runs.length - 1].text;
        const cut = text.length - b.decision.length;
        last.runs = [{ font: BODY.bold, text: text.slice(0, cut) }, { font: BODY.font, text: text.slice(cut) }].filter((r) => r.text.length > 0);
        lines.push(...ls);
        inItemHead = true;
        break;
      }
    }
    for (let k = start; k < lines.length; k++) lines[k].block = index;
    previous = b;
  }
  return lines;
}
