/**
 * Letter reading speed, single process: text letters/s and PDF letters/s, each against the
 * baseline of only reading the same bytes from disk, measured in the same run.
 * Targets (issue 2): >= 5,000 text letters/s and >= 50 PDF letters/s on one core.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeLetterBytes, extractPdfText, parseLetterBytes, parseLetterText } from '../src/letters/read/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const pdfDir = path.resolve(repoRoot, '../shared/letters/dwc-2016-2017');

const TEXT_TARGET = 5_000;
const PDF_TARGET = 50;
const TEXT_LETTERS = 10_000;
const PDF_ROUNDS = Number(process.env.IMR_BENCH_PDF_ROUNDS ?? 5);

function rate(n: number, ms: number): string {
  return `${((n / ms) * 1000).toFixed(0)} letters/s`;
}

/** Wall-clock and CPU time (user + system, this process) of `fn`, in ms. The machine may be shared:
 * CPU time is what one core spends, wall time includes waiting for a core. */
async function timed(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function line(label: string, n: number, t: { wall: number; cpu: number }): string {
  return `  ${label.padEnd(28)} ${rate(n, t.cpu).padStart(18)} per CPU second, ${rate(n, t.wall).padStart(18)} wall clock`;
}

export default async function (): Promise<void> {
  if (!existsSync(seedsDir) || !existsSync(pdfDir)) {
    console.log(`skipped: ${seedsDir} or ${pdfDir} is absent`);
    return;
  }
  const pdfs = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(pdfDir, f));
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f));

  // Text letters: the seeds plus the text of each published PDF, written as files so that both
  // the baseline and the reader start from the same bytes on disk.
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-bench-'));
  try {
    const textFiles = [...seeds];
    for (const p of pdfs) {
      const f = path.join(dir, path.basename(p, '.pdf') + '.txt');
      writeFileSync(f, await extractPdfText(new Uint8Array(readFileSync(p))));
      textFiles.push(f);
    }
    const rounds = Math.ceil(TEXT_LETTERS / textFiles.length);
    const n = rounds * textFiles.length;
    // Warm up both paths (JIT) before measuring.
    for (const f of textFiles) parseLetterText(decodeLetterBytes(new Uint8Array(readFileSync(f))));

    let bytes = 0;
    const read = await timed(() => {
      for (let r = 0; r < rounds; r++) for (const f of textFiles) bytes += readFileSync(f).length;
    });
    let items = 0;
    const parse = await timed(() => {
      for (let r = 0; r < rounds; r++) {
        for (const f of textFiles) items += parseLetterText(decodeLetterBytes(new Uint8Array(readFileSync(f))), { source: f }).letter.items.length;
      }
    });
    const textRate = (n / parse.cpu) * 1000;
    console.log(`text letters: ${n} (${textFiles.length} distinct x ${rounds}), ${(bytes / n / 1024).toFixed(1)} KiB each, ${items} items`);
    console.log(line('baseline, read bytes only:', n, read));
    console.log(line('read + parse:', n, parse));
    console.log(`  ratio read+parse / read-only time (CPU): ${(parse.cpu / read.cpu).toFixed(1)}x; target >= ${TEXT_TARGET} letters/s per CPU second: ${textRate >= TEXT_TARGET ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // PDF letters: the published PDFs, repeated.
  const n = PDF_ROUNDS * pdfs.length;
  await parseLetterBytes(new Uint8Array(readFileSync(pdfs[0])));
  let bytes = 0;
  const read = await timed(() => {
    for (let r = 0; r < PDF_ROUNDS; r++) for (const f of pdfs) bytes += readFileSync(f).length;
  });
  let extractMs = 0;
  const full = await timed(async () => {
    for (let r = 0; r < PDF_ROUNDS; r++) {
      for (const f of pdfs) {
        const t1 = performance.now();
        const text = await extractPdfText(new Uint8Array(readFileSync(f)));
        extractMs += performance.now() - t1;
        parseLetterText(text, { source: f });
      }
    }
  });
  const pdfRate = (n / full.cpu) * 1000;
  console.log(`PDF letters: ${n} (${pdfs.length} distinct x ${PDF_ROUNDS}), ${(bytes / n / 1024).toFixed(1)} KiB each`);
  console.log(line('baseline, read bytes only:', n, read));
  console.log(line('read + extract + parse:', n, full));
  console.log(`  text extraction is ${((extractMs / full.wall) * 100).toFixed(0)}% of the wall time`);
  console.log(`  ratio read+extract+parse / read-only time (CPU): ${(full.cpu / read.cpu).toFixed(0)}x; target >= ${PDF_TARGET} letters/s per CPU second: ${pdfRate >= PDF_TARGET ? 'met' : 'NOT met'}`);
}
