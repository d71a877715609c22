import { readFile } from 'node:fs/promises';
import { ImrError } from '../../errors/imr-error.js';
import { parseLetterText, type ParsedLetter } from './parse-letter.js';
import { looksLikePdf } from './pdf-signature.js';
import { DEFAULT_READING_LIMITS, type ReadingLimits } from './reading-limits.js';

/**
 * Decodes letter bytes as text, or says why they are not text: bytes with NULs or many control
 * characters are a binary file. UTF-8 is tried first, then Windows-1252 (older exports).
 */
export function decodeLetterBytes(bytes: Uint8Array): string {
  // The first 4 KiB decide.
  const n = Math.min(bytes.length, 4096);
  const control = controlBytes(bytes, n);
  if (n > 0 && control / n > 0.05) {
    throw new ImrError('IMR_ERR_LETTER_UNRECOGNIZED', 'the file is binary but not a PDF (no %PDF- signature); give a PDF or a plain-text letter');
  }
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return WINDOWS_1252.decode(bytes);
  }
}

/**
 * How many of the first `n` bytes are control characters other than whitespace and ESC; `n` when
 * one is NUL. This runs for every text letter: four bytes are tested at a time (a word with no byte
 * below 0x20 is skipped whole), and the bytes of the rare words that have one are looked at singly.
 */
function controlBytes(bytes: Uint8Array, n: number): number {
  let control = 0;
  let i = 0;
  if (bytes.byteOffset % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, n >>> 2);
    for (; i < words.length; i++) {
      const w = words[i];
      // Non-zero when some byte of w is below 0x20 (the classic "has a byte less than" test).
      if (((w - 0x20202020) & ~w & 0x80808080) === 0) continue;
      for (let k = i * 4; k < i * 4 + 4; k++) {
        const c = countControl(bytes[k]);
        if (c < 0) return n;
        control += c;
      }
    }
    i = words.length * 4;
  }
  for (; i < n; i++) {
    const c = countControl(bytes[i]);
    if (c < 0) return n;
    control += c;
  }
  return control;
}

/** 1 for a control byte, 0 for others, -1 for NUL. */
function countControl(b: number): number {
  if (b >= 0x20) return 0;
  if (b === 0) return -1;
  return b < 0x09 || (b > 0x0d && b !== 0x1b) ? 1 : 0;
}

// Shared decoders (a non-streaming decode() keeps no state between calls): making one per letter costs
// more than decoding it.
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/**
 * Reads letter bytes (a PDF, detected by its %PDF- signature, or text) into the letter model, in
 * this thread (untrusted files from users go through a DocumentReader's worker pool instead).
 */
export async function parseLetterBytes(bytes: Uint8Array, source?: string, limits: ReadingLimits = DEFAULT_READING_LIMITS): Promise<ParsedLetter> {
  const where = source ? `${source}: ` : '';
  try {
    if (bytes.length === 0) throw new ImrError('IMR_ERR_LETTER_EMPTY', 'the file is empty (0 bytes); give the letter text or PDF');
    if (!looksLikePdf(bytes)) return parseLetterText(decodeLetterBytes(bytes));
    // The PDF readers are loaded for PDFs only: a text letter does without them.
    const { extractPdfText, extractWithPdfJs } = await import('./pdf-text.js');
    const text = await extractPdfText(bytes, limits);
    try {
      return parseLetterText(text);
    } catch (e) {
      // The fast PDF reader read this PDF but the text is no letter: ask pdf.js before giving up.
      if (!(e instanceof ImrError)) throw e;
      const reference = await extractWithPdfJs(bytes, limits).catch(() => text);
      if (reference === text) throw e;
      try {
        return parseLetterText(reference);
      } catch {
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof ImrError) throw new ImrError(e.code, where + e.message, { subject: source, cause: e.cause });
    throw e;
  }
}

/**
 * The message of the IMR_ERR_INTERNAL a read ends with when the reader itself fails (an error that
 * is no catalogue error), in a reading worker or in the calling thread alike.
 */
export function readerFailureMessage(name: string): string {
  return `${name}: the document could not be read (an unexpected error in the reader); get a fresh copy of the file.`;
}

/** Turns letter bytes into the letter model: parseLetterBytes in this thread, or a DocumentReader's pool. */
export type LetterBytesParser = (bytes: Uint8Array, source: string) => Promise<ParsedLetter>;

/**
 * Reads one letter file (by default in this thread; pass a reader's parseLetter to read it in a
 * worker). Errors are ImrErrors naming the file: IMR_ERR_FILE_NOT_FOUND, IMR_ERR_LETTER_EMPTY,
 * IMR_ERR_PDF_INVALID, IMR_ERR_PDF_NO_TEXT, IMR_ERR_LETTER_UNRECOGNIZED, IMR_ERR_LETTER_TRUNCATED,
 * IMR_ERR_LETTER_NO_ITEMS, IMR_ERR_DOCUMENT_LIMIT.
 */
export async function readLetterFile(path: string, parse: LetterBytesParser = (b, s) => parseLetterBytes(b, s)): Promise<ParsedLetter & { file: string }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${path}: ${why}; check the path`, { subject: path, cause: e });
  }
  const parsed = await parse(bytes, path);
  return { file: path, ...parsed };
}
