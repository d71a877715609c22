import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is src/letters/read/test-support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const seedsDir = path.resolve(repoRoot, '../shared/seeds');
export const pdfDir = path.resolve(repoRoot, '../shared/letters/dwc-2016-2017');
export const fixturesDir = path.resolve(repoRoot, 'src/letters/read/fixtures');

export const haveSeeds = existsSync(path.join(seedsDir, 'expected.json'));
export const havePdfs = existsSync(pdfDir) && readdirSync(pdfDir).some((f) => f.endsWith('.pdf'));

if (!haveSeeds) console.warn(`skipping seed-letter tests: ${seedsDir}/expected.json is absent`);
if (!havePdfs) console.warn(`skipping published-PDF tests: no PDFs in ${pdfDir}`);

export function seedFiles(): string[] {
  return haveSeeds ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f)) : [];
}

export function pdfFiles(): string[] {
  return havePdfs ? readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(pdfDir, f)) : [];
}
