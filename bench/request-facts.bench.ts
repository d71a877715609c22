/**
 * Request normaliser and clinical fact extractor speed, single process: requests/s and clinical
 * summaries/s over the 97 published letters' items (read once, outside the timing), each against
 * the baseline of splitting the same texts into lower-case words, measured in the same run.
 * They are parts of the engine (target >= 2,000 items decided per second).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readLetterFile } from '../src/letters/read/index.js';
import { normaliseRequest } from '../src/engine/request/index.js';
import { extractFacts } from '../src/engine/facts/index.js';
import { pdfDir } from './support.js';

const ROUNDS = Number(process.env.IMR_BENCH_ROUNDS ?? 20);

function cpu(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function words(texts: string[]): number {
  let n = 0;
  for (const t of texts) n += t.toLowerCase().split(/[^a-z0-9]+/).length;
  return n;
}

export default async function (): Promise<void> {
  if (!existsSync(pdfDir)) {
    console.log(`skipped: ${pdfDir} is absent`);
    return;
  }
  const requests: string[] = [];
  const summaries: string[] = [];
  for (const f of readdirSync(pdfDir).filter((x) => x.endsWith('.pdf')).sort()) {
    const { letter } = await readLetterFile(path.join(pdfDir, f));
    summaries.push(letter.clinicalSummary);
    for (const item of letter.items) requests.push(item.request);
  }
  // warm up (JIT)
  for (const r of requests) normaliseRequest(r);
  for (const s of summaries) extractFacts([{ name: 'clinicalSummary', text: s }]);
  words(requests);

  const reqN = requests.length * ROUNDS;
  const reqMs = cpu(() => {
    for (let k = 0; k < ROUNDS; k++) for (const r of requests) normaliseRequest(r);
  });
  const reqBase = cpu(() => {
    for (let k = 0; k < ROUNDS; k++) words(requests);
  });
  const sumN = summaries.length * ROUNDS;
  const sumMs = cpu(() => {
    for (let k = 0; k < ROUNDS; k++) for (const s of summaries) extractFacts([{ name: 'clinicalSummary', text: s }]);
  });
  const sumBase = cpu(() => {
    for (let k = 0; k < ROUNDS; k++) words(summaries);
  });
  const perS = (n: number, ms: number) => ((n / ms) * 1000).toFixed(0);
  console.log(`  normaliseRequest   ${perS(reqN, reqMs).padStart(9)} requests/s per CPU second (${reqN} requests); baseline word split ${perS(reqN, reqBase)}/s; ratio ${(reqMs / reqBase).toFixed(1)}x the baseline's time`);
  console.log(`  extractFacts       ${perS(sumN, sumMs).padStart(9)} summaries/s per CPU second (${sumN} summaries, ${Math.round(summaries.reduce((a, s) => a + s.length, 0) / summaries.length)} chars avg); baseline word split ${perS(sumN, sumBase)}/s; ratio ${(sumMs / sumBase).toFixed(1)}x`);
}
