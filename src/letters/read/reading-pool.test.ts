import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { WorkerDocumentReader } from './reading-pool.js';
import { cmapBombPdf, damagedLetterPdf, inflateBombPdf, operatorFloodPdf, pageFloodPdf, plainPdf } from './test-support/hostile-pdfs.js';
import { havePdfs, pdfDir } from './test-support/shared-data.js';

async function failure(p: Promise<unknown>): Promise<ImrError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImrError);
    return e as ImrError;
  }
  throw new Error('expected a failure');
}

/** The process's highest resident memory while `p` runs, sampled, in MB above what it was before. */
async function peakGrowthMb<T>(p: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; grownMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const [result] = await Promise.allSettled([p()]);
  clearInterval(timer);
  return { result, grownMb: (peak - before) / 1024 / 1024 };
}

describe('reading untrusted PDFs in the worker pool, within the limits', () => {
  const reader = new WorkerDocumentReader({ workers: 1 });
  afterAll(() => reader.close());
  const GiB = 1024 * 1024 * 1024;
  let bomb: Uint8Array;
  beforeAll(async () => {
    bomb = await inflateBombPdf(GiB);
  }, 60_000);

  it('reads a plain PDF', async () => {
    expect(await reader.readPdfText(plainPdf(), 'plain.pdf')).toBe('MRI of the right knee: Upheld');
  });

  it('a 1 MB stream that inflates to 1 GiB is refused at the stream limit, and memory stays bounded', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { result, grownMb } = await peakGrowthMb(() => reader.readPdfText(bomb, 'bomb.pdf'));
    expect(result.status).toBe('rejected');
    const e = (result as PromiseRejectedResult).reason as ImrError;
    expect(e.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
    expect(e.message).toMatch(/^bomb\.pdf: reading stopped at the limit of 64 MB inflated from one stream; .*IMR_READ_STREAM_LIMIT_MB/);
    // Reading it whole took the process past 1 GB; capped, it stays far below.
    expect(grownMb).toBeLessThan(512);
  });

  it('the same stream goes no further through pdf.js (the fallback measures streams first)', async () => {
    const { extractWithPdfJs } = await import('./pdf-text.js');
    expect((await failure(extractWithPdfJs(bomb))).code).toBe('IMR_ERR_DOCUMENT_LIMIT');
  });

  it('a ToUnicode map of 2,000 full ranges stops at the mapped-codes limit', async () => {
    const e = await failure(reader.readPdfText(cmapBombPdf(2_000), 'cmap.pdf'));
    expect(e.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
    expect(e.message).toContain('cmap.pdf: reading stopped at the limit of 1,000,000 mapped character codes');
  });

  it('one page listed 20,000 times stops at the page limit', async () => {
    const e = await failure(reader.readPdfText(pageFloodPdf(20_000), 'pages.pdf'));
    expect(e.message).toContain('pages.pdf: reading stopped at the limit of 2000 pages');
  });

  it('500,000 operators end with a result, or with the operator limit when it is lower', async () => {
    const flood = operatorFloodPdf(500_000);
    expect(await reader.readPdfText(flood, 'ops.pdf')).toBe('MRI of the right knee: Upheld');
    const strict = new WorkerDocumentReader({ workers: 1, limits: { operators: 100_000 } });
    try {
      expect((await failure(strict.readPdfText(flood, 'ops.pdf'))).message).toContain('ops.pdf: reading stopped at the limit of 100,000 drawing operators');
    } finally {
      await strict.close();
    }
  });

  it('a file slower than the time limit has its worker stopped and replaced; the next file reads', async () => {
    // With the mapped-codes limit lifted the CMap takes seconds to expand: far past 300 ms.
    const slow = new WorkerDocumentReader({ workers: 1, limits: { timeMs: 300, cmapCodes: 1e12 } });
    try {
      const e = await failure(slow.readPdfText(cmapBombPdf(2_000), 'slow.pdf'));
      expect(e.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
      expect(e.message).toContain('slow.pdf: reading stopped at the limit of 0.3 s of reading time');
      expect(await slow.readPdfText(plainPdf(), 'plain.pdf')).toBe('MRI of the right knee: Upheld');
    } finally {
      await slow.close();
    }
  });

  it.skipIf(!havePdfs)('a published letter with 552 bytes cut from its middle ends in a catalogue error or a letter; the next letter reads', async () => {
    const file = path.join(pdfDir, 'CM16-0232543.pdf');
    const outcome = await reader.parseLetter(damagedLetterPdf(file), 'damaged.pdf').then(
      () => 'read',
      (e: ImrError) => e.code,
    );
    expect(outcome).toMatch(/^(read|IMR_ERR_\w+)$/);
    expect(outcome).not.toBe('IMR_ERR_INTERNAL');
    const next = await reader.parseLetter(new Uint8Array(readFileSync(file)), 'CM16-0232543.pdf');
    expect(next.letter.header?.caseNumber).toBe('CM16-0232543');
  });
});
