import { ImrError } from '../../errors/imr-error.js';

/**
 * How much reading one untrusted document may cost. A small file can be built to inflate to
 * gigabytes, to map millions of codes, to list one page thousands of times or to run millions of
 * drawing operators; each limit stops that early with IMR_ERR_DOCUMENT_LIMIT instead of letting
 * the file freeze or bloat the process. The defaults are far above what a real letter or medical
 * record needs; each can be changed with the environment variable named beside it.
 */
export interface ReadingLimits {
  /** Wall time to read one file in a reading worker, ms (IMR_READ_TIME_LIMIT_MS); the worker is stopped and replaced. */
  timeMs: number;
  /** Heap of one reading worker, MB (IMR_READ_MEMORY_LIMIT_MB); a worker that runs out is replaced. */
  memoryMb: number;
  /** Bytes one compressed stream may inflate to (IMR_READ_STREAM_LIMIT_MB, in MB). */
  streamBytes: number;
  /** Bytes all the streams of one file may inflate to together (IMR_READ_FILE_LIMIT_MB, in MB). */
  fileBytes: number;
  /** Pages in one file (IMR_READ_PAGE_LIMIT). */
  pages: number;
  /** Content-stream operators in one file (IMR_READ_OPERATOR_LIMIT). */
  operators: number;
  /** Character codes the fonts' ToUnicode maps of one file may map (IMR_READ_CMAP_LIMIT). */
  cmapCodes: number;
  /** Pages of one scanned file read by OCR (IMR_READ_OCR_PAGE_LIMIT); a longer scan is refused before OCR starts. */
  ocrPages: number;
  /** Wall time to OCR one scanned file, ms (IMR_READ_OCR_TIME_LIMIT_MS); OCR runs in child processes, in the background. */
  ocrTimeMs: number;
  /** Wall time to rasterise and OCR one page, ms (IMR_READ_OCR_PAGE_TIME_LIMIT_MS); the child process is killed. */
  ocrPageTimeMs: number;
  /** Address space of each OCR program (renderer, Tesseract), MB (IMR_READ_OCR_MEMORY_LIMIT_MB); set with prlimit where it exists. */
  ocrMemoryMb: number;
}

const MB = 1024 * 1024;

export const DEFAULT_READING_LIMITS: Readonly<ReadingLimits> = Object.freeze({
  timeMs: 60_000,
  memoryMb: 512,
  streamBytes: 64 * MB,
  fileBytes: 256 * MB,
  pages: 2_000,
  operators: 5_000_000,
  cmapCodes: 1_000_000,
  ocrPages: 500,
  ocrTimeMs: 30 * 60_000,
  ocrPageTimeMs: 120_000,
  ocrMemoryMb: 2048,
});

/** What each limit is called in messages, and how to raise it. */
const LIMIT_TEXT: Record<keyof ReadingLimits, { what: (v: number) => string; env: string }> = {
  timeMs: { what: (v) => `${v / 1000} s of reading time`, env: 'IMR_READ_TIME_LIMIT_MS' },
  memoryMb: { what: (v) => `${v} MB of memory`, env: 'IMR_READ_MEMORY_LIMIT_MB' },
  streamBytes: { what: (v) => `${Math.round(v / MB)} MB inflated from one stream`, env: 'IMR_READ_STREAM_LIMIT_MB' },
  fileBytes: { what: (v) => `${Math.round(v / MB)} MB inflated from the whole file`, env: 'IMR_READ_FILE_LIMIT_MB' },
  pages: { what: (v) => `${v} pages`, env: 'IMR_READ_PAGE_LIMIT' },
  operators: { what: (v) => `${v.toLocaleString('en-US')} drawing operators`, env: 'IMR_READ_OPERATOR_LIMIT' },
  cmapCodes: { what: (v) => `${v.toLocaleString('en-US')} mapped character codes`, env: 'IMR_READ_CMAP_LIMIT' },
  ocrPages: { what: (v) => `${v} pages read by OCR`, env: 'IMR_READ_OCR_PAGE_LIMIT' },
  ocrTimeMs: { what: (v) => `${v / 1000} s of OCR for the file`, env: 'IMR_READ_OCR_TIME_LIMIT_MS' },
  ocrPageTimeMs: { what: (v) => `${v / 1000} s of OCR for one page`, env: 'IMR_READ_OCR_PAGE_TIME_LIMIT_MS' },
  ocrMemoryMb: { what: (v) => `${v} MB of memory for an OCR program`, env: 'IMR_READ_OCR_MEMORY_LIMIT_MB' },
};

