/**
 * The decision engine: items decided per second over the published letters' items, repeated
 * (reading the PDFs is done once, before timing). Baseline, in the same run: normalising the
 * requests only. Target: >= 2,000 items/s.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLetterFile } from '../src/letters/read/index.js';
import { normaliseRequest } from '../src/engine/request/index.js';
import { caseFromLetter } from '../src/engine/audit/audit.js';
import { evaluatePrepared, loadKnowledgeBase, prepare, type CaseFile } from '../src/engine/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const lettersDir = path.resolve(here, '../../shared/letters/dwc-2016-2017');

function rate(label: string, items: number, ms: number): number {
  const perSec = (items * 1000) / ms;
  console.log(`${label.padEnd(34)} ${items} items in ${ms.toFixed(0)} ms = ${perSec.toFixed(0)} items/s`);
  return perSec;
}

export default async function (): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(lettersDir).filter((f) => f.endsWith('.pdf'));
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
  const passes = 20;

  // Warm-up (JIT, regex compilation), then timed passes.
  for (const c of cases) {
    const p = prepare(c);
    c.items.forEach((_, i) => evaluatePrepared(p, i, kb));
  }
  let t = performance.now();
  for (let k = 0; k < passes; k++) for (const c of cases) for (const it of c.items) normaliseRequest(it.request);
  const baseline = rate('baseline: normalise requests only', itemsPerPass * passes, performance.now() - t);

  // Deciding: each case read once (requests normalised, facts extracted), then every item decided
  // afresh on each pass (decisions and record look-ups are not reused between passes).
  const prepared = cases.map((c) => prepare(c));
  t = performance.now();
  for (let k = 0; k < passes; k++) {
    for (const p of prepared) {
      p.decisions.clear();
      p.memo = { mentions: new Map() };
      for (let i = 0; i < p.caseFile.items.length; i++) evaluatePrepared(p, i, kb);
    }
  }
  const decide = rate('decide (case read once)', itemsPerPass * passes, performance.now() - t);

  // End to end: reading the clinical text (fact extraction) on every pass as well.
  t = performance.now();
  for (let k = 0; k < passes / 4; k++) {
    for (const c of cases) {
      const p = prepare(c);
      for (let i = 0; i < c.items.length; i++) evaluatePrepared(p, i, kb);
    }
  }
  const endToEnd = rate('end to end (with fact extraction)', (itemsPerPass * passes) / 4, performance.now() - t);
  console.log(`decide / baseline = ${(decide / baseline).toFixed(3)}; end-to-end / baseline = ${(endToEnd / baseline).toFixed(3)}`);
  console.log(`target >= 2,000 items/s decided: ${decide >= 2000 ? 'met' : 'NOT met'}`);
}
