import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../read/pdf-text.js';
import { renderLetterPdf } from './pdf.js';
import { longLetter, sampleLetter } from './test-support/sample-letters.js';

const FIXED = new Date('2016-12-09T12:00:00Z');

async function pdfInfo(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(bytes.slice());
  try {
    const meta = await pdf.getMetadata();
    const runs: Array<{ page: number; str: string; x: number; y: number; width: number }> = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      for (const it of content.items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const t = it.transform as number[];
        runs.push({ page: p, str: it.str, x: t[4], y: t[5], width: it.width });
      }
    }
    return { pages: pdf.numPages, info: meta.info as Record<string, unknown>, runs };
  } finally {
    await pdf.destroy();
  }
}

describe('renderLetterPdf', () => {
  it('is a PDF whose metadata title names the case, with no personal names', async () => {
    const { info } = await pdfInfo(await renderLetterPdf(sampleLetter(), { creationDate: FIXED }));
    expect(info.Title).toBe('IMR Final Determination CM16-0000001');
    expect(info.Author).toBeUndefined();
    expect(JSON.stringify(info)).not.toMatch(/Family Practice|California|male/);
  });

  it('gives the same bytes for the same letter and creation date, and other bytes for another date', async () => {
    const a = await renderLetterPdf(sampleLetter(), { creationDate: FIXED });
    const b = await renderLetterPdf(sampleLetter(), { creationDate: FIXED });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = await renderLetterPdf(sampleLetter(), { creationDate: new Date('2017-01-01T00:00:00Z') });
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(Buffer.from(a.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('has a real text layer: headings, decision lines and guideline lines as lines of text', async () => {
    const text = await extractPdfText(await renderLetterPdf(sampleLetter(), { creationDate: FIXED }));
    const lines = text.split('\n');
    expect(lines).toContain('Case Number: CM16-0000001');
    expect(lines).toContain('HOW THE IMR FINAL DETERMINATION WAS MADE');
    expect(lines).toContain('CLINICAL CASE SUMMARY');
    expect(lines).toContain('IMR ISSUES, DECISIONS AND RATIONALES');
    expect(lines).toContain('MRI of the right shoulder without contrast: Upheld');
    expect(lines).toContain('Norco 10/325 mg #90: Upheld');
    expect(lines.filter((l) => l.startsWith('Claims Administrator guideline:'))).toHaveLength(3);
  });

  it('is tagged for assistive technology: a table for the header, headings, decision headings, paragraphs', async () => {
    const bytes = await renderLetterPdf(sampleLetter(), { creationDate: FIXED });
    const pdf = await getDocumentProxy(bytes.slice());
    const roles = new Map<string, number>();
    type Node = { role?: string; type?: string; children?: Node[] };
    const walk = (n: Node) => {
      if (n.role) roles.set(n.role, (roles.get(n.role) ?? 0) + 1);
      for (const c of n.children ?? []) walk(c);
    };
    for (let p = 1; p <= pdf.numPages; p++) walk((await (await pdf.getPage(p)).getStructTree()) as Node);
    await pdf.destroy();
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Marked true');
    expect(roles.get('Document')).toBeGreaterThanOrEqual(1);
    expect(roles.get('Table')).toBeGreaterThanOrEqual(1);
    expect(roles.get('TH')).toBe(7);
    expect(roles.get('TD')).toBe(7);
    expect(roles.get('H1')).toBe(3);
    expect(roles.get('H2')).toBe(3);
    expect(roles.get('P')).toBeGreaterThan(10);
  });

  it('keeps every line of text inside the page margins', async () => {
    const { runs } = await pdfInfo(await renderLetterPdf(longLetter(6), { creationDate: FIXED }));
    for (const r of runs) {
      expect(r.x).toBeGreaterThanOrEqual(71.5);
      expect(r.x + r.width).toBeLessThanOrEqual(612 - 71.5);
      expect(r.y).toBeGreaterThanOrEqual(71.5);
      expect(r.y).toBeLessThanOrEqual(792 - 50);
    }
  });

  it('paginates a long letter, numbering the pages, and never splits a decision line from its item', async () => {
    const letter = longLetter(9);
    const bytes = await renderLetterPdf(letter, { creationDate: FIXED });
    const { pages } = await pdfInfo(bytes);
    expect(pages).toBeGreaterThan(3);
    const text = await extractPdfText(bytes);
    const pageTexts = text.split('\n\f\n');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((p, i) => {
      const ls = p.split('\n').filter((l) => l !== '');
      expect(ls[0]).toBe(`Page ${i + 1} of ${pages}`);
      const last = ls[ls.length - 1];
      // A page never ends on a heading or a decision line.
      expect(last).not.toMatch(/^(HOW THE IMR|CLINICAL CASE SUMMARY|IMR ISSUES)/);
      expect(last).not.toMatch(/: (Upheld|Overturned)$/);
      // Each decision line has its guideline lines on the same page.
      ls.forEach((l, k) => {
        if (/: (Upheld|Overturned)$/.test(l)) {
          expect(ls.slice(k + 1).some((x) => x.startsWith('Claims Administrator guideline:'))).toBe(true);
          expect(ls.slice(k + 1).some((x) => x.startsWith('MAXIMUS guideline:'))).toBe(true);
        }
      });
    });
    expect(text.match(/: (Upheld|Overturned)\n/g)).toHaveLength(9);
  });

  it('draws characters outside Windows-1252 with an embedded Unicode font, and they read back', async () => {
    const l = sampleLetter();
    // (Not µ: pdf.js reads the micro sign back as Greek mu, a normalisation of the text extraction.)
    l.items[0].rationale = 'Pain \u2265 7/10; \u03b1-blocker \u2192 stop; \u0394 \u2264 2. Therefore the request is not medically necessary.';
    const bytes = await renderLetterPdf(l, { creationDate: FIXED });
    const text = await extractPdfText(bytes);
    expect(text).toContain('Decision rationale: Pain \u2265 7/10; \u03b1-blocker \u2192 stop; \u0394 \u2264 2.');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/FontFile2');
    // Letters the standard fonts can draw embed no font at all.
    const plain = await renderLetterPdf(sampleLetter(), { creationDate: FIXED });
    expect(Buffer.from(plain).toString('latin1')).not.toContain('/FontFile2');
  });

  it('refuses, with a clear error, characters no font here can draw', async () => {
    const l = sampleLetter();
    l.items[0].rationale = 'Noted \u6f22\u5b57 in the record.';
    await expect(renderLetterPdf(l)).rejects.toMatchObject({ code: 'IMR_ERR_RENDER_FAILED', message: expect.stringContaining('U+6F22') });
  });
});
