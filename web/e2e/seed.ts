/**
 * The people and the seed letter the end-to-end tests work with: one user per role, two reviewer
 * users (to prove a reviewer cannot open another's case), a small reviewer registry, and the
 * facts of a real seed letter (../shared/seeds) to type into the intake form.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.js';

export const PASSWORD = 'workbench-e2e-pass';
export const USERS = {
  admin: { username: 'ada', displayName: 'Ada Admin', role: 'admin' },
  intake: { username: 'ivy', displayName: 'Ivy Intake', role: 'intake' },
  reviewerA: { username: 'rob', displayName: 'Dr. Robin Fields', role: 'reviewer', reviewerId: 'rev-pmr-a' },
  reviewerB: { username: 'rex', displayName: 'Dr. Rex Second', role: 'reviewer', reviewerId: 'rev-pmr-b' },
  party: { username: 'pat', displayName: 'Pat Worker', role: 'party' },
} as const;

const REVIEWER_BASE = { licensureStates: ['California'], subspecialty: null, boardCertified: true, yearsInActivePractice: 14, weeklyHours: 30, affiliations: [], capacity: 20, active: true };
export const REVIEWERS = [
  { ...REVIEWER_BASE, id: 'rev-pmr-a', name: 'Dr. Robin Fields', specialty: 'Physical Medicine & Rehabilitation' },
  { ...REVIEWER_BASE, id: 'rev-pmr-b', name: 'Dr. Rex Second', specialty: 'Physical Medicine & Rehabilitation' },
  { ...REVIEWER_BASE, id: 'rev-junior', name: 'Dr. Jo Junior', specialty: 'Physical Medicine & Rehabilitation', yearsInActivePractice: 3 },
  { ...REVIEWER_BASE, id: 'rev-conflicted', name: 'Dr. Sam Conflicted', specialty: 'Physical Medicine & Rehabilitation', affiliations: [{ kind: 'employer', name: 'Harbor Freight Storage Co.' }] },
];

export const seedsDir = path.resolve(repoRoot, '../shared/seeds');
export const hasSeeds = existsSync(seedsDir);

export interface SeedCase {
  file: string;
  clinicalSummary: string;
  requests: string[];
  specialty: string | null;
}

/** Reads a seed letter with the project's own letter reader. */
export async function readSeed(prefix = '000_'): Promise<SeedCase> {
  const { parseLetterText } = await import('../../src/letters/read/index.js');
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed letter ${prefix}* in ${seedsDir}`);
  const { letter } = parseLetterText(readFileSync(path.join(seedsDir, file), 'utf8'), { source: file });
  return { file, clinicalSummary: letter.clinicalSummary, requests: letter.items.map((i) => i.request), specialty: letter.reviewer.specialty };
}

type Services = import('../../src/service/use-cases/services.js').Services;

/** Registry and users; everything else the tests do through the browser. */
export async function seedPeople(services: Services): Promise<Record<keyof typeof USERS, string>> {
  const { registerReviewers } = await import('../../src/service/use-cases/reviewers.use-case.js');
  await registerReviewers(services, null, REVIEWERS);
  const ids = {} as Record<keyof typeof USERS, string>;
  for (const [key, u] of Object.entries(USERS) as Array<[keyof typeof USERS, (typeof USERS)[keyof typeof USERS]]>) {
    const created = await services.users.create(
      { username: u.username, displayName: u.displayName, role: u.role, password: PASSWORD, reviewerId: 'reviewerId' in u ? u.reviewerId : null },
      services.now(),
    );
    ids[key] = created.id;
  }
  return ids;
}
