import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImrError } from '../../errors/imr-error.js';
import { runProgram, type ProgramRun, type RunOptions } from '../../letters/read/ocr/run-program.js';
import { readingLimits } from '../../letters/read/reading-limits.js';
import type { User } from '../store/users.store.js';
import { pageRanges } from './document-text.js';
import type { Services } from './services.js';

/**
 * One page of an uploaded PDF as a picture, for the document viewer to show beside the page's
 * text (the PDF itself is never shown inside the workbench: a PNG cannot run anything). Rendered
 * by poppler's `pdftoppm` as a child process, without a shell, in a private temporary folder
 * removed afterwards, with a time limit and (where util-linux's prlimit exists) a memory cap, as
 * OCR renders scans. Access is checked by the caller; the read is audited here.
 */

export interface PageImageOptions {
  /** The renderer (looked up on PATH by default): Debian's poppler-utils. */
  pdftoppm?: string;
  /** Where the private working folder is made (the system's temporary folder by default). */
  tmpRoot?: string;
}

/** Resolution of the picture: enough to read a typed page beside its text, small enough to send quickly. */
const DPI = 100;
/**
 * Largest picture rendered, in pixels (a tabloid page at 100 dpi fits): pdftoppm renders only this
 * area, so a page built to be miles wide costs no more than a large real one.
 */
const MAX_WIDTH = 2000;
const MAX_HEIGHT = 2600;
/** Wall time for one page: the reader waits for it, so far less than OCR's per-page limit. */
const RENDER_MS = 20_000;
/** Largest PNG kept (a 2000 × 2600 colour page compresses far below this). */
const MAX_PNG_BYTES = 24 * 1024 * 1024;
const PROBE_MS = 15_000;

/** Whether each renderer (and prlimit) is installed, asked once per program name. */
const probes = new Map<string, Promise<{ installed: boolean; prlimit: boolean }>>();

function probe(pdftoppm: string): Promise<{ installed: boolean; prlimit: boolean }> {
  let p = probes.get(pdftoppm);
  if (!p) {
    p = Promise.all([runProgram(pdftoppm, ['-v'], { timeMs: PROBE_MS }), runProgram('prlimit', ['--version'], { timeMs: PROBE_MS })]).then(([raster, prlimit]) => ({
      installed: !raster.missing && raster.code === 0,
      prlimit: !prlimit.missing && prlimit.code === 0,
    }));
    probes.set(pdftoppm, p);
  }
  return p;
}

/** The error when poppler is not installed: the server's operator fixes it, not the reader. */
function pageImageUnavailableError(): ImrError {
  return new ImrError('IMR_ERR_PAGE_IMAGE_UNAVAILABLE', "Page images need poppler's pdftoppm, which is not installed on the server; ask the operator to install poppler-utils (apt-get install poppler-utils). The page's text and the original file are still available.");
}

/**
 * Renders page `page` (1-based) of `pdf` to PNG bytes. The page must exist (the caller checks);
 * IMR_ERR_PAGE_IMAGE_UNAVAILABLE without pdftoppm, IMR_ERR_PDF_INVALID when poppler cannot render it,
 * IMR_ERR_DOCUMENT_LIMIT past the time or size limit.
 */
export async function renderPdfPage(pdf: Uint8Array, page: number, opts: PageImageOptions = {}): Promise<Buffer> {
  const pdftoppm = opts.pdftoppm ?? 'pdftoppm';
  const { installed, prlimit } = await probe(pdftoppm);
  if (!installed) throw pageImageUnavailableError();
  const memoryBytes = readingLimits().ocrMemoryMb * 1024 * 1024;
  const run = (args: string[], o: RunOptions): Promise<ProgramRun> => (prlimit ? runProgram('prlimit', [`--as=${memoryBytes}`, '--', pdftoppm, ...args], o) : runProgram(pdftoppm, args, o));
  // mkdtemp makes the folder readable by this user only (0700).
  const dir = await mkdtemp(path.join(opts.tmpRoot ?? tmpdir(), 'imr-page-'));
  try {
    const input = path.join(dir, 'document.pdf');
    const base = path.join(dir, 'page');
    await writeFile(input, pdf, { mode: 0o600 });
    const r = await run(['-png', '-r', String(DPI), '-f', String(page), '-l', String(page), '-singlefile', '-W', String(MAX_WIDTH), '-H', String(MAX_HEIGHT), input, base], { timeMs: RENDER_MS, maxOutputBytes: 1024 });
    if (r.timedOut) throw new ImrError('IMR_ERR_DOCUMENT_LIMIT', `Page ${page} took longer than ${RENDER_MS / 1000} s to render, so no picture is shown; read the page's text, or download the original.`);
    if (r.code !== 0) throw new ImrError('IMR_ERR_PDF_INVALID', `Page ${page} of the PDF cannot be rendered as a picture (exit ${r.code ?? 'killed'}); read the page's text, or download the original.`);
    const png = await readFile(`${base}.png`);
    if (png.length > MAX_PNG_BYTES) throw new ImrError('IMR_ERR_DOCUMENT_LIMIT', `The picture of page ${page} is larger than ${MAX_PNG_BYTES / 1024 / 1024} MB; read the page's text, or download the original.`);
    return png;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Page `page` of a case's uploaded PDF as a PNG, for the viewer; the read is audited (the document
 * and the page, never its text). A text file, or a page the PDF does not have, is IMR_ERR_NOT_FOUND.
 */
export async function readDocumentPageImage(services: Services, actor: User, caseId: string, documentId: string, page: number, opts: PageImageOptions = {}): Promise<{ png: Buffer }> {
  const doc = await services.cases.document(caseId, documentId);
  if (doc.media_type !== 'application/pdf') {
    throw new ImrError('IMR_ERR_NOT_FOUND', 'This document is a text file, so it has no page images; read its text with GET …/pages instead.', { subject: documentId });
  }
  // The stored count (PDFs read since page counts were kept), else the pages of the stored text.
  const count = doc.page_count ?? pageRanges(doc.text).length;
  if (!Number.isInteger(page) || page < 1 || page > count) {
    throw new ImrError('IMR_ERR_NOT_FOUND', `The document has ${count} page${count === 1 ? '' : 's'}; ask for a page from 1 to ${count}.`, { subject: documentId, details: [{ path: 'n', message: `1 to ${count}` }] });
  }
  const png = await renderPdfPage(Buffer.from(doc.content_base64, 'base64'), page, opts);
  await services.audit.record(actor, 'case.document_read', caseId, { documentId: doc.id, as: 'page-image', page }, services.now());
  return { png };
}
