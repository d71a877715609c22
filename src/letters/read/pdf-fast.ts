import { DEFAULT_READING_LIMITS, isDocumentLimit, ReadingBudget } from './reading-limits.js';
import { pageRuns, type FastRun } from './pdf/content.js';
import { Doc } from './pdf/document.js';
import { unsupported, type PdfDict, type PdfValue } from './pdf/objects.js';

/**
 * A small, fast reader for the text layer of simple PDFs (the kind word processors write: page
 * content streams drawing text with simple or Identity-H fonts that carry a ToUnicode map or a
 * standard encoding; no encryption, or the Standard security handler with an empty user
 * password). It returns the positioned text runs of each page, or null as soon as it meets
 * anything it does not handle, so that the caller falls back to pdf.js. It never guesses.
 *
 * Its parts live in pdf/: objects.ts (the object syntax and its parser), document.ts (the objects,
 * object streams and trailer), security.ts (decryption), filters.ts (Flate within the reading
 * limits), cmap.ts and fonts.ts (codes to text), content.ts (the content-stream interpreter).
 */

export type { FastRun } from './pdf/content.js';
// The object parser and the capped inflate serve the pdf.js preflight too (pdf-preflight.ts).
export { inflateCapped } from './pdf/filters.js';
export { Parser, PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from './pdf/objects.js';

function collectPages(doc: Doc, node: PdfValue, inherited: PdfDict | null, out: Array<{ page: PdfDict; resources: PdfDict }>, depth = 0): void {
  if (depth > 32) unsupported('page tree too deep');
  const d = doc.dict(node);
  const resources = d.Resources !== undefined ? doc.dict(d.Resources) : inherited;
  const kids = doc.resolve(d.Kids);
  if (Array.isArray(kids)) for (const k of kids) collectPages(doc, k, resources, out, depth + 1);
  else {
    if (!resources) unsupported('page without resources');
    out.push({ page: d, resources });
    doc.budget.pages(out.length);
  }
}

/**
 * The positioned text runs of each page, or null when this reader cannot read the PDF safely.
 * Throws IMR_ERR_DOCUMENT_LIMIT when the file exceeds a reading limit (counted in `budget`).
 */
export function fastPdfRuns(bytes: Uint8Array, budget = new ReadingBudget(DEFAULT_READING_LIMITS), damage?: { page: number | null }): FastRun[][] | null {
  try {
    const doc = new Doc(bytes, budget);
    if (doc.trailer.Root === undefined) return null;
    const root = doc.dict(doc.trailer.Root);
    const pages: Array<{ page: PdfDict; resources: PdfDict }> = [];
    collectPages(doc, root.Pages, null, pages);
    if (pages.length === 0) return null;
    return pages.map(({ page, resources }, i) => {
      const runs: FastRun[] = [];
      try {
        pageRuns(doc, page, resources, runs);
      } catch (e) {
        // A page's compressed content that zlib rejects is damage, not an unsupported feature: say which page.
        if (damage && isZlibDataError(e)) damage.page = i + 1;
        throw e;
      }
      return runs;
    });
  } catch (e) {
    if (isDocumentLimit(e)) throw e;
    // Anything unexpected (including a damaged file): let pdf.js decide.
    return null;
  }
}

/** zlib's own verdict on corrupt or cut-off deflate data. */
function isZlibDataError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'Z_NEED_DICT';
}
