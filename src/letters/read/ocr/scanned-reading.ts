import { ImrError, isImrError } from '../../../errors/imr-error.js';
import type { ParsedLetter } from '../parse-letter.js';
import type { ReadingLimits } from '../reading-limits.js';
import { withFileName } from '../reading-limits.js';
import { lowConfidencePages, meanConfidence, ocrText, ocrUnavailableError, type Ocr, type OcrResult } from './ocr-port.js';

/**
 * Where the readers meet OCR: a PDF whose pages carry no text (the text reader's IMR_ERR_PDF_NO_TEXT)
 * is a scan. With OCR installed it is read by OCR; without, it is refused as before, saying that
 * OCR is not installed (IMR_ERR_OCR_UNAVAILABLE).
 */

/** True for the text reader's "no text layer" refusal. */
export function isNoTextLayer(e: unknown): e is ImrError {
  return isImrError(e) && e.code === 'IMR_ERR_PDF_NO_TEXT';
}

/** The page count the text reader's refusal names ("The PDF has 3 page(s) but no text layer"), if it does. */
function pagesNamed(e: ImrError): number | null {
  const m = /has (\d+) page\(s\)/.exec(e.message);
  return m ? Number(m[1]) : null;
}

/** The refusal of a scan where OCR is missing, naming the file. */
export function unavailableFor(noText: ImrError, name: string): ImrError {
  return withFileName(ocrUnavailableError(pagesNamed(noText)), name);
}

/** The warning a letter read by OCR carries: the text is the machine's reading of a picture. */
function ocrWarning(result: OcrResult): string {
  const low = lowConfidencePages(result.pages.map((p) => p.confidence));
  const lowText = low.length ? `; page(s) ${low.join(', ')} read with low confidence` : '';
  return `the PDF has no text layer and was read by OCR (mean confidence ${meanConfidence(result.pages)}%${lowText}): check names, dates and decisions against the scan`;
}

/**
 * A scanned letter: OCR reads the pages (child processes, within the OCR limits), then `parseText`
 * reads the text as it would a text letter (in the reader's worker), and the result carries the
 * OCR warning first.
 */
export async function parseScannedLetter(
  ocr: Ocr | null,
  limits: ReadingLimits,
  bytes: Uint8Array,
  name: string,
  noText: ImrError,
  parseText: (text: Uint8Array, name: string) => Promise<ParsedLetter>,
): Promise<ParsedLetter> {
  if (!ocr || !(await ocr.available())) throw unavailableFor(noText, name);
  let result: OcrResult;
  try {
    result = await ocr.recognize(bytes, limits);
  } catch (e) {
    throw isImrError(e) ? withFileName(e, name) : e;
  }
  if (result.pages.every((p) => p.words === 0)) {
    throw new ImrError('IMR_ERR_PDF_NO_TEXT', `${name}: the PDF has ${result.pages.length} page(s) but no text layer, and OCR found no text on them (a blank or unreadable scan); get a clearer scan or give the letter as text.`, { subject: name });
  }
  const parsed = await parseText(new TextEncoder().encode(ocrText(result)), name);
  return { ...parsed, warnings: [ocrWarning(result), ...parsed.warnings] };
}
