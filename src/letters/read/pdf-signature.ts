/*
 * The PDF signature test, in a module of its own: a text letter is told from a PDF without loading
 * the PDF readers (pdf-text.ts and the fast reader's modules).
 */

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** True when the bytes start (after at most 1 KiB of junk, as readers allow) with the PDF signature. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < PDF_MAGIC.length; j++) if (bytes[i + j] !== PDF_MAGIC[j]) continue outer;
    return true;
  }
  return false;
}
