import type { Block, HeaderField } from './layout.js';
import type { FontName, Measurer } from './pdf-fonts.js';
import { CONTENT_WIDTH, HEADER, MARGIN, PAGE } from './pdf-geometry.js';

/** Page furniture: the header table's cells and the page numbers. */

/** Label, value, label, value: the label columns fit their widest label; the values share the rest. */
export function headerColumns(blocks: Block[], measure: Measurer): number[] {
  const label = [0, 0];
  for (const b of blocks) {
    if (b.kind !== 'header') continue;
    for (const row of b.rows) row.forEach((f, i) => f && (label[i] = Math.max(label[i], measure(HEADER.bold, HEADER.size, f.label))));
  }
  const l0 = Math.max(96, Math.ceil(label[0]) + 10);
  const l1 = Math.max(96, Math.ceil(label[1]) + 10);
  const value = (CONTENT_WIDTH - l0 - l1) / 2;
  return [l0, value, l1, value];
}

export function drawHeaderRow(
  doc: PDFKit.PDFDocument,
  fonts: Record<FontName, string>,
  columns: number[],
  row: [HeaderField | null, HeaderField | null],
  baseline: number,
  table: PDFKit.PDFStructureElement | null,
): void {
  const ascent = HEADER.size * 0.75;
  const top = baseline - ascent - 3;
  const height = HEADER.row;
  let x = MARGIN.left;
  const cells: Array<{ text: string; label: boolean }> = [
    { text: row[0]?.label ?? '', label: true },
    { text: row[0]?.value ?? '', label: false },
    { text: row[1]?.label ?? '', label: true },
    { text: row[1]?.value ?? '', label: false },
  ];
  const tr = table ? doc.struct('TR') : null;
  if (table && tr) table.add(tr);
  cells.forEach((c, i) => {
    const w = columns[i];
    doc.markContent('Artifact', { type: 'Layout' });
    if (c.label) doc.rect(x, top, w, height).fillAndStroke('#d9d9d9', '#555555');
    else doc.rect(x, top, w, height).stroke('#555555');
    doc.endMarkedContent();
    doc.fillColor('#000000');
    if (c.text) {
      const tag = c.label ? 'TH' : 'TD';
      const content = tr ? doc.markStructureContent(tag) : null;
      doc.font(fonts[c.label ? HEADER.bold : HEADER.font]).fontSize(HEADER.size);
      doc.text(c.text, x + 4, baseline, { lineBreak: false, baseline: 'alphabetic' });
      if (tr && content) {
        doc.endMarkedContent();
        // A label cell heads its row (the Scope attribute PDFKit writes; its typings omit it).
        const options = (c.label ? { scope: 'Row' } : {}) as unknown as Parameters<typeof doc.struct>[1];
        tr.add(doc.struct(tag, options, [content]));
      }
    }
    x += w;
  });
}

/**
 * "Page 2 of 3", small, at the top right. It sits close enough above a first line that continues
 * a paragraph that the text layer shows no paragraph break there, and readers drop it as page
 * furniture; above a first line that starts a paragraph (set a blank line lower, see
 * blankAboveAtTop, in pdf-paginate.ts) the text layer shows the paragraph break.
 */
export function drawPageNumber(doc: PDFKit.PDFDocument, fonts: Record<FontName, string>, n: number, of: number, measure: Measurer): void {
  const text = `Page ${n} of ${of}`;
  const size = 8;
  const x = PAGE.width - MARGIN.right - measure(HEADER.font, size, text);
  doc.markContent('Artifact', { type: 'Pagination' });
  doc.font(fonts[HEADER.font]).fontSize(size).fillColor('#444444');
  doc.text(text, x, MARGIN.top - 4, { lineBreak: false, baseline: 'alphabetic' });
  doc.endMarkedContent();
  doc.fillColor('#000000');
}
