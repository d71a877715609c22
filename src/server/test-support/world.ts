import { registerReviewers } from '../../service/use-cases/reviewers.use-case.js';
import { assignReviewer } from '../../service/use-cases/assignment.use-case.js';
import { createCase } from '../../service/use-cases/cases.use-case.js';
import { runEligibility } from '../../service/use-cases/eligibility.use-case.js';
import type { User } from '../../service/store/users.store.js';
import { applicationInput, CLINICAL_SUMMARY, reviewerInputs } from '../../service/test-support/fixtures.js';
import type { DialectName } from '../../db/database.js';
import { login, openTestApp, type TestApp } from './test-app.js';

export interface World {
  users: Record<'admin' | 'intake' | 'reviewer' | 'otherReviewer' | 'party' | 'otherParty', User>;
  cookies: Record<'admin' | 'intake' | 'reviewer' | 'otherReviewer' | 'party' | 'otherParty', string>;
  /** An assigned case (load balancing picks r-pmr or r-pmr-2), with `party` as its party. */
  assignedCase(over?: { workerName?: string }): Promise<{ caseId: string; reviewerId: string; cookie: string; otherCookie: string }>;
}

/** Users of every role (logged in), the fixture reviewers, and a helper to make assigned cases. */
async function makeWorld(t: TestApp): Promise<World> {
  const now = t.services.now();
  await registerReviewers(t.services, null, reviewerInputs());
  const mk = (username: string, role: User['role'], reviewerId?: string) => t.services.users.create({ username, role, password: `${username}-password`, reviewerId }, now);
  const users = {
    admin: await mk('admin', 'admin'),
    intake: await mk('intake', 'intake'),
    reviewer: await mk('rob', 'reviewer', 'r-pmr'),
    otherReviewer: await mk('olive', 'reviewer', 'r-pmr-2'),
    party: await mk('pat', 'party'),
    otherParty: await mk('quinn', 'party'),
  };
  const cookies = {} as World['cookies'];
  for (const [k, u] of Object.entries(users)) cookies[k as keyof World['cookies']] = await login(t.app, u.username, `${u.username}-password`);
  let n = 0;
  return {
    users,
    cookies,
    async assignedCase(over = {}) {
      n++;
      const app = applicationInput();
      const c = await createCase(t.services, users.intake, {
        application: { ...app, injuredWorker: { ...app.injuredWorker, claimNumber: `CLM-W${n}`, name: over.workerName ?? `Worker ${n}` } },
        clinicalSummary: CLINICAL_SUMMARY,
        partyUserIds: [users.party.id],
      });
      await runEligibility(t.services, users.intake, c.id);
      const a = await assignReviewer(t.services, users.intake, c.id);
      const mine = a.reviewerId === 'r-pmr';
      return { caseId: c.id, reviewerId: a.reviewerId, cookie: mine ? cookies.reviewer : cookies.otherReviewer, otherCookie: mine ? cookies.otherReviewer : cookies.reviewer };
    },
  };
}

/** A test app on `dialect` (see openTestApp) with its World; the caller closes `t`. */
export async function openWorld(dialect: DialectName, opts: Parameters<typeof openTestApp>[1] = {}): Promise<{ t: TestApp; w: World }> {
  const t = await openTestApp(dialect, opts);
  return { t, w: await makeWorld(t) };
}
