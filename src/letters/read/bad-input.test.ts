import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { extractPdfText, parseLetterText, readLetterFile } from './index.js';
import { fixturesDir } from './test-support/shared-data.js';
import { pdfWithoutText, tempFolder } from './test-support/temp-files.js';
import PDFDocument from 'pdfkit';
import { fastPdfRuns } from './pdf-fast.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());

// A complete letter in the 2014–2015 layout (synthetic), cut in various places below.
const letter = readFileSync(path.join(fixturesDir, 'seed-2015-synthetic.txt'), 'utf8');

async function failure(p: Promise<unknown> | (() => unknown)): Promise<ImrError> {
  try {
    if (typeof p === 'function') p();
    else await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImrError);
    return e as ImrError;
  }
  throw new Error('expected an error, got none');
}

describe('bad input gives a clear error naming the file and what is missing', () => {
  it('the synthetic letter used below is itself complete', () => {
    const r = parseLetterText(letter);
    expect(r.letter.items.map((i) => i.decision)).toEqual(['Upheld', 'Overturned']);
    expect(r.warnings).toEqual([]);
  });

  it('an empty file', async () => {
    const f = tmp.file('empty.txt', '');
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_LETTER_EMPTY');
    expect(e.message).toContain(f);
    expect(e.exitCode).not.toBe(0);
    const blank = tmp.file('blank.txt', ' \n\n \f\n');
    expect((await failure(readLetterFile(blank))).code).toBe('IMR_ERR_LETTER_EMPTY');
  });

  it('a binary file that is not a PDF', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(0)]);
    const f = tmp.file('image.png', png);
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_LETTER_UNRECOGNIZED');
    expect(e.message).toContain(f);
    expect(e.message).toMatch(/binary|not a PDF/);
  });

  it('bytes that claim to be a PDF but are damaged', async () => {
    const f = tmp.file('broken.pdf', '%PDF-1.4\nthis is not really a pdf\n');
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_PDF_INVALID');
    expect(e.message).toContain(f);
    expect((await failure(extractPdfText(new TextEncoder().encode('plain text')))).code).toBe('IMR_ERR_PDF_INVALID');
  });

  it('a PDF with no text (only a rectangle)', async () => {
    const f = tmp.file('scan.pdf', await pdfWithoutText());
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_PDF_NO_TEXT');
    expect(e.message).toContain(f);
    expect(e.message).toMatch(/no text layer/);
  });

  it('text that is no determination letter', async () => {
    const f = tmp.file('notes.txt', 'Shopping list\nmilk\neggs\n');
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_LETTER_UNRECOGNIZED');
    expect(e.message).toContain(f);
  });

  it('a letter truncated before its decisions section', async () => {
    const cut = letter.slice(0, letter.indexOf('IMR ISSUES, DECISIONS AND RATIONALES'));
    const f = tmp.file('cut-before-issues.txt', cut);
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_LETTER_TRUNCATED');
    expect(e.message).toContain(f);
    expect(e.message).toContain('IMR ISSUES, DECISIONS AND RATIONALES');
  });

  it('a letter truncated in the middle of its last rationale, or right after a decision line', async () => {
    const mid = letter.slice(0, letter.lastIndexOf('medically necessary') - 20);
    const e1 = await failure(() => parseLetterText(mid, { source: 'mid.txt' }));
    expect(e1.code).toBe('IMR_ERR_LETTER_TRUNCATED');
    expect(e1.message).toMatch(/^mid\.txt: .*item 2.*mid-sentence/);
    const afterDecision = letter.slice(0, letter.indexOf('Overturned') + 'Overturned'.length);
    const e2 = await failure(() => parseLetterText(afterDecision, { source: 'short.txt' }));
    expect(e2.code).toBe('IMR_ERR_LETTER_TRUNCATED');
    expect(e2.message).toMatch(/short\.txt: item 2 .*no decision rationale/);
  });

  it('a letter with no items', async () => {
    const lead = 'set forth below:';
    const noItems = letter.slice(0, letter.indexOf(lead) + lead.length) + '\n';
    const f = tmp.file('no-items.txt', noItems);
    const e = await failure(readLetterFile(f));
    expect(e.code).toBe('IMR_ERR_LETTER_NO_ITEMS');
    expect(e.message).toContain(f);
    expect(e.message).toMatch(/no decision line/);
  });

  it('a file that does not exist', async () => {
    const e = await failure(readLetterFile('/no/such/letter.txt'));
    expect(e.code).toBe('IMR_ERR_FILE_NOT_FOUND');
    expect(e.message).toContain('/no/such/letter.txt');
  });

  it('missing guideline lines are warnings, not guesses', () => {
    const broken = letter.replace(/MAXIMUS guideline: Decision based on MTUS ACOEM Knee Complaints Page\(s\): 341-343\.\s*\n\nDecision based on Non-MTUS[^\n]*\n/, '');
    expect(broken).not.toBe(letter);
    const r = parseLetterText(broken);
    expect(r.warnings).toEqual(['item 2: no "MAXIMUS guideline" line; recorded as no citation']);
    expect(r.letter.items[1].reviewerGuideline.source).toBe('NONE');
    expect(r.letter.items[1].reviewerGuideline.raw).toBe('');
  });

  it('a PDF the fast reader does not handle (standard fonts) is read by pdf.js', async () => {
    const pdf = await new Promise<Uint8Array>((resolve) => {
      const doc = new PDFDocument({ size: 'LETTER' });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      doc.font('Helvetica').fontSize(12).text('HOW THE IMR FINAL DETERMINATION WAS MADE', 72, 72);
      doc.end();
    });
    expect(fastPdfRuns(pdf)).toBeNull();
    expect(await extractPdfText(pdf)).toContain('HOW THE IMR FINAL DETERMINATION WAS MADE');
  });
});

describe('impossible dates in a letter header', () => {
  it('warns that a written but impossible date is not a real date (not that it is missing), without quoting it', async () => {
    const { renderLetterText } = await import('../render/index.js');
    const { sampleLetter } = await import('../render/test-support/sample-letters.js');
    const text = renderLetterText(sampleLetter());
    expect(parseLetterText(text).warnings).toEqual([]);
    const bad = text.replace(/(Date of Injury:\s*)10\/13\/2016/, '$102/30/2015');
    expect(bad).not.toBe(text);
    const r = parseLetterText(bad);
    expect(r.letter.header?.injuryDate).toBeNull();
    expect(r.warnings).toEqual(['header: the Date of Injury is not a real date; correct its month or day']);
    expect(r.warnings.join(' ')).not.toContain('02/30/2015');
    // A header field that is truly absent is still reported as missing.
    const missing = parseLetterText(text.replace(/Date of Injury:\s*10\/13\/2016/, ''));
    expect(missing.warnings).toContain('header: no Date of Injury');
  });
});
