import { constants } from 'node:zlib';
import { inflateCapped, Parser, PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from './pdf-fast.js';
import { isDocumentLimit, ReadingBudget } from './reading-limits.js';

/**
 * Before a PDF goes to pdf.js: inflates every compressed stream pdf.js would decode to read text
 * (contents, fonts, maps, object streams; not images, which text extraction never decodes) with
 * the reading limits' caps, and throws IMR_ERR_DOCUMENT_LIMIT when one stream or the whole file
 * inflates past them. pdf.js has no such cap, and its buffers live outside the worker's heap limit,
 * so a 1 MB file inflating to 1 GiB would otherwise be decoded in full. Tolerant by design: what
 * this scan cannot parse (a damaged object, an encrypted stream) is left for pdf.js to judge.
 */
export function checkStreamsForPdfJs(bytes: Uint8Array, budget: ReadingBudget): void {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const offsets = new Map<number, number>();
  const re = /(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = re.exec(s); m; m = re.exec(s)) offsets.set(Number(m[1]), m.index + m[0].length);
  const valueAt = (off: number): { value: PdfValue; end: number } | null => {
    try {
      const p = new Parser(s);
      p.pos = off;
      const value = p.valueOrRef();
      p.skipWs();
      return { value, end: p.pos };
    } catch {
      return null;
    }
  };
  const resolve = (v: PdfValue | undefined): PdfValue | undefined => {
    for (let i = 0; i < 8 && v instanceof PdfRef; i++) {
      const off = offsets.get(v.num);
      v = off === undefined ? undefined : valueAt(off)?.value;
    }
    return v;
  };
  for (const off of offsets.values()) {
    const obj = valueAt(off);
    if (!obj || !isDict(obj.value) || !s.startsWith('stream', obj.end)) continue;
    const dict = obj.value;
    const type = resolve(dict.Subtype);
    if (type instanceof PdfName && type.name === 'Image') continue;
    const filters = filterNames(resolve(dict.Filter), resolve);
    if (filters.length === 0 || filters[0] !== 'FlateDecode') continue;
    let start = obj.end + 6;
    if (s[start] === '\r') start++;
    if (s[start] === '\n') start++;
    const declared = resolve(dict.Length);
    let end = typeof declared === 'number' && declared >= 0 && start + declared <= s.length ? start + declared : s.indexOf('endstream', start);
    if (end < 0) end = s.length;
    let data = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
    try {
      // A chain of Flate filters inflates in turn: each stage is capped, so a nested bomb stops too.
      for (const f of filters) {
        if (f !== 'FlateDecode') break;
        data = inflateCapped(data, budget, { finishFlush: constants.Z_SYNC_FLUSH });
      }
    } catch (e) {
      if (isDocumentLimit(e)) throw e;
      // Not inflatable here (damaged, encrypted): pdf.js decides what it makes of it.
    }
  }
}

function isDict(v: PdfValue | undefined): v is PdfDict {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PdfName) && !(v instanceof PdfRef) && !(v instanceof PdfString);
}

/** A stream's filter names, with the abbreviation "Fl" read as FlateDecode. */
function filterNames(v: PdfValue | undefined, resolve: (v: PdfValue | undefined) => PdfValue | undefined): string[] {
  const list = Array.isArray(v) ? v.map((x) => resolve(x)) : v === undefined || v === null ? [] : [v];
  return list.map((f) => (f instanceof PdfName ? (f.name === 'Fl' ? 'FlateDecode' : f.name) : '?'));
}
