import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** Whether this machine can OCR (Debian's tesseract-ocr with English, and poppler-utils). */
function haveOcrPrograms(): boolean {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return langs.split(/\r?\n/).some((l) => l.trim() === 'eng');
  } catch {
    return false;
  }
}

export const haveOcr = haveOcrPrograms();
/** Why the OCR tests skip, printed once by each suite that skips. */
export const OCR_SKIP_MESSAGE = 'OCR tests skipped: install tesseract-ocr, tesseract-ocr-eng and poppler-utils (Debian) to run them';

/** A short medical record, two pages, with phrases the tests look for after OCR. */
const SCANNED_RECORD_PAGES: string[][] = [
  [
    'PRIMARY TREATING PHYSICIAN PROGRESS REPORT (PR-2)',
    'Date of service: 03/02/2024',
    '',
    'Subjective: The patient reports low back pain radiating to the left leg,',
    'rated 7/10. Pain is worse with prolonged sitting.',
    '',
    'Objective: Lumbar range of motion is reduced. Straight leg raise is',
    'positive on the left.',
  ],
  [
    'Assessment: Lumbar radiculopathy.',
    '',
    'Plan: Request physical therapy 2 times a week for 6 weeks.',
    'The patient completed 6 sessions of chiropractic care without improvement.',
  ],
];

async function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * A scanned PDF made at test time, as a fax machine would: the text is rendered with pdfkit, each
 * page rasterised by pdftoppm (150 dpi, grey, like a fine-mode fax) and the images put, alone, on
 * the pages of a new PDF. The result has no text layer: only OCR can read it.
 */
export async function scannedPdf(pages: string[][] = SCANNED_RECORD_PAGES): Promise<Uint8Array> {
  const text = new PDFDocument({ size: 'LETTER', margin: 72, autoFirstPage: false });
  for (const lines of pages) {
    text.addPage();
    text.font('Helvetica').fontSize(12);
    for (const line of lines) text.text(line || ' ');
  }
  return scanOf(new Uint8Array(await pdfBytes(text)));
}

/** Any PDF as a scan of its pages: each page rasterised (grey, `dpi`) and put alone on a page of a new PDF. */
export async function scanOf(pdf: Uint8Array, dpi = 150): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-scan-fixture-'));
  try {
    const source = path.join(dir, 'typed.pdf');
    writeFileSync(source, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', source, path.join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    const scan = new PDFDocument({ size: 'LETTER', margin: 0, autoFirstPage: false });
    for (const img of images) {
      scan.addPage();
      scan.image(readFileSync(path.join(dir, img)), 0, 0, { width: 612, height: 792 });
    }
    return new Uint8Array(await pdfBytes(scan));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
