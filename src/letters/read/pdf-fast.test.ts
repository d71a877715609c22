import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fastPdfRuns } from './pdf-fast.js';
import { extractPdfText, extractWithPdfJs } from './pdf-text.js';

const FONT = '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf';
const haveFont = existsSync(FONT);
if (!haveFont) console.warn(`skipping embedded-font PDF tests: ${FONT} is absent (Debian package fonts-liberation)`);

function makePdf(opts: { pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3'; encrypt?: boolean }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      pdfVersion: opts.pdfVersion ?? '1.4',
      ...(opts.encrypt ? { ownerPassword: 'owner-secret', permissions: { printing: 'highResolution' } } : {}),
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font(FONT).fontSize(12);
    doc.text('Case Number:', 72, 72).text('CM16-0000001', 180, 72);
    doc.text('IMR ISSUES, DECISIONS AND RATIONALES', 72, 110);
    doc.text('MRI of the right knee without contrast: Upheld — café 50°', 72, 140);
    doc.addPage().text('Second page, after a page break.', 72, 72);
    doc.end();
  });
}

describe.skipIf(!haveFont)('the fast PDF reader on PDFs written by pdfkit (embedded TrueType, Identity-H)', () => {
  for (const [name, opts] of [
    ['unencrypted', {}],
    ['RC4-encrypted (PDF 1.4)', { pdfVersion: '1.4', encrypt: true }],
    ['AES-128-encrypted (PDF 1.6)', { pdfVersion: '1.6', encrypt: true }],
  ] as const) {
    it(`${name}: reads the same text as pdf.js`, async () => {
      const pdf = await makePdf(opts);
      expect(fastPdfRuns(pdf)).not.toBeNull();
      const text = await extractPdfText(pdf);
      expect(text).toBe(await extractWithPdfJs(pdf));
      expect(text.split('\n')).toEqual([
        'Case Number: CM16-0000001',
        '',
        'IMR ISSUES, DECISIONS AND RATIONALES',
        '',
        'MRI of the right knee without contrast: Upheld — café 50°',
        '\f',
        'Second page, after a page break.',
      ]);
    });
  }

  it('steps aside for what it does not handle (AES-256), and pdf.js reads it', async () => {
    const pdf = await makePdf({ pdfVersion: '1.7ext3', encrypt: true });
    expect(fastPdfRuns(pdf)).toBeNull();
    expect(await extractPdfText(pdf)).toContain('MRI of the right knee without contrast: Upheld');
  });
});
