import { existsSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLetterFile } from '../letters/read/index.js';
import { addCalendarDays, calendarDaysBetween, type ImrApplicationInput, type ReviewerInput } from '../service/domain/index.js';
import { serviceDb } from '../service/store/tables.js';
import type { Role, User } from '../service/store/users.store.js';
import { assignReviewer } from '../service/use-cases/assignment.use-case.js';
import { createCase } from '../service/use-cases/cases.use-case.js';
import { runEligibility } from '../service/use-cases/eligibility.use-case.js';
import { signCase } from '../service/use-cases/letter.use-case.js';
import { decideItem } from '../service/use-cases/review.use-case.js';
import { registerReviewers } from '../service/use-cases/reviewers.use-case.js';
import type { Services } from '../service/use-cases/services.js';
import { SYNTHETIC_CASES, type DemoCaseSource } from './synthetic-cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (src/demo or dist/demo are two levels down). */
export const REPO_ROOT = path.resolve(here, '../..');
export const DEFAULT_SEEDS_DIR = path.resolve(REPO_ROOT, '../shared/seeds');
const DEMO_FLAG = 'service.demo_loaded';

/** Fictional reviewers covering the usual specialties, and one with a conflict of interest. */
export const DEMO_REVIEWERS: ReviewerInput[] = (() => {
  const base = { licensureStates: ['California'], subspecialty: null, boardCertified: true, weeklyHours: 36, affiliations: [], capacity: 20, active: true };
  return [
    { ...base, id: 'rev-pmr-1', name: 'Dr. Morgan Hale', specialty: 'Physical Medicine & Rehabilitation', yearsInActivePractice: 14 },
    { ...base, id: 'rev-pmr-2', name: 'Dr. Casey Ortiz', specialty: 'Physical Medicine & Rehabilitation', subspecialty: 'Pain Medicine', yearsInActivePractice: 9 },
    { ...base, id: 'rev-chiro', name: 'Dr. Jamie Brooks', specialty: 'Chiropractor', yearsInActivePractice: 18 },
    { ...base, id: 'rev-ortho', name: 'Dr. Taylor Kim', specialty: 'Orthopedic Surgery', yearsInActivePractice: 21 },
    { ...base, id: 'rev-psych', name: 'Dr. Riley Chen', specialty: 'Psychology', yearsInActivePractice: 11 },
    { ...base, id: 'rev-im', name: 'Dr. Quinn Ward', specialty: 'Internal Medicine', yearsInActivePractice: 16 },
    { ...base, id: 'rev-conflicted', name: 'Dr. Drew Stone', specialty: 'Physical Medicine & Rehabilitation', yearsInActivePractice: 25, affiliations: [{ kind: 'employer', name: 'Harbor Freight Lines' }] },
    { ...base, id: 'rev-new', name: 'Dr. Sky Lane', specialty: 'Physical Medicine & Rehabilitation', yearsInActivePractice: 3 },
  ];
})();

const WORKERS = ['Alex Rivera', 'Jordan Nguyen', 'Sam Delgado', 'Chris Walker', 'Dana Morales', 'Robin Okafor', 'Lee Santos', 'Terry Huang'];
const EMPLOYERS = ['Harbor Freight Lines', 'Sunrise Grocers', 'Central Valley Packing', 'Bayside Hospital', 'Golden Gate Builders'];
const ADMINISTRATORS = ['Redwood Claims Services', 'Pacific Coast Adjusters', 'Sierra Risk Management'];

/** The demo's case sources: the shared seed letters when present, else the shipped synthetic ones. */
async function demoCaseSources(seedsDir: string | null = DEFAULT_SEEDS_DIR): Promise<{ from: 'seeds' | 'synthetic'; cases: DemoCaseSource[] }> {
  if (seedsDir && existsSync(seedsDir)) {
    const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
    const cases: DemoCaseSource[] = [];
    for (const f of files) {
      try {
        const { letter } = await readLetterFile(path.join(seedsDir, f));
        cases.push({
          clinicalSummary: letter.clinicalSummary,
          documentsReviewed: letter.documentsReviewed ?? [],
          worker: letter.worker,
          urDecisionDate: letter.urDecisionDate ?? letter.header?.urDenialDate ?? null,
          imrApplicationDate: letter.imrApplicationDate ?? letter.header?.applicationReceived ?? null,
          items: letter.items.map((i) => ({ request: i.request, decision: i.decision, claimsAdministratorGuideline: i.claimsAdministratorGuideline, reviewerGuideline: i.reviewerGuideline, rationale: i.rationale })),
        });
      } catch {
        // A seed the reader cannot read is skipped; the others still make a demo.
      }
    }
    if (cases.length) return { from: 'seeds', cases };
  }
  return { from: 'synthetic', cases: SYNTHETIC_CASES };
}

