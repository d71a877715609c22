/**
 * Where the shared, read-only data lives for tests and benches: ../shared next to the repository
 * (seed letters with expected.json, the published 2016–2017 letter PDFs). Never copy them into the
 * repository; tests skip with a clear message when they are absent.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is src/shared/test-support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedDir = path.resolve(repoRoot, '../shared');
export const seedsDir = path.resolve(sharedDir, 'seeds');
/** The published 2016–2017 letter PDFs. */
export const pdfDir = path.resolve(sharedDir, 'letters/dwc-2016-2017');

/** The names (not paths) of the files in `dir` ending with `ext` (case-insensitive), sorted; none when absent. */
export function listFiles(dir: string, ext: string): string[] {
  const e = ext.toLowerCase();
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith(e)).sort() : [];
}

export const haveSeeds = existsSync(path.join(seedsDir, 'expected.json'));
export const havePdfs = listFiles(pdfDir, '.pdf').length > 0;

if (!haveSeeds) console.warn(`skipping seed-letter tests: ${seedsDir}/expected.json is absent`);
if (!havePdfs) console.warn(`skipping published-PDF tests: no PDFs in ${pdfDir}`);

/** Full paths of the seed letters (.txt), sorted; none when absent. */
export function seedFiles(): string[] {
  return haveSeeds ? listFiles(seedsDir, '.txt').map((f) => path.join(seedsDir, f)) : [];
}

/** Full paths of the published letter PDFs, sorted; none when absent. */
export function pdfFiles(): string[] {
  return havePdfs ? listFiles(pdfDir, '.pdf').map((f) => path.join(pdfDir, f)) : [];
}
