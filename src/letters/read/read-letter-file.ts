import { readFile } from 'node:fs/promises';
import { ImrError } from '../../errors/imr-error.js';
import { parseLetterText, type ParsedLetter } from './parse-letter.js';
import { extractPdfText, extractWithPdfJs, looksLikePdf } from './pdf-text.js';

/**
 * Decodes letter bytes as text, or says why they are not text: bytes with NULs or many control
 * characters are a binary file. UTF-8 is tried first, then Windows-1252 (older exports).
 */
export function decodeLetterBytes(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) {
    if (b === 0) {
      control = sample.length;
      break;
    }
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    throw new ImrError('IMR_ERR_LETTER_UNRECOGNIZED', 'the file is binary but not a PDF (no %PDF- signature); give a PDF or a plain-text letter');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

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
