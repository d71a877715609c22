import { readFile } from 'node:fs/promises';
import { ImrError } from '../../errors/imr-error.js';
import { parseLetterText, type ParsedLetter } from './parse-letter.js';
import { extractPdfText, extractWithPdfJs, looksLikePdf } from './pdf-text.js';

/**
 * Decodes letter bytes as text, or says why they are not text: bytes with NULs or many control
 * characters are a binary file. UTF-8 is tried first, then Windows-1252 (older exports).
 */
export function decodeLetterBytes(bytes: Uint8Array): string {
  // The first 4 KiB decide; an indexed loop, since iterating a typed array with for…of is several
  // times slower and this runs for every text letter.
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b >= 0x20) continue;
    if (b === 0) {
      control = n;
      break;
    }
    if (b < 0x09 || (b > 0x0d && b !== 0x1b)) control++;
  }
  if (n > 0 && control / n > 0.05) {
    throw new ImrError('IMR_ERR_LETTER_UNRECOGNIZED', 'the file is binary but not a PDF (no %PDF- signature); give a PDF or a plain-text letter');
  }
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return WINDOWS_1252.decode(bytes);
  }
}

// Shared decoders (a non-streaming decode() keeps no state between calls): making one per letter costs
// more than decoding it.
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/** Reads letter bytes (a PDF, detected by its %PDF- signature, or text) into the letter model. */
export async function parseLetterBytes(bytes: Uint8Array, source?: string): Promise<ParsedLetter> {
  const where = source ? `${source}: ` : '';
  try {
    if (bytes.length === 0) throw new ImrError('IMR_ERR_LETTER_EMPTY', 'the file is empty (0 bytes); give the letter text or PDF');
    if (!looksLikePdf(bytes)) return parseLetterText(decodeLetterBytes(bytes));
    const text = await extractPdfText(bytes);
    try {
      return parseLetterText(text);
    } catch (e) {
      // The fast PDF reader read this PDF but the text is no letter: ask pdf.js before giving up.
      if (!(e instanceof ImrError)) throw e;
      const reference = await extractWithPdfJs(bytes).catch(() => text);
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
 * Reads one letter file. Errors are ImrErrors naming the file: IMR_ERR_FILE_NOT_FOUND,
 * IMR_ERR_LETTER_EMPTY, IMR_ERR_PDF_INVALID, IMR_ERR_PDF_NO_TEXT, IMR_ERR_LETTER_UNRECOGNIZED,
 * IMR_ERR_LETTER_TRUNCATED, IMR_ERR_LETTER_NO_ITEMS.
 */
export async function readLetterFile(path: string): Promise<ParsedLetter & { file: string }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new ImrError('IMR_ERR_FILE_NOT_FOUND', `${path}: ${why}; check the path`, { subject: path, cause: e });
  }
  const parsed = await parseLetterBytes(bytes, path);
  return { file: path, ...parsed };
}