/** The application a demo case stands for (fictional parties; dates from the letter, made timely). */
function demoApplication(src: DemoCaseSource, k: number): ImrApplicationInput {
  const decisionDate = src.urDecisionDate ?? (src.imrApplicationDate ? addCalendarDays(src.imrApplicationDate, -20) : '2015-01-05');
  const received = src.imrApplicationDate && src.imrApplicationDate >= decisionDate ? src.imrApplicationDate : addCalendarDays(decisionDate, 20);
  const served = calendarDaysBetween(decisionDate, received) > 25 ? addCalendarDays(received, -20) : addCalendarDays(decisionDate, 1) <= received ? addCalendarDays(decisionDate, 1) : decisionDate;
  const injury = src.worker.injuryDate;
  const birthYear = src.worker.age ? Number(decisionDate.slice(0, 4)) - src.worker.age - 1 : 1970;
  return {
    injuredWorker: { name: WORKERS[k % WORKERS.length], dateOfBirth: `${birthYear}-0${(k % 9) + 1}-15`, dateOfInjury: injury, claimNumber: `DEMO-${1000 + k}` },
    employer: { name: EMPLOYERS[k % EMPLOYERS.length] },
    claimsAdministrator: { name: ADMINISTRATORS[k % ADMINISTRATORS.length], id: `CA-${7100 + k}` },
    requestingProvider: { name: 'Dr. Pat Demo', specialty: 'Orthopedic Surgery', group: 'Demo Medical Group' },
    urDecision: { dateServed: served, howServed: 'electronic', decisionDate, itemsDeniedOrModified: src.items.map((i) => i.request), conditionallyNonCertified: false, urOrganizationName: 'Demo UR Services' },
    disputedItems: src.items.map((i) => ({ request: i.request, urOutcome: 'denied' as const })),
    expedited: { requested: false, physicianCertification: false },
    liabilityDisputed: false,
    applicationReceivedDate: received,
    signedByWorker: true,
    attachments: { urDecisionCopy: true },
  };
}

export interface DemoLogin {
  username: string;
  role: Role;
  password: string;
}

export interface DemoResult {
  loaded: boolean;
  from?: 'seeds' | 'synthetic';
  logins: DemoLogin[];
  cases: number;
}

/**
 * Loads demo data once (first start): reviewers, users of every role, and cases at different
 * stages (received, screened, assigned with drafts, issued). Passwords are random unless
 * `password` (env IMR_DEMO_PASSWORD) is given; they are returned, never stored in clear, for the
 * caller to hand to the operator without logging them (demo-logins.ts: terminal or a 0600 file).
 */
export async function loadDemoData(services: Services, opts: { seedsDir?: string | null; password?: string } = {}): Promise<DemoResult> {
  const db = serviceDb(services.database.db) as unknown as import('kysely').Kysely<{ settings: { key: string; value: string } }>;
  const flag = await db.selectFrom('settings').select('value').where('key', '=', DEMO_FLAG).executeTakeFirst();
  if (flag || (await services.users.count()) > 0) return { loaded: false, logins: [], cases: 0 };
  try {
    // The flag doubles as a lock: when several instances start at once, one inserts it and loads.
    await db.insertInto('settings').values({ key: DEMO_FLAG, value: services.now().toISOString() }).execute();
  } catch {
    return { loaded: false, logins: [], cases: 0 };
  }

  const password = () => opts.password ?? randomBytes(9).toString('base64url');
  const logins: DemoLogin[] = [];
  const users = new Map<string, User>();
  const add = async (username: string, role: Role, displayName: string, reviewerId?: string) => {
    const pw = password();
    const u = await services.users.create({ username, role, password: pw, displayName, reviewerId: reviewerId ?? null }, services.now());
    users.set(username, u);
    logins.push({ username, role, password: pw });
    return u;
  };
  const admin = await add('admin', 'admin', 'Demo administrator');
  const intake = await add('intake', 'intake', 'Demo intake clerk');
  await registerReviewers(services, admin, DEMO_REVIEWERS);
  for (const r of DEMO_REVIEWERS) await add(r.id, 'reviewer', r.name, r.id);
  const party = await add('party', 'party', 'Demo party (injured worker)');

  const { from, cases } = await demoCaseSources(opts.seedsDir === undefined ? DEFAULT_SEEDS_DIR : opts.seedsDir);
  let made = 0;
  for (const [k, src] of cases.entries()) {
    const created = await createCase(services, intake, {
      application: demoApplication(src, k),
      workerSex: src.worker.sex,
      clinicalSummary: src.clinicalSummary,
      documentsReviewed: src.documentsReviewed,
      claimsAdministratorGuidelines: src.items.map((i) => i.claimsAdministratorGuideline),
      partyUserIds: [party.id],
    });
    made++;
    // The last case is issued; the others cycle through received, screened, assigned (drafted).
    const stage = k === cases.length - 1 ? 4 : k % 4;
    if (stage === 0) continue;
    await runEligibility(services, intake, created.id);
    if (stage === 1) continue;
    const assignment = await assignReviewer(services, intake, created.id);
    if (stage !== 4) continue;
    const reviewer = users.get(assignment.reviewerId)!;
    const items = await services.cases.items(created.id);
    for (const [n, item] of items.entries()) {
      const s = src.items[n];
      await decideItem(services, reviewer, created.id, item.id, { version: item.version, decision: s.decision, citation: s.reviewerGuideline, rationale: s.rationale || 'See the guideline cited.' });
    }
    await signCase(services, reviewer, created.id);
  }
  return { loaded: true, from, logins, cases: made };
}
