/**
 * Letter reading speed, single process: text letters/s and PDF letters/s, each against the
 * baseline of only reading the same bytes from disk, measured in the same run.
 * Targets (issue 2): >= 5,000 text letters/s and >= 50 PDF letters/s on one core.
 *
 * Figures are given per CPU second (user + system time of this process: what one core spends,
 * the measure the targets are about) and per wall-clock second (which on a shared machine also
 * includes waiting for a core). The text figures are the median of TEXT_RUNS runs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { decodeLetterBytes, extractPdfText, parseLetterBytes, parseLetterText } from '../src/letters/read/index.js';
import { pdfDir, seedsDir, timed } from './support.js';

const TEXT_TARGET = 5_000;
const PDF_TARGET = 50;
const TEXT_LETTERS = 10_000;
const TEXT_RUNS = Number(process.env.IMR_BENCH_TEXT_RUNS ?? 3);
const PDF_ROUNDS = Number(process.env.IMR_BENCH_PDF_ROUNDS ?? 5);

function rate(n: number, ms: number): string {
  return `${((n / ms) * 1000).toFixed(0)} letters/s`;
}

function line(label: string, n: number, t: { wall: number; cpu: number }): string {
  const us = (ms: number) => `${((ms / n) * 1000).toFixed(1)} µs`;
  return `  ${label.padEnd(28)} CPU ${rate(n, t.cpu).padStart(17)} (${us(t.cpu).padStart(9)} each)   wall ${rate(n, t.wall).padStart(17)} (${us(t.wall).padStart(9)} each)`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The run with the median CPU time. */
function medianRun(runs: Array<{ wall: number; cpu: number }>): { wall: number; cpu: number } {
  const m = median(runs.map((r) => r.cpu));
  return runs.find((r) => r.cpu === m)!;
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
    // The bytes as read (a Buffer is a Uint8Array): both paths start from readFileSync.
    const readOnly = () => {
      let bytes = 0;
      for (let r = 0; r < rounds; r++) for (const f of textFiles) bytes += readFileSync(f).length;
      return bytes;
    };
    const readAndParse = () => {
      let items = 0;
      for (let r = 0; r < rounds; r++) {
        for (const f of textFiles) items += parseLetterText(decodeLetterBytes(readFileSync(f)), { source: f }).letter.items.length;
      }
      return items;
    };
    // Warm up both paths (the JIT compiles the hot functions) before measuring.
    for (let r = 0; r < 5; r++) for (const f of textFiles) parseLetterText(decodeLetterBytes(readFileSync(f)));

    // Baseline and reader alternate, so that both see the same load on a shared machine.
    const reads: Array<{ wall: number; cpu: number }> = [];
    const parses: Array<{ wall: number; cpu: number }> = [];
    let bytes = 0;
    let items = 0;
    for (let run = 0; run < TEXT_RUNS; run++) {
      reads.push(await timed(() => (bytes = readOnly())));
      parses.push(await timed(() => (items = readAndParse())));
    }
    const read = medianRun(reads);
    const parse = medianRun(parses);
    const parseOnly = { cpu: parse.cpu - read.cpu, wall: parse.wall - read.wall };
    const textRate = (n / parse.cpu) * 1000;
    const textRates = parses.map((p) => (n / p.cpu) * 1000);
    console.log(`text letters: ${n} per run (${textFiles.length} distinct x ${rounds}), ${(bytes / n / 1024).toFixed(1)} KiB each, ${items} items; median of ${TEXT_RUNS} runs`);
    console.log(`  machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (wall clock includes waiting for a core)`);
    console.log(line('baseline, read bytes only:', n, read));
    console.log(line('read + decode + parse:', n, parse));
    console.log(line('  of which decode + parse:', n, parseOnly));
    console.log(`  ratio read+parse / read-only time (CPU): ${(parse.cpu / read.cpu).toFixed(1)}x`);
    console.log(
      `  target >= ${TEXT_TARGET} letters/s per CPU second: ${textRate >= TEXT_TARGET ? 'met' : 'NOT met'} (${textRate.toFixed(0)}/s, ${(textRate / TEXT_TARGET).toFixed(2)}x the target; runs ${textRates.map((r) => r.toFixed(0)).join(', ')})`,
    );
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
  console.log(`  machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (wall clock includes waiting for a core)`);
  console.log(line('baseline, read bytes only:', n, read));
  console.log(line('read + extract + parse:', n, full));
  console.log(`  text extraction is ${((extractMs / full.wall) * 100).toFixed(0)}% of the wall time`);
  console.log(`  ratio read+extract+parse / read-only time (CPU): ${(full.cpu / read.cpu).toFixed(0)}x`);
  console.log(`  target >= ${PDF_TARGET} letters/s per CPU second: ${pdfRate >= PDF_TARGET ? 'met' : 'NOT met'} (${pdfRate.toFixed(0)}/s, ${(pdfRate / PDF_TARGET).toFixed(2)}x the target)`);
}
