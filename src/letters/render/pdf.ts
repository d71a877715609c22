import PDFDocument from 'pdfkit';
import { ImrError } from '../../errors/imr-error.js';
import type { Letter } from '../model.js';
import { type Block, layoutLetter, letterTitle } from './layout.js';
import { FALLBACK_FONTS, STANDARD_FONTS, blocksText, fallbackFontData, type Measurer, undrawable, unencodable } from './pdf-fonts.js';
import { CONTENT_WIDTH, MARGIN } from './pdf-geometry.js';
import { lineUp } from './pdf-lines.js';
import { paginate } from './pdf-paginate.js';
import { drawHeaderRow, drawPageNumber, headerColumns } from './pdf-furniture.js';

export interface PdfRenderOptions {
  /**
   * The document's creation date (metadata and file identifier). Give a fixed date for
   * byte-identical output; defaults to the current time.
   */
  creationDate?: Date;
}

/** The structure element of each kind of block in the tagged PDF. */
const STRUCTURE_TAGS: Record<Block['kind'], 'Table' | 'H1' | 'H2' | 'P'> = {
  header: 'Table',
  heading: 'H1',
  decision: 'H2',
  paragraph: 'P',
  entry: 'P',
  labelled: 'P',
  lines: 'P',
};

/**
 * The letter as a PDF (US Letter, Times 11 pt body, Helvetica header table) with a real text
 * layer: one text line per visual line, paragraphs separated by a blank line (also where a page
 * breaks between two paragraphs: the new page's first line is set a line lower), sections and items
 * never split from their first lines by a page break. Metadata carry the title
 * "IMR Final Determination <case number>" and no personal names. With a fixed `creationDate`
 * the bytes are identical from run to run. Letters with characters outside Windows-1252 are
 * drawn with an embedded Unicode font (DejaVu Serif); characters it lacks give
 * IMR_ERR_RENDER_FAILED.
 */
export async function renderLetterPdf(letter: Letter, opts: PdfRenderOptions = {}): Promise<Uint8Array> {
  return renderBlocksPdf(layoutLetter(letter), { title: letterTitle(letter), subject: 'Independent Medical Review Final Determination' }, opts);
}

/** Blocks (a letter's, or a mailed letter's) as a PDF, as {@link renderLetterPdf} draws them; `meta` names no person. */
export async function renderBlocksPdf(blocks: Block[], meta: { title: string; subject: string }, opts: PdfRenderOptions = {}): Promise<Uint8Array> {
  // The standard fonts where they can draw every character (smaller, faster files); else embedded Unicode fonts.
  const needsUnicode = unencodable(blocksText(blocks)).length > 0;
  const fonts = needsUnicode ? FALLBACK_FONTS : STANDARD_FONTS;
  const creationDate = opts.creationDate ?? new Date();
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    lang: 'en-US',
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Keywords: 'IMR, Final Determination, MTUS',
      Creator: 'imr-review',
      Producer: 'imr-review (PDFKit)',
      CreationDate: creationDate,
      ModDate: creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  if (needsUnicode) {
    const data = fallbackFontData();
    for (const [name, bytes] of Object.entries(data)) doc.registerFont(name, bytes);
    const missing = undrawable(doc, blocksText(blocks));
    if (missing.length > 0) {
      const codes = missing.slice(0, 5).map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
      throw new ImrError(
        'IMR_ERR_RENDER_FAILED',
        `The letter contains ${missing.length} character(s) no PDF font here can draw (${codes.join(', ')}); replace them, or render the letter as text or HTML.`,
      );
    }
  }
  const widths = new Map<string, number>();
  const measure: Measurer = (font, size, text) => {
    const key = `${font}\u0000${size}\u0000${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = doc.font(fonts[font]).fontSize(size).widthOfString(text);
      widths.set(key, w);
    }
    return w;
  };
  const placed = paginate(lineUp(blocks, measure));
  const columns = headerColumns(blocks, measure);
  const pageCount = placed.length > 0 ? placed[placed.length - 1].page + 1 : 1;
  // The logical structure for assistive technology: headings, paragraphs, the header table.
  const root = doc.struct('Document');
  doc.addStructure(root);
  let element: PDFKit.PDFStructureElement | null = null;
  let elementBlock = -1;
  let currentPage = -1;
  for (const p of placed) {
    while (currentPage < p.page) {
      doc.addPage({ size: 'LETTER', margins: MARGIN });
      currentPage++;
      drawPageNumber(doc, fonts, currentPage + 1, pageCount, measure);
    }
    const { line } = p;
    const block = line.block ?? -1;
    if (block !== elementBlock) {
      element?.end();
      element = doc.struct(STRUCTURE_TAGS[blocks[block]?.kind ?? 'paragraph']);
      root.add(element);
      elementBlock = block;
    }
    if (line.headerRow) {
      drawHeaderRow(doc, fonts, columns, line.headerRow, p.baseline, element);
      continue;
    }
    const tag = STRUCTURE_TAGS[blocks[block]?.kind ?? 'paragraph'];
    const content = doc.markStructureContent(tag);
    const width = line.runs.reduce((w, r) => w + measure(r.font, line.size, r.text), 0);
    let x = line.center ? MARGIN.left + (CONTENT_WIDTH - width) / 2 : MARGIN.left;
    for (const r of line.runs) {
      doc.font(fonts[r.font]).fontSize(line.size).fillColor('#000000');
      doc.text(r.text, x, p.baseline, { lineBreak: false, baseline: 'alphabetic' });
      x += measure(r.font, line.size, r.text);
    }
    doc.endMarkedContent();
    element?.add(content);
  }
  element?.end();
  root.end();
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
