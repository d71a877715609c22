import { registerReviewers } from '../../service/use-cases/reviewers.use-case.js';
import { assignReviewer } from '../../service/use-cases/assignment.use-case.js';
import { createCase } from '../../service/use-cases/cases.use-case.js';
import { runEligibility } from '../../service/use-cases/eligibility.use-case.js';
import type { User } from '../../service/store/users.store.js';
import { applicationInput, CLINICAL_SUMMARY, reviewerInputs } from '../../service/test-support/fixtures.js';
import { login, type TestApp } from './test-app.js';

export interface World {
  users: Record<'admin' | 'intake' | 'reviewer' | 'otherReviewer' | 'party' | 'otherParty', User>;
  cookies: Record<'admin' | 'intake' | 'reviewer' | 'otherReviewer' | 'party' | 'otherParty', string>;
  /** A case assigned to `reviewer` (r-pmr), with `party` as its party. */
  assignedCase(over?: { claimNumber?: string }): Promise<string>;
}

/** Users of every role (logged in), the fixture reviewers, and a helper to make assigned cases. */
export async function makeWorld(t: TestApp): Promise<World> {
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
        application: { ...app, injuredWorker: { ...app.injuredWorker, claimNumber: over.claimNumber ?? `CLM-W${n}`, name: `Worker ${n}` } },
        clinicalSummary: CLINICAL_SUMMARY,
        partyUserIds: [users.party.id],
      });
      await runEligibility(t.services, users.intake, c.id);
      const a = await assignReviewer(t.services, users.intake, c.id);
      if (a.reviewerId !== 'r-pmr') throw new Error(`expected r-pmr, got ${a.reviewerId}`);
      return c.id;
    },
  };
}
