import { ImrError } from '../../errors/imr-error.js';
import { checkEligibility, transition, type CaseStatus, type EligibilityResult, type ImrApplication, type OtherCase } from '../domain/index.js';
import type { User } from '../store/users.store.js';
import { deadlinesFor, toEligibilityView, type EligibilityView } from './case-view.js';
import { issueIneligibilityNotice } from './ineligibility.use-case.js';
import type { Services } from './services.js';

/**
 * Screens a case for eligibility and records the result with every rule's reason. The first run
 * moves "received" to "eligibility"; an ineligible result ends the case ("ineligible"); a liability
 * dispute defers it (it stays in "eligibility" and can be screened again once resolved). An
 * ineligible case gets its notice of ineligibility to the parties in the same transaction.
 */
export async function runEligibility(services: Services, actor: User, caseId: string, opts: { liabilityDisputed?: boolean } = {}): Promise<{ eligibility: EligibilityView; result: EligibilityResult; status: CaseStatus }> {
  const now = services.now();
  const today = services.today();
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    let status = row.status as CaseStatus;
    if (status !== 'received' && status !== 'eligibility') {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Eligibility is screened before assignment; this case is "${status}".`, { subject: caseId });
    }
    if (status === 'eligibility' && row.eligible_on) {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', 'The case was already found eligible; assign a reviewer next.', { subject: caseId });
    }
    let app = JSON.parse(row.application) as ImrApplication;
    // The liability dispute may have been resolved since the application came in.
    if (opts.liabilityDisputed !== undefined) app = { ...app, liabilityDisputed: opts.liabilityDisputed };

    const sameWorker = await stores.cases.byWorkerKey(row.worker_key);
    const others = sameWorker.filter((c) => c.id !== row.id);
    const otherItems = await stores.cases.itemsOfCases(others.map((c) => c.id));
    const otherCases: OtherCase[] = others.map((c) => ({
      id: c.case_number,
      status: c.status,
      workerKey: c.worker_key,
      items: otherItems.filter((i) => i.case_id === c.id).map((i) => i.request),
      urDecisionDate: (JSON.parse(c.application) as ImrApplication).urDecision.decisionDate,
    }));
    const result = checkEligibility(app, { today, otherCases, selfId: row.case_number });
    const outcome = result.eligible ? 'eligible' : result.deferred ? 'deferred' : 'ineligible';

    if (status === 'received') status = transition(status, 'eligibility');
    if (outcome === 'ineligible') status = transition(status, 'ineligible');
    const eligibleOn = outcome === 'eligible' ? today : null;
    const next = { ...row, eligible_on: eligibleOn };
    await stores.cases.update(row.id, row.version, {
      status,
      eligible_on: eligibleOn,
      application: JSON.stringify(app),
      priority: result.priority,
      deadlines: JSON.stringify(deadlinesFor(app, next)),
    }, now);
    const rec = await stores.cases.insertEligibility({ case_id: row.id, outcome, reasons: JSON.stringify(result.reasons), checked_on: today, checked_by: actor.id, created_at: now.toISOString() });
    await stores.audit.record(actor, 'case.eligibility', row.id, {
      status: { from: row.status, to: status },
      outcome,
      failed: result.reasons.filter((r) => !r.passed).map((r) => r.rule),
      ...(opts.liabilityDisputed !== undefined ? { liabilityDisputed: { from: JSON.parse(row.application).liabilityDisputed, to: opts.liabilityDisputed } } : {}),
    }, now);
    if (outcome === 'ineligible') {
      await issueIneligibilityNotice(stores, actor, row, app, { id: rec.id, reasons: result.reasons }, { now, today, organization: services.organizationName });
    }
    return { eligibility: toEligibilityView(rec), result, status };
  });
}
