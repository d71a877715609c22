import { parseCMap } from './cmap.js';
import type { Doc } from './document.js';
import { PdfName, PdfRef, unsupported, type PdfDict, type PdfValue } from './objects.js';

/**
 * Fonts: how a font's codes become text (its ToUnicode map, else WinAnsi with the Differences of
 * its encoding) and how far each glyph advances. Type0 fonts only with Identity-H and a map.
 */

/** Windows-1252 (WinAnsiEncoding) for 0x80–0x9F; the rest of WinAnsi is Latin-1. */
const WIN_ANSI_HIGH = '\u20ac\u0000\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0000\u017d\u0000\u0000\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0000\u017e\u0178';

/** Glyph names a Differences array may use, for the characters letters contain. */
const GLYPHS: Record<string, string> = {
  space: ' ', quotesingle: "'", quotedbl: '"', grave: '`', bullet: '\u2022', endash: '\u2013', emdash: '\u2014',
  quoteleft: '\u2018', quoteright: '\u2019', quotedblleft: '\u201c', quotedblright: '\u201d', degree: '\u00b0',
  hyphen: '-', minus: '-', periodcentered: '\u00b7', ellipsis: '\u2026', section: '\u00a7', registered: '\u00ae',
  copyright: '\u00a9', trademark: '\u2122', plusminus: '\u00b1', fi: 'fi', fl: 'fl', nbspace: ' ',
};

export interface Font {
  bytesPerCode: 1 | 2;
  toUnicode: Map<number, string> | null;
  simple: (code: number) => string | null;
  width: (code: number) => number;
}

export function loadFont(doc: Doc, ref: PdfValue): Font {
  const f = doc.dict(ref);
  const subtype = doc.name(f.Subtype);
  const tu = f.ToUnicode instanceof PdfRef ? parseCMap(doc.streamText(f.ToUnicode.num), doc.budget) : null;
  if (subtype === 'Type0') {
    const encoding = doc.name(f.Encoding);
    if (encoding !== 'Identity-H' || !tu) unsupported('composite font encoding');
    const desc = doc.dict((doc.resolve(f.DescendantFonts) as PdfValue[])[0]);
    const dw = desc.DW === undefined ? 1000 : doc.num(desc.DW);
    const widths = new Map<number, number>();
    const w = doc.resolve(desc.W);
    if (Array.isArray(w)) {
      for (let i = 0; i < w.length; ) {
        const first = doc.num(w[i]);
        const next = doc.resolve(w[i + 1]);
        if (Array.isArray(next)) {
          next.forEach((x, k) => widths.set(first + k, doc.num(x)));
          i += 2;
        } else {
          const last = doc.num(next);
          if (last - first > 0xffff) unsupported('width range');
          const width = doc.num(w[i + 2]);
          for (let c = first; c <= last; c++) widths.set(c, width);
          i += 3;
        }
      }
    }
    return { bytesPerCode: 2, toUnicode: tu, simple: () => null, width: (c) => widths.get(c) ?? dw };
  }
  if (subtype !== 'TrueType' && subtype !== 'Type1' && subtype !== 'MMType1') unsupported(`font type ${subtype}`);
  const firstChar = f.FirstChar === undefined ? 0 : doc.num(f.FirstChar);
  const widthsArr = doc.resolve(f.Widths);
  const widths = Array.isArray(widthsArr) ? widthsArr.map((x) => doc.num(x)) : null;
  if (!widths) unsupported('font without widths (a standard 14 font)');
  const missing = f.FontDescriptor !== undefined ? doc.dict(f.FontDescriptor).MissingWidth : undefined;
  const missingWidth = missing === undefined ? 0 : doc.num(missing);
  const enc = doc.resolve(f.Encoding);
  const diffs = new Map<number, string>();
  let base = enc instanceof PdfName ? enc.name : null;
  if (enc && typeof enc === 'object' && !(enc instanceof PdfName) && !Array.isArray(enc)) {
    const e = enc as PdfDict;
    base = doc.name(e.BaseEncoding);
    const d = doc.resolve(e.Differences);
    if (Array.isArray(d)) {
      let code = 0;
      for (const x of d) {
        const v = doc.resolve(x);
        if (typeof v === 'number') code = v;
        else if (v instanceof PdfName) diffs.set(code++, v.name);
      }
    }
  }
  if (!tu && base !== null && base !== 'WinAnsiEncoding') unsupported(`encoding ${base}`);
  if (!tu && base === null && subtype !== 'TrueType') unsupported('symbolic font without a map');
  const simple = (code: number): string | null => {
    const g = diffs.get(code);
    if (g !== undefined) {
      if (g.length === 1) return g;
      if (GLYPHS[g] !== undefined) return GLYPHS[g];
      const uni = /^uni([0-9A-F]{4})$/.exec(g);
      if (uni) return String.fromCharCode(parseInt(uni[1], 16));
      return null;
    }
    if (code >= 0x80 && code <= 0x9f) return WIN_ANSI_HIGH[code - 0x80] === '\u0000' ? null : WIN_ANSI_HIGH[code - 0x80];
    if (code < 32) return null;
    return String.fromCharCode(code);
  };
  return {
    bytesPerCode: 1,
    toUnicode: tu,
    simple,
    width: (c) => (c >= firstChar && c - firstChar < widths.length ? widths[c - firstChar] : missingWidth),
  };
}
