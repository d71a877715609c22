/**
 * What the end-to-end tests start from: the service's own demo data (users of every role, the
 * reviewer registry, cases at each stage built from the seed letters) with a known password, and
 * the facts of a seed letter (../shared/seeds) to type into the intake form.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.js';

export const PASSWORD = 'workbench-e2e-pass';
/** The demo data's usernames (src/demo/demo-data.ts); reviewers log in with their registry id. */
export const USERS = { admin: 'admin', intake: 'intake', party: 'party' } as const;

export const seedsDir = path.resolve(repoRoot, '../shared/seeds');
export const hasSeeds = existsSync(seedsDir);

export interface SeedCase {
  file: string;
  clinicalSummary: string;
  requests: string[];
}

/** Reads a seed letter with the project's own letter reader. */
export async function readSeed(prefix = '000_'): Promise<SeedCase> {
  const { parseLetterText } = await import('../../src/letters/read/index.js');
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed letter ${prefix}* in ${seedsDir}`);
  const { letter } = parseLetterText(readFileSync(path.join(seedsDir, file), 'utf8'), { source: file });
  return { file, clinicalSummary: letter.clinicalSummary, requests: letter.items.map((i) => i.request) };
}

type Services = import('../../src/service/use-cases/services.js').Services;

/** Loads the demo data with the tests' password; answers the reviewer registry it created. */
export async function loadDemo(services: Services): Promise<Array<{ id: string; name: string; yearsInActivePractice: number }>> {
  const { loadDemoData, DEMO_REVIEWERS } = await import('../../src/demo/demo-data.js');
  const r = await loadDemoData(services, { password: PASSWORD, seedsDir });
  if (!r.loaded) throw new Error('the demo data did not load into the fresh database');
  return DEMO_REVIEWERS.map((x) => ({ id: x.id, name: x.name, yearsInActivePractice: x.yearsInActivePractice }));
}
