/**
 * Letter rendering speed, single process: text letters/s and PDF letters/s rendered from the
 * letter model (the seeds and the published PDFs, read once), each against the baseline of only
 * serialising the same letters as JSON, measured in the same run.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Letter } from '../src/letters/model.js';
import { readLetterFile } from '../src/letters/read/index.js';
import { renderLetterHtml, renderLetterPdf, renderLetterText } from '../src/letters/render/index.js';
import { pdfDir, seedsDir, timed } from './support.js';

const TEXT_LETTERS = 10_000;
const PDF_LETTERS = Number(process.env.IMR_BENCH_RENDER_PDFS ?? 500);

const perSecond = (n: number, ms: number) => (n / ms) * 1000;

function report(label: string, n: number, t: { cpu: number; wall: number }, base: { cpu: number; wall: number }, baseN: number): void {
  const r = perSecond(n, t.cpu);
  const b = perSecond(baseN, base.cpu);
  console.log(
    `  ${label.padEnd(14)} ${r.toFixed(0).padStart(8)} letters/s per CPU second (${perSecond(n, t.wall).toFixed(0)} wall clock); ` +
      `JSON baseline ${b.toFixed(0)} letters/s; rendering costs ${(b / r).toFixed(1)}x the baseline`,
  );
}

export default async function (): Promise<void> {
  if (!existsSync(seedsDir) || !existsSync(pdfDir)) {
    console.log(`skipped: ${seedsDir} or ${pdfDir} is absent`);
    return;
  }
  const files = [
    ...readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).map((f) => path.join(seedsDir, f)),
    ...readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).map((f) => path.join(pdfDir, f)),
  ].sort();
  const letters: Letter[] = [];
  for (const f of files) letters.push((await readLetterFile(f)).letter);
  console.log(`  ${letters.length} letters (seeds and published PDFs), cycled`);

  let sink = 0;
  const baseText = await timed(() => {
    for (let i = 0; i < TEXT_LETTERS; i++) sink += JSON.stringify(letters[i % letters.length]).length;
  });
  const text = await timed(() => {
    for (let i = 0; i < TEXT_LETTERS; i++) sink += renderLetterText(letters[i % letters.length]).length;
  });
  report('text', TEXT_LETTERS, text, baseText, TEXT_LETTERS);
  const html = await timed(() => {
    for (let i = 0; i < TEXT_LETTERS; i++) sink += renderLetterHtml(letters[i % letters.length]).length;
  });
  report('html', TEXT_LETTERS, html, baseText, TEXT_LETTERS);
  const fixed = new Date('2017-01-01T00:00:00Z');
  const pdf = await timed(async () => {
    for (let i = 0; i < PDF_LETTERS; i++) sink += (await renderLetterPdf(letters[i % letters.length], { creationDate: fixed })).length;
  });
  report('pdf', PDF_LETTERS, pdf, baseText, TEXT_LETTERS);
  if (sink === 0) console.log('  (nothing rendered)');
}