/**
 * The error for a limit hit. `file` names the document when known (the message must carry no
 * content, only the name, the limit and what to do).
 */
export function documentLimitError(limit: keyof ReadingLimits, value: number, file?: string): ImrError {
  const t = LIMIT_TEXT[limit];
  const where = file ? `${file}: ` : '';
  return new ImrError(
    'IMR_ERR_DOCUMENT_LIMIT',
    `${where}reading stopped at the limit of ${t.what(value)}; the file is damaged or built to overload the reader. Get a fresh copy (or split a very large genuine document); an operator can raise the limit with ${t.env}.`,
    { subject: file, details: [{ path: limit, message: `limit ${value}` }] },
  );
}

/** The limit's name as a field of ReadingLimits, when `e` is a document-limit error. */
export function isDocumentLimit(e: unknown): e is ImrError {
  return e instanceof ImrError && e.code === 'IMR_ERR_DOCUMENT_LIMIT';
}

/** The same error naming `file`, when it did not name one yet. */
export function withFileName(e: ImrError, file: string): ImrError {
  if (e.subject !== undefined || e.message.startsWith(`${file}: `)) return e;
  return new ImrError(e.code, `${file}: ${e.message}`, { subject: file, details: e.details, cause: e.cause });
}

function positive(raw: string | undefined, scale = 1): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new ImrError('IMR_ERR_USAGE', `A reading limit must be a positive number; got "${raw}". Fix or unset the IMR_READ_… variable.`);
  }
  return Math.round(n * scale);
}

/** The limits: the defaults, then the environment's IMR_READ_… variables, then `overrides`. */
export function readingLimits(overrides: Partial<ReadingLimits> = {}, env: NodeJS.ProcessEnv = process.env): ReadingLimits {
  const fromEnv: Partial<ReadingLimits> = {
    timeMs: positive(env.IMR_READ_TIME_LIMIT_MS),
    memoryMb: positive(env.IMR_READ_MEMORY_LIMIT_MB),
    streamBytes: positive(env.IMR_READ_STREAM_LIMIT_MB, MB),
    fileBytes: positive(env.IMR_READ_FILE_LIMIT_MB, MB),
    pages: positive(env.IMR_READ_PAGE_LIMIT),
    operators: positive(env.IMR_READ_OPERATOR_LIMIT),
    cmapCodes: positive(env.IMR_READ_CMAP_LIMIT),
    ocrPages: positive(env.IMR_READ_OCR_PAGE_LIMIT),
    ocrTimeMs: positive(env.IMR_READ_OCR_TIME_LIMIT_MS),
    ocrPageTimeMs: positive(env.IMR_READ_OCR_PAGE_TIME_LIMIT_MS),
    ocrMemoryMb: positive(env.IMR_READ_OCR_MEMORY_LIMIT_MB),
  };
  const out: ReadingLimits = { ...DEFAULT_READING_LIMITS };
  for (const src of [fromEnv, overrides]) {
    for (const [k, v] of Object.entries(src) as Array<[keyof ReadingLimits, number | undefined]>) if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Counts what one file has used against its limits; the PDF readers call it as they go. One
 * budget per file (not per stream) so a file cannot spread its cost over many small parts.
 */
export class ReadingBudget {
  private inflated = 0;
  private operators = 0;
  private cmapCodes = 0;
  constructor(readonly limits: ReadingLimits) {}

  /** Records `n` more inflated bytes; throws at the file limit. */
  inflate(n: number): void {
    this.inflated += n;
    if (this.inflated > this.limits.fileBytes) throw documentLimitError('fileBytes', this.limits.fileBytes);
  }

  /** The most one stream may still inflate to (the per-stream limit, or what the file has left). */
  streamRoom(): number {
    return Math.max(0, Math.min(this.limits.streamBytes, this.limits.fileBytes - this.inflated));
  }

  /** The error for a stream that would not fit in streamRoom(). */
  streamTooLarge(): ImrError {
    return this.limits.fileBytes - this.inflated < this.limits.streamBytes
      ? documentLimitError('fileBytes', this.limits.fileBytes)
      : documentLimitError('streamBytes', this.limits.streamBytes);
  }

  operator(): void {
    if (++this.operators > this.limits.operators) throw documentLimitError('operators', this.limits.operators);
  }

  mapCodes(n: number): void {
    this.cmapCodes += n;
    if (this.cmapCodes > this.limits.cmapCodes) throw documentLimitError('cmapCodes', this.limits.cmapCodes);
  }

  pages(n: number): void {
    if (n > this.limits.pages) throw documentLimitError('pages', this.limits.pages);
  }
}
