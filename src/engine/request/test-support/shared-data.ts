import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is src/engine/request/test-support/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const seedsDir = path.resolve(repoRoot, '../shared/seeds');
export const pdfDir = path.resolve(repoRoot, '../shared/letters/dwc-2016-2017');

export const haveSeeds = existsSync(path.join(seedsDir, 'expected.json'));
export const havePdfs = existsSync(pdfDir) && readdirSync(pdfDir).some((f) => f.endsWith('.pdf'));

if (!haveSeeds) console.warn(`skipping seed-letter tests: ${seedsDir}/expected.json is absent`);
if (!havePdfs) console.warn(`skipping published-PDF tests: no PDFs in ${pdfDir}`);

export interface ExpectedItem {
  request: string;
  decision: string;
  category: string;
}
export interface ExpectedLetter {
  file: string;
  worker: { age: number | null; sex: 'male' | 'female' | null; injuryDate: string | null };
  urDecisionDate: string | null;
  items: ExpectedItem[];
}

export function expectedSeeds(): ExpectedLetter[] {
  if (!haveSeeds) return [];
  return (JSON.parse(readFileSync(path.join(seedsDir, 'expected.json'), 'utf8')) as { letters: ExpectedLetter[] }).letters;
}

export function seedText(file: string): string {
  return readFileSync(path.join(seedsDir, file), 'utf8');
}

/** The clinical case summary of a seed letter (between its heading and the decisions). */
export function seedSummary(file: string): string {
  const t = seedText(file);
  const a = t.indexOf('CLINICAL CASE SUMMARY');
  const b = t.indexOf('IMR ISSUES');
  return t.slice(a < 0 ? 0 : a, b < 0 ? t.length : b);
}

export function pdfFiles(): string[] {
  return havePdfs ? readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(pdfDir, f)) : [];
}
