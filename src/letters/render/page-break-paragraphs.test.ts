/**
 * A paragraph break that falls exactly on a page break of the rendered PDF. The text layer has no
 * blank line across a page break by itself, so a reader would merge the paragraph that ends a page
 * with the one that starts the next. Each test first searches a few letter shapes for one whose
 * paragraph boundary does fall on a page break (and fails if none does, so the test keeps testing
 * what it says), then reads the PDF back.
 */
import { describe, expect, it } from 'vitest';
import type { Letter } from '../model.js';
import { extractPdfText, parseLetterText } from '../read/index.js';
import { renderLetterPdf } from './pdf.js';
import { prose, sampleLetter } from './test-support/sample-letters.js';

const FIXED = new Date('2017-01-01T00:00:00Z');

/** The content lines of each page of the PDF's text layer (no blank lines, no page numbers). */
function pageLines(text: string): string[][] {
  return text.split('\n\f\n').map((p) => p.split('\n').filter((l) => l !== '' && !/^Page \d+ of \d+$/.test(l)));
}

/**
 * Whether some page ends with the last line of one of `paras` and the next page starts with the
 * first line of the paragraph after it.
 */
function boundaryOnPageBreak(pages: string[][], paras: string[]): boolean {
  for (let p = 0; p + 1 < pages.length; p++) {
    const last = pages[p][pages[p].length - 1];
    const first = pages[p + 1][0];
    if (last === undefined || first === undefined) continue;
    for (let i = 0; i + 1 < paras.length; i++) {
      if (paras[i].endsWith(last) && paras[i + 1].startsWith(first)) return true;
    }
  }
  return false;
}

/** Short rationale paragraphs: one line each, or one and two lines alternating. */
function rationaleParagraphs(count: number, shape: 'one-line' | 'mixed'): string[] {
  return Array.from({ length: count }, (_, i) => {
    const own = `Finding number ${i + 1} was documented in the progress report of the treating physician.`;
    return shape === 'mixed' && i % 2 === 1 ? `${own} ${prose(1, i)}` : own;
  });
}

interface Found {
  letter: Letter;
  paras: string[];
  pages: string[][];
}

/** The first letter (of a few shapes and lengths) whose paragraph boundary falls on a page break. */
async function findLetter(make: (count: number, shape: 'one-line' | 'mixed') => { letter: Letter; paras: string[] }): Promise<Found | null> {
  for (const shape of ['one-line', 'mixed'] as const) {
    for (let count = 30; count <= 90; count += 4) {
      const { letter, paras } = make(count, shape);
      const pages = pageLines(await extractPdfText(await renderLetterPdf(letter, { creationDate: FIXED })));
      if (boundaryOnPageBreak(pages, paras)) return { letter, paras, pages };
    }
  }
  return null;
}

describe('a paragraph break on a page break of the PDF', () => {
  it('keeps two rationale paragraphs apart when one ends a page and the next starts the following page', async () => {
    const found = await findLetter((count, shape) => {
      const paras = rationaleParagraphs(count, shape);
      paras.push('Therefore the request is not medically necessary.');
      const l = sampleLetter();
      l.items[0].rationale = paras.join('\n\n');
      return { letter: l, paras };
    });
    expect(found, 'no letter shape put a rationale paragraph boundary on a page break').not.toBeNull();
    const { letter, paras } = found!;
    const back = parseLetterText(await extractPdfText(await renderLetterPdf(letter, { creationDate: FIXED })));
    expect(back.warnings).toEqual([]);
    expect(back.letter.items).toHaveLength(letter.items.length);
    expect(back.letter.items[0].rationale.split('\n\n')).toEqual(paras);
    expect(back.letter.items.map((i) => i.rationale)).toEqual(letter.items.map((i) => i.rationale));
  });

  it('keeps two documents-reviewed entries apart when one ends a page and the next starts the following page', async () => {
    const found = await findLetter((count, shape) => {
      const paras = rationaleParagraphs(count, shape).map((p) => p.replace('Finding number', 'Progress report number'));
      return { letter: { ...sampleLetter(), documentsReviewed: paras }, paras };
    });
    expect(found, 'no letter shape put an entry boundary on a page break').not.toBeNull();
    const back = parseLetterText(await extractPdfText(await renderLetterPdf(found!.letter, { creationDate: FIXED })));
    expect(back.letter.documentsReviewed).toEqual(found!.paras);
  });

  it('shows the paragraph break in the text layer: a blank line above the first line of the new page', async () => {
    const paras = rationaleParagraphs(60, 'one-line');
    const l = sampleLetter();
    l.items[0].rationale = [...paras, 'Therefore the request is not medically necessary.'].join('\n\n');
    const text = await extractPdfText(await renderLetterPdf(l, { creationDate: FIXED }));
    const pages = text.split('\n\f\n');
    expect(pages.length).toBeGreaterThan(2);
    let checked = 0;
    for (const page of pages.slice(1)) {
      const ls = page.split('\n');
      expect(ls[0]).toMatch(/^Page \d+ of \d+$/);
      // A page that starts with one of the rationale's paragraphs (one line each) shows the break.
      if (paras.includes(ls.slice(1).find((l) => l !== '') ?? '')) {
        checked++;
        expect(ls[1]).toBe('');
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
