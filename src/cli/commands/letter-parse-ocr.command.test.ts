import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveOcr, OCR_SKIP_MESSAGE, scanOf } from '../../letters/read/ocr/test-support/scanned-pdf.js';
import { tempFolder } from '../../letters/read/test-support/temp-files.js';
import { renderLetterPdf } from '../../letters/render/index.js';
import { sampleLetter } from '../../letters/render/test-support/sample-letters.js';
import { runCli } from '../test-support/run-cli.js';

if (!haveOcr) console.warn(OCR_SKIP_MESSAGE);

describe.skipIf(!haveOcr)('imr letter parse of a scanned letter (no text layer)', () => {
  const tmp = tempFolder();
  let file: string;
  beforeAll(async () => {
    // The project's own letter, printed and faxed back at 200 dpi: pictures of pages only.
    file = tmp.file('faxed-letter.pdf', await scanOf(await renderLetterPdf(sampleLetter()), 200));
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('reads it by OCR: the same case number and decisions as the letter, with a warning that OCR was used', async () => {
    const letter = sampleLetter();
    const r = await runCli(['letter', 'parse', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const row = JSON.parse(r.stdout.trim()) as { file: string; header: { caseNumber: string }; items: Array<{ decision: string }> };
    expect(row.file).toBe(file);
    expect(row.header.caseNumber).toBe(letter.header?.caseNumber);
    expect(row.items.map((i) => i.decision)).toEqual(letter.items.map((i) => i.decision));
    const warnings = JSON.parse(r.stderr.trim().split('\n')[0]) as { file: string; warnings: string[] };
    expect(warnings.warnings[0]).toMatch(/^the PDF has no text layer and was read by OCR \(mean confidence \d+%.*\): check names, dates and decisions against the scan$/);
  }, 180_000);
});
