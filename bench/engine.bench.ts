/**
 * The decision engine: items decided per second over the published letters' items, repeated, in
 * one process. Reading the PDFs (letter parsing) is done once, before timing. Reported, each with
 * CPU time (what this process used: the machine is shared) and wall-clock time:
 *   1. end to end from the case: fact extraction from the clinical summary, request normalising,
 *      selection and evaluation, for every item on every pass (nothing reused between passes);
 *   1b. the same after IMR_BENCH_WARMUP (default 20) more passes: the rate once the JIT has settled;
 *   2. with the case prepared (facts extracted and requests normalised once): selection and evaluation;
 *   baseline: normalising the items' requests only, measured in the same run.
 * Each figure with its ratio to the baseline, the target (>= 2,000 items/s) and whether it is met.
 * IMR_BENCH_PASSES sets the number of passes over the letters (default 10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readLetterFile } from '../src/letters/read/index.js';
import { normaliseRequest } from '../src/engine/request/index.js';
import { caseFromLetter } from '../src/engine/audit/audit.js';
import { evaluatePrepared, loadKnowledgeBase, prepare, type CaseFile } from '../src/engine/index.js';
import { pdfDir as lettersDir } from './support.js';

const TARGET = 2000;

interface Figure {
  label: string;
  items: number;
  cpuMs: number;
  wallMs: number;
  /** CPU ms of the main thread (what the engine's code ran), where the system tells it (Linux); the rest is V8's compiler and GC threads. */
  mainMs: number | null;
}

/**
 * CPU ms the main thread has used, from /proc/self/task/<pid>/stat (utime + stime, in clock ticks of
 * 10 ms); null where there is no /proc. Tells the engine's own work from V8's background threads
 * (the optimising compiler, GC helpers), which process.cpuUsage counts too.
 */
function mainThreadMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

function measure(label: string, items: number, fn: () => void): Figure {
  const m0 = mainThreadMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const m1 = mainThreadMs();
  return { label, items, cpuMs: (c.user + c.system) / 1000, wallMs, mainMs: m0 === null || m1 === null ? null : m1 - m0 };
}

const perSec = (items: number, ms: number) => (items * 1000) / ms;

export default async function (): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(lettersDir).filter((f) => f.endsWith('.pdf')).sort();
  } catch {
    console.log(`skipped: ${lettersDir} is absent`);
    return;
  }
  const cases: CaseFile[] = [];
  for (const f of files) {
    try {
      cases.push(caseFromLetter((await readLetterFile(path.join(lettersDir, f))).letter));
    } catch {
      // unreadable letters are not part of the engine's workload
    }
  }
  const kb = loadKnowledgeBase();
  const itemsPerPass = cases.reduce((n, c) => n + c.items.length, 0);
  const passes = Number(process.env.IMR_BENCH_PASSES ?? 10);
  const items = itemsPerPass * passes;
  console.log(`${cases.length} letters, ${itemsPerPass} items per pass, ${passes} passes (letters parsed once, before timing)`);

  // Warm-up (JIT, regex compilation).
  for (let k = 0; k < 2; k++) {
    for (const c of cases) {
      const p = prepare(c);
      c.items.forEach((_, i) => evaluatePrepared(p, i, kb));
    }
  }

  const baseline = measure('baseline: normalise requests only', items, () => {
    for (let k = 0; k < passes; k++) for (const c of cases) for (const it of c.items) normaliseRequest(it.request);
  });

  // 1. End to end: each pass reads every case afresh (facts extracted from the clinical summary,
  // requests normalised) and decides every item.
  const endToEnd = measure('1. end to end (facts extracted)', items, () => {
    for (let k = 0; k < passes; k++) {
      for (const c of cases) {
        const p = prepare(c);
        for (let i = 0; i < c.items.length; i++) evaluatePrepared(p, i, kb);
      }
    }
  });

  // 1b. The same, after IMR_BENCH_WARMUP more passes (default 20): line 1's passes still include
  // V8's optimising compiler (background threads count as process CPU, about half of line 1's time
  // on this 2-core machine); a long-running service decides at this warmed rate.
  const warmup = Number(process.env.IMR_BENCH_WARMUP ?? 20);
  for (let k = 0; k < warmup; k++) for (const c of cases) { const p = prepare(c); for (let i = 0; i < c.items.length; i++) evaluatePrepared(p, i, kb); }
  const warmed = measure(`1b. end to end, after ${warmup} more passes`, items, () => {
    for (let k = 0; k < passes; k++) {
      for (const c of cases) {
        const p = prepare(c);
        for (let i = 0; i < c.items.length; i++) evaluatePrepared(p, i, kb);
      }
    }
  });

  // 2. Facts prepared: each case read once, then every item decided afresh on each pass
  // (decisions and record look-ups are not reused between passes).
  const prepared = cases.map((c) => prepare(c));
  const decide = measure('2. facts prepared (decide only)', items, () => {
    for (let k = 0; k < passes; k++) {
      for (const p of prepared) {
        p.decisions.clear();
        p.memo = { mentions: new Map() };
        for (let i = 0; i < p.caseFile.items.length; i++) evaluatePrepared(p, i, kb);
      }
    }
  });

  const baseCpu = perSec(baseline.items, baseline.cpuMs);
  const baseWall = perSec(baseline.items, baseline.wallMs);
  console.log(`${''.padEnd(36)} ${'items/s CPU'.padStart(12)} ${'items/s wall'.padStart(13)}  ratio to baseline (CPU)  target ${TARGET} items/s (CPU)`);
  for (const f of [endToEnd, warmed, decide, baseline]) {
    const cpu = perSec(f.items, f.cpuMs);
    const wall = perSec(f.items, f.wallMs);
    const isBase = f === baseline;
    console.log(
      `${f.label.padEnd(36)} ${cpu.toFixed(0).padStart(12)} ${wall.toFixed(0).padStart(13)}  ${(isBase ? '1 (baseline)' : `${(cpu / baseCpu).toFixed(3)}`).padEnd(23)}  ${isBase ? '' : cpu >= TARGET ? 'met' : 'NOT met'}${isBase ? '' : wall >= TARGET ? ' (wall: met)' : ' (wall: NOT met)'}`,
    );
  }
  console.log(`  (${items} items each; CPU ms: end to end ${endToEnd.cpuMs.toFixed(0)}, warmed ${warmed.cpuMs.toFixed(0)}, prepared ${decide.cpuMs.toFixed(0)}, baseline ${baseline.cpuMs.toFixed(0)}; wall/CPU baseline ${(baseCpu / baseWall).toFixed(2)} shows the machine's load)`);
  const split = (f: Figure) => (f.mainMs === null ? 'n/a' : `main thread ${f.mainMs.toFixed(0)}, other threads ${(f.cpuMs - f.mainMs).toFixed(0)}`);
  if (endToEnd.mainMs !== null) console.log(`  (CPU ms by thread, to 10 ms: end to end ${split(endToEnd)}; warmed ${split(warmed)}: the other threads are V8's optimising compiler and GC helpers)`);
}
