import { ImrError } from '../../errors/imr-error.js';
import { fastPdfRuns } from './pdf-fast.js';
import { looksLikePdf } from './pdf-signature.js';
import { DEFAULT_READING_LIMITS, documentLimitError, ReadingBudget, type ReadingLimits } from './reading-limits.js';

export { looksLikePdf } from './pdf-signature.js';

/** One positioned run of text on a PDF page (PDF user space, origin bottom-left). */
interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * Groups the text runs of one page into lines by their baseline (y), top to bottom, and joins
 * the runs of a line left to right, putting a space where the runs are visibly apart. PDF text
 * items are not lines: a heading, a label and its value, or a decision after its request may be
 * separate items, and one item may end in the middle of a visual line.
 */
function runsToLines(runs: Run[]): string[] {
  const sorted = runs.filter((r) => r.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: string[] = [];
  let previousY = NaN;
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i];
    const tolerance = Math.max(2, first.size * 0.3);
    let j = i + 1;
    while (j < sorted.length && Math.abs(sorted[j].y - first.y) <= tolerance) j++;
    const line = sorted.slice(i, j).sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const r of line) {
      const gap = r.x - end;
      if (text.length > 0 && gap > Math.max(1, r.size * 0.25) && !/\s$/.test(text) && !/^\s/.test(r.str)) text += ' ';
      text += r.str;
      end = Math.max(end, r.x + r.width);
    }
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (trimmed) {
      // A gap clearly taller than one line of this size is a paragraph break: keep it as a blank line.
      if (lines.length > 0 && previousY - first.y > first.size * 1.75) lines.push('');
      lines.push(trimmed);
      previousY = first.y;
    }
    i = j;
  }
  return lines;
}

/**
 * Extracts the text layer of a PDF as lines (one visual line per text line, paragraphs
 * separated by a blank line, pages by a form feed). Simple PDFs (as word processors write them)
 * are read by a small fast reader; anything else by pdf.js (unpdf). Throws IMR_ERR_PDF_INVALID
 * for bytes that are not a readable PDF, IMR_ERR_PDF_NO_TEXT when no page carries text and
 * IMR_ERR_DOCUMENT_LIMIT when the file exceeds a reading limit (inflated size, pages, operators,
 * mapped codes). Time and memory are bounded by the reading pool (reading-pool.ts), not here.
 */
export async function extractPdfText(bytes: Uint8Array, limits: ReadingLimits = DEFAULT_READING_LIMITS): Promise<string> {
  if (!looksLikePdf(bytes)) {
    throw new ImrError('IMR_ERR_PDF_INVALID', 'The file does not start with the PDF signature (%PDF-); give a PDF or a plain-text letter.');
  }
  const damage: { page: number | null } = { page: null };
  const fast = fastPdfRuns(bytes, new ReadingBudget(limits), damage);
  if (fast) {
    const text = fast.map((runs) => runsToLines(runs).join('\n')).join('\n\f\n');
    if (/[A-Za-z0-9]/.test(text)) return text;
  }
  const text = await extractWithPdfJs(bytes, limits);
  // The fast reader found a page's compressed text corrupt; pdf.js, more lenient, may still read it. Where
  // it reads nothing on that page, the page's text is lost, not blank: refuse rather than read a letter short.
  if (damage.page !== null) {
    const page = text.split('\n\f\n')[damage.page - 1];
    if (page !== undefined && !/[A-Za-z0-9]/.test(page)) {
      throw new ImrError('IMR_ERR_LETTER_DAMAGED', `Page ${damage.page} of the PDF is damaged: its compressed text cannot be read, so part of the letter is missing. Get a fresh copy of the file.`);
    }
  }
  return text;
}

/** The same, always with pdf.js (unpdf): the reference reader and the fallback. */
export async function extractWithPdfJs(bytes: Uint8Array, limits: ReadingLimits = DEFAULT_READING_LIMITS): Promise<string> {
  if (!looksLikePdf(bytes)) {
    throw new ImrError('IMR_ERR_PDF_INVALID', 'The file does not start with the PDF signature (%PDF-); give a PDF or a plain-text letter.');
  }
  // Loaded here, not at the top: most letters are read by the fast reader alone, and each module loaded costs every `imr letter parse`.
  const [{ checkStreamsForPdfJs }, { getDocumentProxy }] = await Promise.all([import('./pdf-preflight.js'), import('unpdf')]);
  // pdf.js would inflate every stream in full: measure them against the limits first.
  checkStreamsForPdfJs(bytes, new ReadingBudget(limits));
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may take ownership of the buffer it is given: hand it a copy.
    // stopAtErrors: a damaged content stream fails its page instead of yielding part of its text silently.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0, stopAtErrors: true });
  } catch (e) {
    throw new ImrError('IMR_ERR_PDF_INVALID', 'The PDF is damaged and cannot be opened; get a fresh copy of the file.', { cause: e });
  }
  try {
    if (pdf.numPages > limits.pages) throw documentLimitError('pages', limits.pages);
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.length === 0) continue;
        const t = item.transform as number[];
        runs.push({ str: item.str, x: t[4], y: t[5], width: item.width, size: Math.hypot(t[2], t[3]) || 10 });
      }
      pages.push(runsToLines(runs).join('\n'));
      page.cleanup();
    }
    const text = pages.join('\n\f\n');
    if (!/[A-Za-z0-9]/.test(text)) {
      throw new ImrError('IMR_ERR_PDF_NO_TEXT', `The PDF has ${pdf.numPages} page(s) but no text layer (a scanned image?); run OCR on it first or give the letter as text.`);
    }
    return text;
  } catch (e) {
    if (e instanceof ImrError) throw e;
    throw new ImrError('IMR_ERR_PDF_INVALID', 'The PDF is damaged: its text could not be read; get a fresh copy of the file.', { cause: e });
  } finally {
    await pdf.destroy();
  }
}
