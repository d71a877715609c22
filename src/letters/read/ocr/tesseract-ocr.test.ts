import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../pdf-text.js';
import { readingLimits } from '../reading-limits.js';
import { lowConfidencePages, meanConfidence, ocrText } from './ocr-port.js';
import { TesseractOcr } from './tesseract-ocr.js';
import { haveOcr, OCR_SKIP_MESSAGE, scannedPdf } from './test-support/scanned-pdf.js';

if (!haveOcr) console.warn(OCR_SKIP_MESSAGE);

describe('OCR without Tesseract installed', () => {
  it('is unavailable, and a scan is refused with IMR_ERR_OCR_UNAVAILABLE saying what to install', async () => {
    const ocr = new TesseractOcr({ tesseract: 'tesseract-not-installed-here' });
    expect(await ocr.available()).toBe(false);
    await expect(ocr.recognize(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), readingLimits())).rejects.toMatchObject({
      code: 'IMR_ERR_OCR_UNAVAILABLE',
      message: expect.stringMatching(/OCR is not installed here \(Debian packages tesseract-ocr, tesseract-ocr-eng and poppler-utils\)/),
    });
  });
});

describe.skipIf(!haveOcr)('OCR of a scanned record with Tesseract', () => {
  let scan: Uint8Array;
  let tmpRoot: string;
  beforeAll(async () => {
    scan = await scannedPdf();
    tmpRoot = mkdtempSync(path.join(tmpdir(), 'imr-ocr-test-'));
  });
  afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

  it('the fixture has no text layer: the PDF reader refuses it', async () => {
    await expect(extractPdfText(scan)).rejects.toMatchObject({ code: 'IMR_ERR_PDF_NO_TEXT' });
  });

  it('reads both pages, finds the record\'s key phrases on their pages, with a confidence per page, and leaves no file behind', async () => {
    const ocr = new TesseractOcr({ tmpRoot });
    const progress: string[] = [];
    const result = await ocr.recognize(scan, readingLimits(), (done, total) => progress.push(`${done}/${total}`));
    expect(result.engine).toMatch(/^tesseract \d/);
    expect(result.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(progress).toEqual(['1/2', '2/2']);
    expect(result.pages[0].text).toMatch(/PROGRESS REPORT/);
    expect(result.pages[0].text).toMatch(/low back pain radiating to the left leg/);
    expect(result.pages[0].text).toMatch(/Straight leg raise/);
    expect(result.pages[1].text).toMatch(/Lumbar radiculopathy/);
    expect(result.pages[1].text).toMatch(/physical therapy 2 times a week for 6 weeks/);
    for (const p of result.pages) {
      expect(p.confidence).toBeGreaterThan(80);
      expect(p.words).toBeGreaterThan(10);
    }
    // The stored text separates pages as the PDF text reader does, so page numbers line up.
    expect(ocrText(result).split('\n\f\n')).toHaveLength(2);
    expect(lowConfidencePages(result.pages.map((p) => p.confidence))).toEqual([]);
    expect(meanConfidence(result.pages)).toBeGreaterThan(80);
    expect(readdirSync(tmpRoot)).toEqual([]);
  }, 120_000);

  it('counts the pages without reading them', async () => {
    expect(await new TesseractOcr({ tmpRoot }).pageCount(scan, readingLimits())).toBe(2);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('a scan longer than the OCR page limit is refused with IMR_ERR_DOCUMENT_LIMIT before any page is read, and its folder removed', async () => {
    const ocr = new TesseractOcr({ tmpRoot });
    const progress: number[] = [];
    await expect(ocr.recognize(scan, readingLimits({ ocrPages: 1 }), (d) => progress.push(d))).rejects.toMatchObject({
      code: 'IMR_ERR_DOCUMENT_LIMIT',
      message: expect.stringMatching(/limit of 1 pages read by OCR.*IMR_READ_OCR_PAGE_LIMIT/),
    });
    expect(progress).toEqual([]);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('a page that takes longer than the per-page time limit stops OCR with IMR_ERR_DOCUMENT_LIMIT naming the limit', async () => {
    const ocr = new TesseractOcr({ tmpRoot });
    await expect(ocr.recognize(scan, readingLimits({ ocrPageTimeMs: 1 }))).rejects.toMatchObject({
      code: 'IMR_ERR_DOCUMENT_LIMIT',
      message: expect.stringMatching(/IMR_READ_OCR_PAGE_TIME_LIMIT_MS/),
    });
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('a damaged file is refused with IMR_ERR_PDF_INVALID', async () => {
    const ocr = new TesseractOcr({ tmpRoot });
    const damaged = new TextEncoder().encode('%PDF-1.4\nthis is not a PDF body at all\n%%EOF\n');
    await expect(ocr.recognize(damaged, readingLimits())).rejects.toMatchObject({ code: 'IMR_ERR_PDF_INVALID' });
    expect(readdirSync(tmpRoot)).toEqual([]);
  });
});
