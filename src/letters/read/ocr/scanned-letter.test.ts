import { afterAll, describe, expect, it } from 'vitest';
import { ImrError } from '../../../errors/imr-error.js';
import { WorkerDocumentReader } from '../reading-pool.js';
import { TesseractOcr } from './tesseract-ocr.js';
import { pdfWithoutText } from '../test-support/temp-files.js';
import { haveOcr, OCR_SKIP_MESSAGE, scannedPdf } from './test-support/scanned-pdf.js';

if (!haveOcr) console.warn(OCR_SKIP_MESSAGE);

describe('a scanned PDF where OCR is not installed', () => {
  const reader = new WorkerDocumentReader({ workers: 1, ocr: new TesseractOcr({ tesseract: 'tesseract-not-installed-here' }) });
  afterAll(() => reader.close());

  it.skipIf(!haveOcr)('is refused as before, the refusal saying OCR is not installed (IMR_ERR_OCR_UNAVAILABLE), naming the file and its pages', async () => {
    const scan = await scannedPdf();
    await expect(reader.parseLetter(scan, 'fax.pdf')).rejects.toMatchObject({
      code: 'IMR_ERR_OCR_UNAVAILABLE',
      message: expect.stringMatching(/^fax\.pdf: the PDF has 2 page\(s\) but has no text layer \(a scanned image\?\) and OCR is not installed here/),
    });
    await expect(reader.checkScan(scan, 'fax.pdf', new ImrError('IMR_ERR_PDF_NO_TEXT', 'The PDF has 2 page(s) but no text layer'))).rejects.toMatchObject({ code: 'IMR_ERR_OCR_UNAVAILABLE' });
  }, 60_000);
});

describe.skipIf(!haveOcr)('a blank scan in the reading pool', () => {
  const reader = new WorkerDocumentReader({ workers: 1 });
  afterAll(() => reader.close());

  it('is refused with IMR_ERR_PDF_NO_TEXT saying OCR found no text, not read as an empty letter', async () => {
    await expect(reader.parseLetter(await pdfWithoutText(), 'blank.pdf')).rejects.toMatchObject({
      code: 'IMR_ERR_PDF_NO_TEXT',
      message: expect.stringMatching(/^blank\.pdf: the PDF has 1 page\(s\) but no text layer, and OCR found no text on them/),
    });
  }, 60_000);
});
