import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { ImrError } from '../../errors/imr-error.js';
import type { Letter } from '../model.js';
import { type Block, type HeaderField, layoutLetter, letterTitle } from './layout.js';
import { RATIONALE_ENDING, wrapWords } from './wrap.js';

export interface PdfRenderOptions {
  /**
   * The document's creation date (metadata and file identifier). Give a fixed date for
   * byte-identical output; defaults to the current time.
   */
  creationDate?: Date;
}

/** A font's role; the document's font set says which font plays it. */
type FontName = 'body' | 'bold' | 'sans' | 'sansBold';

/** The standard PDF fonts (no embedding, Windows-1252 only), as in the published letters. */
const STANDARD_FONTS: Record<FontName, string> = { body: 'Times-Roman', bold: 'Times-Bold', sans: 'Helvetica', sansBold: 'Helvetica-Bold' };
/** Embedded Unicode fonts for letters with other characters (registered under these names). */
const FALLBACK_FONTS: Record<FontName, string> = { body: 'Fallback', bold: 'Fallback-Bold', sans: 'Fallback', sansBold: 'Fallback-Bold' };
const FALLBACK_FILES = { Fallback: 'DejaVuSerif.ttf', 'Fallback-Bold': 'DejaVuSerif-Bold.ttf' } as const;

let fallbackData: Record<keyof typeof FALLBACK_FILES, Buffer> | null = null;
/** The fallback font files, read once from fonts/ next to this module (copied to dist/ by the build). */
function fallbackFontData(): Record<keyof typeof FALLBACK_FILES, Buffer> {
  if (!fallbackData) {
    const read = (f: string) => readFileSync(fileURLToPath(new URL(`./fonts/${f}`, import.meta.url)));
    fallbackData = { Fallback: read(FALLBACK_FILES.Fallback), 'Fallback-Bold': read(FALLBACK_FILES['Fallback-Bold']) };
  }
  return fallbackData;
}

interface Run {
  font: FontName;
  text: string;
}

/** One visual line, placed by the paginator. */
interface PLine {
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

const PAGE = { width: 612, height: 792 }; // US Letter, as the published letters
const MARGIN = { left: 72, right: 72, top: 66, bottom: 72 };
const BODY = { font: 'body' as FontName, bold: 'bold' as FontName, size: 11, leading: 13.2 };
/** A blank line between paragraphs: readers of the text layer see it as a paragraph break. */
const PARAGRAPH_ADVANCE = BODY.leading * 2;
const HEADER = { font: 'sans' as FontName, bold: 'sansBold' as FontName, size: 9, row: 13 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Label, value, label, value: the label columns fit their widest label; the values share the rest. */
function headerColumns(blocks: Block[], measure: Measurer): number[] {
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

/** The characters the standard PDF fonts can draw (Windows-1252). */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
function unencodable(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || WIN_ANSI_EXTRA.includes(ch)) continue;
    bad.add(ch);
  }
  return [...bad];
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

/** Every text the blocks will draw, for the character checks. */
function blocksText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'header') for (const row of b.rows) for (const f of row) if (f) parts.push(f.label, f.value);
    if (b.kind === 'lines') for (const l of b.lines) parts.push(l.label ?? '', l.text);
    if (b.kind === 'decision') parts.push(b.request, b.decision);
    if ('text' in b) parts.push(b.text);
    if ('label' in b) parts.push(b.label);
  }
  return parts.join('\n');
}

/** Characters the embedded fallback font has no glyph for (through PDFKit's fontkit font). */
function undrawable(doc: PDFKit.PDFDocument, text: string): string[] {
  doc.font(FALLBACK_FONTS.body);
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  if (!font?.hasGlyphForCodePoint) return [];
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x20 && !font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

type Measurer = (font: FontName, size: number, text: string) => number;

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
function lineUp(blocks: Block[], measure: Measurer): PLine[] {
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
 * ({@link drawPageNumber}) is then taller than a line, which readers of the text layer take for a
 * paragraph break; a line that continues a paragraph stays close under the page number.
 */
function blankAboveAtTop(line: PLine): number {
  return line.advance >= PARAGRAPH_ADVANCE ? BODY.leading : 0;
}

/** Assigns each line a page and a baseline, moving a kept-together group to the next page whole. */
function paginate(lines: PLine[]): Placed[] {
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

function drawHeaderRow(
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
 * {@link blankAboveAtTop}) the text layer shows the paragraph break.
 */
function drawPageNumber(doc: PDFKit.PDFDocument, fonts: Record<FontName, string>, n: number, of: number, measure: Measurer): void {
  const text = `Page ${n} of ${of}`;
  const size = 8;
  const x = PAGE.width - MARGIN.right - measure(HEADER.font, size, text);
  doc.markContent('Artifact', { type: 'Pagination' });
  doc.font(fonts[HEADER.font]).fontSize(size).fillColor('#444444');
  doc.text(text, x, MARGIN.top - 4, { lineBreak: false, baseline: 'alphabetic' });
  doc.endMarkedContent();
  doc.fillColor('#000000');
}

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
