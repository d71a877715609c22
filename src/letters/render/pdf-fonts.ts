import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Block } from './layout.js';

/** A font's role; the document's font set says which font plays it. */
export type FontName = 'body' | 'bold' | 'sans' | 'sansBold';

/** The standard PDF fonts (no embedding, Windows-1252 only), as in the published letters. */
export const STANDARD_FONTS: Record<FontName, string> = { body: 'Times-Roman', bold: 'Times-Bold', sans: 'Helvetica', sansBold: 'Helvetica-Bold' };
/** Embedded Unicode fonts for letters with other characters (registered under these names). */
export const FALLBACK_FONTS: Record<FontName, string> = { body: 'Fallback', bold: 'Fallback-Bold', sans: 'Fallback', sansBold: 'Fallback-Bold' };
const FALLBACK_FILES = { Fallback: 'DejaVuSerif.ttf', 'Fallback-Bold': 'DejaVuSerif-Bold.ttf' } as const;

let fallbackData: Record<keyof typeof FALLBACK_FILES, Buffer> | null = null;
/** The fallback font files, read once from fonts/ next to this module (copied to dist/ by the build). */
export function fallbackFontData(): Record<keyof typeof FALLBACK_FILES, Buffer> {
  if (!fallbackData) {
    const read = (f: string) => readFileSync(fileURLToPath(new URL(`./fonts/${f}`, import.meta.url)));
    fallbackData = { Fallback: read(FALLBACK_FILES.Fallback), 'Fallback-Bold': read(FALLBACK_FILES['Fallback-Bold']) };
  }
  return fallbackData;
}

/** A text's width in points, in the font that plays a role at a size. */
export type Measurer = (font: FontName, size: number, text: string) => number;

/** The characters the standard PDF fonts can draw (Windows-1252). */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function unencodable(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || WIN_ANSI_EXTRA.includes(ch)) continue;
    bad.add(ch);
  }
  return [...bad];
}

/** Every text the blocks will draw, for the character checks. */
export function blocksText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'header') for (const row of b.rows) for (const f of row) if (f) parts.push(f.label, f.value);
    if (b.kind === 'lines') for (const l of b.lines) parts.push(l.label ?? '', l.text);
    if (b.kind === 'decision') parts.push(b.request, b.decision);
    if ('text' in b) parts.push(b.text);
    if ('label' in b) parts.push(b.label);
  }
  return parts.join('\n');
}

/** Characters the embedded fallback font has no glyph for (through PDFKit's fontkit font). */
export function undrawable(doc: PDFKit.PDFDocument, text: string): string[] {
  doc.font(FALLBACK_FONTS.body);
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  if (!font?.hasGlyphForCodePoint) return [];
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x20 && !font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}
