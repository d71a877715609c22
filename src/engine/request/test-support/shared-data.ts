import { readFileSync } from 'node:fs';
import path from 'node:path';
import { haveSeeds, seedsDir } from '../../../shared/test-support/shared-data.js';

export { haveSeeds, havePdfs, pdfFiles, seedsDir } from '../../../shared/test-support/shared-data.js';

interface ExpectedItem {
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

function seedText(file: string): string {
  return readFileSync(path.join(seedsDir, file), 'utf8');
}

/** The clinical case summary of a seed letter (between its heading and the decisions). */
export function seedSummary(file: string): string {
  const t = seedText(file);
  const a = t.indexOf('CLINICAL CASE SUMMARY');
  const b = t.indexOf('IMR ISSUES');
  return t.slice(a < 0 ? 0 : a, b < 0 ? t.length : b);
}
