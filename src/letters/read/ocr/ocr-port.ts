import { ImrError } from '../../../errors/imr-error.js';
import type { ReadingLimits } from '../reading-limits.js';

/**
 * The port through which scanned PDFs (faxed records and letters: pages that are pictures, with no
 * text layer) are read by optical character recognition. The service and the CLI see only this;
 * tesseract-ocr.ts implements it with Debian's `tesseract` and poppler's `pdftoppm`.
 */

/** One page as OCR read it. */
export interface OcrPage {
  /** 1-based page number. */
  page: number;
  /** The page's text: lines, paragraphs separated by a blank line. */
  text: string;
  /** Mean word confidence on the page, 0–100 (0 when no word was found). */
  confidence: number;
  /** Words recognised on the page. */
  words: number;
}

export interface OcrResult {
  pages: OcrPage[];
  /** The engine and its version ("tesseract 5.3.0"), for the record of how the text was made. */
  engine: string;
}

/** Progress of one file: `done` of `total` pages read. */
export type OcrProgress = (done: number, total: number) => void;

export interface Ocr {
  /** Whether the OCR programs are installed (checked once, then remembered). */
  available(): Promise<boolean>;
  /** The PDF's page count, without reading the pages (cheap; checked against the limits before OCR starts). */
  pageCount(pdf: Uint8Array, limits: ReadingLimits): Promise<number>;
  /** Reads every page of the PDF, within `limits` (ocrPages, ocrTimeMs, ocrPageTimeMs). */
  recognize(pdf: Uint8Array, limits: ReadingLimits, progress?: OcrProgress): Promise<OcrResult>;
}

/** Below this mean confidence a page is flagged for the reviewer to check against the scan. */
const LOW_OCR_CONFIDENCE = 70;

/** The separator between pages in every stored text (the PDF text reader's, so page numbers line up). */
const PAGE_BREAK = '\n\f\n';

/** The document's text as stored: the pages' texts joined by form feeds. */
export function ocrText(result: OcrResult): string {
  return result.pages.map((p) => p.text).join(PAGE_BREAK);
}

/** Mean of the pages' confidences, rounded to a whole percent (pages without words count as 0). */
export function meanConfidence(pages: ReadonlyArray<Pick<OcrPage, 'confidence'>>): number {
  if (pages.length === 0) return 0;
  return Math.round(pages.reduce((s, p) => s + p.confidence, 0) / pages.length);
}

/** 1-based numbers of the pages read with a confidence below LOW_OCR_CONFIDENCE. */
export function lowConfidencePages(confidences: readonly number[]): number[] {
  return confidences.flatMap((c, i) => (c < LOW_OCR_CONFIDENCE ? [i + 1] : []));
}

/** The refusal of a scanned PDF where OCR is not installed: the old "no text layer" refusal, saying why. */
export function ocrUnavailableError(pages: number | null, file?: string): ImrError {
  const where = file ? `${file}: ` : '';
  const count = pages === null ? '' : ` has ${pages} page(s) but`;
  return new ImrError(
    'IMR_ERR_OCR_UNAVAILABLE',
    `${where}the PDF${count} has no text layer (a scanned image?) and OCR is not installed here (Debian packages tesseract-ocr, tesseract-ocr-eng and poppler-utils); install them, or give the document as text.`,
    { subject: file },
  );
}
