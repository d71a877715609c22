import type { Letter } from '../model.js';
import { type Block, type HeaderField, layoutLetter } from './layout.js';
import { wrapWords } from './wrap.js';

export interface TextRenderOptions {
  /** Line width in characters (default 88). Lines break only at spaces. */
  width?: number;
}

const measure = (s: string) => s.length;

function headerLine(left: HeaderField | null, right: HeaderField | null): string {
  const cell = (f: HeaderField | null, pad: number) => (f ? `${f.label.padEnd(22)}${f.value}` : '').padEnd(pad);
  return right ? `${cell(left, 44)}${cell(right, 0)}`.trimEnd() : cell(left, 0).trimEnd();
}

function blockLines(b: Block, width: number): string[] {
  switch (b.kind) {
    case 'header':
      return b.rows.map(([l, r]) => headerLine(l, r));
    case 'heading':
      return [b.text];
    case 'paragraph':
      return wrapWords(b.text, { width, measure });
    case 'entry':
      // One line per entry, however long: a reader takes short lines for list entries.
      return [b.text];
    case 'labelled': {
      if (b.text.length === 0) return [b.label];
      const lines = wrapWords(b.text, { width, firstWidth: width - b.label.length - 1, measure });
      lines[0] = `${b.label} ${lines[0]}`;
      return lines;
    }
    case 'lines':
      return b.lines.map((l) => (l.label ? `${l.label} ${l.text}` : l.text));
    case 'decision':
      return [`${b.request}: ${b.decision}`];
  }
}

/**
 * The letter as plain text in the section layout of the 2016–2017 published letters: the header
 * block, then each section under its heading, paragraphs separated by a blank line, each item's
 * decision line followed by the two guideline lines and the decision rationale.
 */
export function renderLetterText(letter: Letter, opts: TextRenderOptions = {}): string {
  return renderBlocksText(layoutLetter(letter), opts);
}

/** Blocks (a letter's, or a mailed letter's) as plain text, as {@link renderLetterText} writes them. */
export function renderBlocksText(blocks: readonly Block[], opts: TextRenderOptions = {}): string {
  const width = Math.max(40, opts.width ?? 88);
  const out: string[] = [];
  let previous: Block['kind'] | null = null;
  for (const b of blocks) {
    // A heading sits directly on its first paragraph, as in the published letters; everything else
    // is separated by one blank line.
    if (previous !== null && previous !== 'heading') out.push('');
    out.push(...blockLines(b, width));
    previous = b.kind;
  }
  return out.join('\n') + '\n';
}
