/**
 * What the end-to-end tests start from: the service's own demo data (users of every role, the
 * reviewer registry, cases at each stage built from the seed letters) with a known password, and
 * the facts of a seed letter (../shared/seeds) to type into the intake form.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.js';
import { applicationInput, citation, CLINICAL_SUMMARY, reviewerInputs } from '../../src/service/test-support/fixtures.js';

/** The fixture clinical summary (a 48 year old with lumbar strain), for cases whose summary the test does not read. */
export { CLINICAL_SUMMARY };

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

/*
 * Builders for the tests that seed their own small world rather than the demo data: the reviewer
 * registry and the logins, then cases built from the service's fixture application with only what a
 * test cares about overridden, their documents, screening and assignment, and decisions. Each runs
 * the service's own use cases, so the data is what the workbench would have made.
 */

type User = Awaited<ReturnType<Services['users']['create']>>;
type ReviewerInput = import('../../src/service/domain/reviewer.js').ReviewerInput;
type ApplicationInput = import('../../src/service/domain/application.js').ImrApplicationInput;
type CreateCaseInput = import('../../src/service/use-cases/cases.use-case.js').CreateCaseInput;
type DocumentKind = import('../../src/service/use-cases/documents.use-case.js').DocumentKind;
type DocumentDetails = Omit<Parameters<typeof import('../../src/service/use-cases/documents.use-case.js').addDocument>[3], 'kind' | 'name' | 'bytes'>;
type Decision = Pick<import('../../src/service/use-cases/review.use-case.js').ItemDecisionInput, 'decision' | 'rationale'>;

/** The registry's two qualified reviewers (src/service/test-support/fixtures.ts), who log in by default with their id. */
const QUALIFIED_REVIEWERS = ['r-pmr', 'r-pmr-2'] as const;

interface Staff {
  intake: User;
  /** The reviewers' logins, by registry id. */
  reviewers: Map<string, User>;
  party: User | null;
}

/**
 * The fixture reviewer registry (plus `extraReviewers`), an intake clerk "intake", a login for each
 * reviewer of `reviewerLogins` (registry id → username; by default the qualified two, by their id)
 * and, with `party`, a party user "party"; every one with the tests' password.
 */
export async function seedStaff(
  services: Services,
  opts: { extraReviewers?: (base: ReviewerInput) => ReviewerInput[]; reviewerLogins?: Record<string, string>; party?: boolean } = {},
): Promise<Staff> {
  const { registerReviewers } = await import('../../src/service/use-cases/reviewers.use-case.js');
  const now = services.now();
  const registry = reviewerInputs();
  await registerReviewers(services, null, [...registry, ...(opts.extraReviewers?.(registry[0]!) ?? [])]);
  const intake = await services.users.create({ username: 'intake', role: 'intake', password: PASSWORD }, now);
  const reviewers = new Map<string, User>();
  const logins = opts.reviewerLogins ?? Object.fromEntries(QUALIFIED_REVIEWERS.map((id) => [id, id]));
  for (const [reviewerId, username] of Object.entries(logins)) {
    reviewers.set(reviewerId, await services.users.create({ username, role: 'reviewer', password: PASSWORD, reviewerId }, now));
  }
  const party = opts.party ? await services.users.create({ username: 'party', role: 'party', password: PASSWORD }, now) : null;
  return { intake, reviewers, party };
}

/** A case as a test wants it: the fixture application with these differences. */
export interface CaseSeed extends Omit<CreateCaseInput, 'application'> {
  /** Who the worker is (merged into the fixture's worker). */
  worker?: Partial<ApplicationInput['injuredWorker']>;
  /** The UR decision made and served today and the application received today (so no deadline has passed). */
  receivedToday?: boolean;
  /** The disputed items, each denied chiropractic care as UR wrote it, instead of the fixture's two. */
  requests?: string[];
  /** Anything else of the application (e.g. `signedByWorker: false`). */
  application?: Partial<ApplicationInput>;
}

/** The application a case seed describes, on `today`. */
export function applicationFor(seed: CaseSeed, today: string): ApplicationInput {
  const base = applicationInput();
  const urDecision = {
    ...base.urDecision,
    ...(seed.receivedToday ? { decisionDate: today, dateServed: today } : {}),
    ...(seed.requests ? { itemsDeniedOrModified: seed.requests } : {}),
  };
  return {
    ...base,
    ...(seed.worker ? { injuredWorker: { ...base.injuredWorker, ...seed.worker } } : {}),
    urDecision,
    ...(seed.receivedToday ? { applicationReceivedDate: today } : {}),
    ...(seed.requests ? { disputedItems: seed.requests.map((request) => ({ request, urOutcome: 'denied' as const, category: 'chiropractic' })) } : {}),
    ...seed.application,
  };
}

/** Registers the case as intake does (POST /api/cases's use case). */
export async function seedCase(services: Services, intake: User, seed: CaseSeed = {}): Promise<{ id: string; caseNumber: string }> {
  const { createCase } = await import('../../src/service/use-cases/cases.use-case.js');
  const { worker: _w, receivedToday: _r, requests: _q, application: _a, ...extras } = seed;
  return createCase(services, intake, { application: applicationFor(seed, services.today()), ...extras });
}

/** A document of a case: text (encoded as UTF-8) or the file's bytes. */
export type DocumentSeed = { kind: DocumentKind; name: string } & ({ text: string } | { bytes: Uint8Array }) & DocumentDetails;

/** Files the documents, in order; answers their ids. */
export async function seedDocuments(services: Services, intake: User, caseId: string, docs: DocumentSeed[]): Promise<string[]> {
  const { addDocument } = await import('../../src/service/use-cases/documents.use-case.js');
  const ids: string[] = [];
  for (const d of docs) {
    const { text, bytes, ...rest } = { text: undefined, bytes: undefined, ...d };
    ids.push((await addDocument(services, intake, caseId, { ...rest, bytes: bytes ?? new TextEncoder().encode(text) })).id);
  }
  return ids;
}

/** Runs the eligibility screening, as intake's "Check eligibility" does. */
export async function screenCase(services: Services, intake: User, caseId: string): Promise<void> {
  const { runEligibility } = await import('../../src/service/use-cases/eligibility.use-case.js');
  await runEligibility(services, intake, caseId);
}

/** Screens the case and assigns it (the engine drafts on assignment); answers the reviewer's registry id. */
export async function screenAndAssign(services: Services, intake: User, caseId: string): Promise<string> {
  const { assignReviewer } = await import('../../src/service/use-cases/assignment.use-case.js');
  await screenCase(services, intake, caseId);
  return (await assignReviewer(services, intake, caseId)).reviewerId;
}

/** The reviewer decides every item of the case, item k as `decide(k)` says, each citing the fixture guideline. */
export async function decideItems(services: Services, reviewer: User, caseId: string, decide: (k: number) => Decision): Promise<void> {
  const { decideItem } = await import('../../src/service/use-cases/review.use-case.js');
  for (const [k, item] of (await services.cases.items(caseId)).entries()) {
    await decideItem(services, reviewer, caseId, item.id, { version: item.version, ...decide(k), citation: citation() });
  }
}

/** The reviewer decides every item as `decision` says and signs: the letter is issued. */
export async function decideAndSign(services: Services, reviewer: User, caseId: string, decision: Decision): Promise<void> {
  const { signCase } = await import('../../src/service/use-cases/letter.use-case.js');
  await decideItems(services, reviewer, caseId, () => decision);
  await signCase(services, reviewer, caseId);
}
