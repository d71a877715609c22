/**
 * The synthetic corpus of the corpus bench (not a benchmark itself): letters made by recombining
 * the sections of the published ones (header and reviewer of one, clinical summary of another,
 * decided items of a third), deterministic, written as text files, 1,000 per folder.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractPdfText, parseLetterText } from '../src/letters/read/index.js';
import { seededRandom } from '../src/shared/rng.js';

interface Parts { head: string; summary: string; issues: string; yy: string }

function splitLetter(text: string): Parts | null {
  const s = text.search(/^CLINICAL CASE SUMMARY\s*$/m);
  const i = text.search(/^IMR ISSUES,? DECISIONS,? AND RATIONALES\s*$/m);
  const cn = /Case Number\s*:\s*CM(\d{2})-\d{7}/.exec(text);
  if (s < 0 || i < 0 || i < s || !cn) return null;
  return { head: text.slice(0, s), summary: text.slice(s, i), issues: text.slice(i), yy: cn[1] };
}

/** Writes `n` synthetic letters under `dir` from the PDFs in `pdfDir`; returns the bytes of text written. */
export async function generateSyntheticCorpus(pdfDir: string, dir: string, n: number): Promise<number> {
  const parts: Parts[] = [];
  for (const f of readdirSync(pdfDir).filter((x) => x.endsWith('.pdf')).sort()) {
    const p = splitLetter(await extractPdfText(new Uint8Array(readFileSync(path.join(pdfDir, f)))));
    if (p) parts.push(p);
  }
  const rand = seededRandom(20170101);
  const pick = () => parts[Math.floor(rand() * parts.length)];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const a = pick();
    const head = a.head.replace(/(Case Number\s*:\s*)CM\d{2}-\d{7}/, `$1CM${a.yy}-${String(i + 1).padStart(7, '0')}`);
    const text = head + pick().summary + pick().issues;
    if (i < 200) parseLetterText(text); // the recombined letters must read; throws otherwise
    const folder = path.join(dir, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `synthetic-${i + 1}.txt`), text);
    bytes += text.length;
  }
  console.log(`  generated ${n} letters from ${parts.length} published ones (${(bytes / 1e6).toFixed(0)} MB of text)`);
  return bytes;
}
