import { ImrError, isImrError } from '../../errors/imr-error.js';
import type { ParsedLetter } from './parse-letter.js';
import { readingLimits, withFileName, type ReadingLimits } from './reading-limits.js';
import type { Ocr, OcrProgress, OcrResult } from './ocr/ocr-port.js';

/**
 * The OCR side (scans: refusals, reading a scanned letter) is loaded when a PDF turns out to have no
 * text layer: a letter with text, the common case, never needs it (each module loaded costs every
 * `imr letter parse`).
 */
const scannedReading = () => import('./ocr/scanned-reading.js');

/*
 * The document reader's port and the reader in the calling thread. The pool of reading workers
 * (reading-pool.ts) is in a module of its own, which `imr letter parse` with one file never loads.
 */

/**
 * The port through which the service and the CLI read untrusted documents (uploads, letter files).
 * Every error is a catalogue error naming the file (`name`).
 */
export interface DocumentReader {
  /** The text layer of a PDF (lines, pages separated by a form feed). */
  readPdfText(bytes: Uint8Array, name: string): Promise<string>;
  /** A determination letter (PDF or text) read into the letter model; a scanned PDF by OCR, with a warning saying so. */
  parseLetter(bytes: Uint8Array, name: string): Promise<ParsedLetter>;
  /**
   * For a PDF the text reader refused as having no text layer (`noText`): checks that OCR can read
   * it (installed, pages within the OCR limits) and returns its page count, without reading it.
   * IMR_ERR_OCR_UNAVAILABLE without OCR, IMR_ERR_DOCUMENT_LIMIT over a limit.
   */
  checkScan(bytes: Uint8Array, name: string, noText: ImrError): Promise<number>;
  /** A scanned PDF read by OCR, page by page, within the OCR limits (child processes: the calling thread only waits). */
  ocrPdf(bytes: Uint8Array, name: string, progress?: OcrProgress): Promise<OcrResult>;
  /** Stops the reader's workers (a reader used again starts new ones). */
  close(): Promise<void>;
}

/**
 * Tesseract (the default OCR), its module loaded when a scan first needs it: a reader is made for
 * every `imr letter parse`, and most letters have a text layer.
 */
export function tesseractOnFirstUse(): Ocr {
  let loaded: Promise<Ocr> | undefined;
  const ocr = () => (loaded ??= import('./ocr/tesseract-ocr.js').then((m) => new m.TesseractOcr()));
  return {
    available: async () => (await ocr()).available(),
    pageCount: async (pdf, limits) => (await ocr()).pageCount(pdf, limits),
    recognize: async (pdf, limits, progress) => (await ocr()).recognize(pdf, limits, progress),
  };
}

export function named<T>(name: string, p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    throw isImrError(e) ? withFileName(e, name) : e;
  });
}

/**
 * What both readers do with scans: OCR through the port (Tesseract unless another is given; null:
 * none), at most `ocrSlots` files at a time (one per reading worker), the others waiting their turn:
 * OCR is the heaviest reading there is, and the cores are shared with the service.
 */
export abstract class ScanReading {
  abstract readonly limits: ReadingLimits;
  protected abstract readonly ocr: Ocr | null;
  protected ocrSlots = 1;
  private ocrRunning = 0;
  private readonly ocrWaiting: Array<() => void> = [];

  async checkScan(bytes: Uint8Array, name: string, noText: ImrError): Promise<number> {
    if (!this.ocr || !(await this.ocr.available())) throw (await scannedReading()).unavailableFor(noText, name);
    return named(name, this.ocr.pageCount(bytes, this.limits));
  }

  async ocrPdf(bytes: Uint8Array, name: string, progress?: OcrProgress): Promise<OcrResult> {
    const ocr = this.ocr;
    if (!ocr || !(await ocr.available())) throw withFileName((await import('./ocr/ocr-port.js')).ocrUnavailableError(null), name);
    // A slot is handed straight to the next in line when one ends, so none is taken twice.
    if (this.ocrRunning >= this.ocrSlots) await new Promise<void>((r) => this.ocrWaiting.push(r));
    else this.ocrRunning++;
    try {
      return await named(name, ocr.recognize(bytes, this.limits, progress));
    } finally {
      const next = this.ocrWaiting.shift();
      if (next) next();
      else this.ocrRunning--;
    }
  }

  /** `read` (the text reader's letter parse), and for a scan OCR, then the same parse of the OCR text. */
  protected async letterOrScan(bytes: Uint8Array, name: string, read: (b: Uint8Array, n: string) => Promise<ParsedLetter>): Promise<ParsedLetter> {
    try {
      return await read(bytes, name);
    } catch (e) {
      const { isNoTextLayer, parseScannedLetter } = await scannedReading();
      if (!isNoTextLayer(e)) throw e;
      const ocr = this.ocr;
      // Through ocrPdf, so that letters take their turn with the scanned records.
      const throughSlots = ocr && { available: () => ocr.available(), pageCount: (b: Uint8Array, l: ReadingLimits) => ocr.pageCount(b, l), recognize: (b: Uint8Array) => this.ocrPdf(b, name) };
      return parseScannedLetter(throughSlots, this.limits, bytes, name, e, read);
    }
  }
}

/**
 * Reading in the calling thread, with the size and complexity limits (inflated bytes, pages,
 * operators, mapped codes) but no time or memory limit: for the CLI reading one file, where
 * starting a worker and loading the reader a second time in it cost more than reading the letter.
 * The reader's modules are imported on first use, so a process that only holds a reader loads nothing.
 */
class InlineDocumentReader extends ScanReading implements DocumentReader {
  readonly limits: ReadingLimits;
  protected readonly ocr: Ocr | null;
  constructor(opts: Omit<WorkerReaderOptions, 'workers'>) {
    super();
    this.limits = readingLimits(opts.limits);
    this.ocr = opts.ocr === undefined ? tesseractOnFirstUse() : opts.ocr;
  }
  async readPdfText(bytes: Uint8Array, name: string): Promise<string> {
    const [{ extractPdfText }, { readerFailureMessage }] = await Promise.all([import('./pdf-text.js'), import('./read-letter-file.js')]);
    return named(name, asWorkerWould(name, extractPdfText(bytes, this.limits), readerFailureMessage));
  }
  async parseLetter(bytes: Uint8Array, name: string): Promise<ParsedLetter> {
    const { parseLetterBytes, readerFailureMessage } = await import('./read-letter-file.js');
    return this.letterOrScan(bytes, name, (b, n) => named(n, asWorkerWould(n, parseLetterBytes(b, n, this.limits), readerFailureMessage)));
  }
  async close(): Promise<void> {}
}

/** A failure of the reader itself ends as IMR_ERR_INTERNAL worded as a reading worker words it, so both readers report it alike. */
function asWorkerWould<T>(name: string, p: Promise<T>, message: (name: string) => string): Promise<T> {
  return p.catch((e: unknown) => {
    throw isImrError(e) ? e : new ImrError('IMR_ERR_INTERNAL', message(name), { cause: e });
  });
}

/** A reader in the calling thread (see InlineDocumentReader): for one file read by the CLI. */
export function createInlineDocumentReader(opts: Omit<WorkerReaderOptions, 'workers'> = {}): DocumentReader {
  return new InlineDocumentReader(opts);
}

export interface WorkerReaderOptions {
  /** Reading workers (default IMR_READ_WORKERS, or one per core but one, at least 1 and at most 4). */
  workers?: number;
  limits?: Partial<ReadingLimits>;
  /** OCR for scans (default: Tesseract, when installed; null: scans are refused). */
  ocr?: Ocr | null;
}
