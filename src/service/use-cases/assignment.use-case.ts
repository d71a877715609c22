import { randomUUID } from 'node:crypto';
import { ImrError } from '../../errors/imr-error.js';
import { chooseReviewer, isOpenStatus, partiesOf, transition, CASE_STATUSES, type AssignmentResult, type CaseStatus, type ImrApplication } from '../domain/index.js';
import type { CaseItemRow, CaseRow } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { deadlinesFor, toAssignmentView, type AssignmentView } from './case-view.js';
import { draftCaseItems } from './case-drafting.js';
import type { ItemDraft } from './draft-engine.js';
import type { Services, Stores } from './services.js';
import { remandExcludedReviewers } from './remand-links.js';

const OPEN_STATUSES = CASE_STATUSES.filter((s) => isOpenStatus(s));

export { ageOn } from './case-drafting.js';

/**
 * The engine's draft of every item (outside any transaction: drafting is pure but may take a
 * while), from the case's records and the clinical summary where one was typed. Without an engine,
 * items stay undrafted.
 */
async function draftAll(services: Services, row: CaseRow, items: CaseItemRow[]): Promise<{ drafts: Map<string, ItemDraft>; failure: string | null }> {
  const { drafts, failure } = await draftCaseItems(services, row, items);
  return { drafts, failure };
}

/** What the assignment is chosen from: the case's parties and item categories, the reviewers and their loads. */
export async function assignmentInputs(stores: Stores, row: CaseRow) {
  const app = JSON.parse(row.application) as ImrApplication;
  const reviewers = await stores.reviewers.list();
  const loads: Record<string, number> = Object.fromEntries(await stores.cases.openLoad(OPEN_STATUSES));
  return { parties: partiesOf(app), itemCategories: app.disputedItems.map((i) => i.category ?? 'unspecified'), reviewers, loads };
}

async function pick(stores: Stores, row: CaseRow, exclude: string[]): Promise<AssignmentResult> {
  const { reviewers, loads, parties, itemCategories } = await assignmentInputs(stores, row);
  return chooseReviewer(reviewers, { parties, itemCategories, excludeReviewerIds: exclude }, loads);
}

function screening(result: AssignmentResult) {
  return {
    chosenBy: 'automatic' as const,
    fit: result.fit,
    reasons: result.reasons,
    specialtyWarning: result.specialtyWarning,
    evaluations: result.evaluations.map((e) => ({
      reviewerId: e.reviewerId,
      candidate: e.candidate,
      excluded: e.excluded,
      qualified: e.qualified,
      qualificationReasons: e.qualificationReasons.filter((q) => !q.passed).map((q) => q.message),
      conflictFree: e.conflictFree,
      conflicts: e.conflicts.map((c) => c.message),
      load: e.load,
      underCapacity: e.underCapacity,
      fittedCategories: e.fittedCategories,
    })),
  };
}

async function storeDrafts(stores: Stores, caseId: string, items: CaseItemRow[], drafts: Map<string, ItemDraft>, now: Date): Promise<void> {
  for (const item of items) {
    const d = drafts.get(item.id);
    if (d) await stores.cases.updateItem(caseId, item.id, item.version, { draft: JSON.stringify(d) }, now);
  }
}

/**
 * Assigns a qualified, conflict-free reviewer whose specialty fits the items (fewest open cases
 * first), records why, and has the engine draft every item; all in one transaction.
 */
export async function assignReviewer(services: Services, actor: User, caseId: string): Promise<AssignmentView> {
  const row0 = await services.cases.getOrThrow(caseId);
  const items0 = await services.cases.items(caseId);
  const { drafts, failure } = await draftAll(services, row0, items0);
  const now = services.now();
  const today = services.today();
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    if (row.version !== row0.version) throw new ImrError('IMR_ERR_CONFLICT', 'The case changed while it was being assigned; retry.', { subject: caseId });
    const status = transition(row.status as CaseStatus, 'assigned');
    if (!row.eligible_on) throw new ImrError('IMR_ERR_NOT_ELIGIBLE', 'The case has not been found eligible; run the eligibility check first.', { subject: caseId });
    // A remand's new review goes to a different reviewer (LC 4610.6(i)): none who had the remanded case.
    const result = await pick(stores, row, await remandExcludedReviewers(stores, row.id));
    const assignment = { id: randomUUID(), case_id: row.id, reviewer_id: result.reviewer.id, assigned_on: today, screening: JSON.stringify(screening(result)), ended_at: null, end_reason: null, created_by: actor.id, created_at: now.toISOString() };
    await stores.cases.insertAssignment(assignment);
    const app = JSON.parse(row.application) as ImrApplication;
    await stores.cases.update(row.id, row.version, { status, reviewer_id: result.reviewer.id, assigned_on: today, deadlines: JSON.stringify(deadlinesFor(app, { ...row, assigned_on: today })) }, now);
    await storeDrafts(stores, row.id, await stores.cases.items(row.id), drafts, now);
    await stores.audit.record(actor, 'case.assign', row.id, { status: { from: row.status, to: status }, reviewerId: result.reviewer.id, fit: result.fit, specialtyFits: result.specialtyWarning === null, drafted: drafts.size, ...(failure ? { draftingFailed: failure } : {}) }, now);
    return toAssignmentView(assignment);
  });
}

/**
 * The assigned reviewer withdraws (conflict found later, unavailability): the assignment ends with
 * the reason, and another reviewer who has not had the case is assigned; status stays.
 */
export async function recuse(services: Services, actor: User, caseId: string, reason: string): Promise<AssignmentView> {
  const now = services.now();
  const today = services.today();
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const history = await stores.cases.assignments(caseId);
    const current = history.find((a) => a.ended_at === null);
    if (!current || !['assigned', 'records_received', 'in_review'].includes(row.status)) {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Only an assigned case before its decision can be reassigned; this case is "${row.status}".`, { subject: caseId });
    }
    if (actor.role === 'reviewer' && actor.reviewerId !== current.reviewer_id) {
      throw new ImrError('IMR_ERR_FORBIDDEN', 'Only the assigned reviewer (or intake, admin) can recuse from this case.', { subject: caseId });
    }
    await stores.cases.endAssignment(current.id, reason, now);
    const result = await pick(stores, row, [...history.map((a) => a.reviewer_id), ...(await remandExcludedReviewers(stores, row.id))]);
    const assignment = { id: randomUUID(), case_id: row.id, reviewer_id: result.reviewer.id, assigned_on: today, screening: JSON.stringify(screening(result)), ended_at: null, end_reason: null, created_by: actor.id, created_at: now.toISOString() };
    await stores.cases.insertAssignment(assignment);
    await stores.cases.update(row.id, row.version, { reviewer_id: result.reviewer.id }, now);
    await stores.audit.record(actor, 'case.recuse', row.id, { reviewerId: { from: current.reviewer_id, to: result.reviewer.id }, reason: { assignmentId: current.id, field: 'end_reason' } }, now);
    return toAssignmentView(assignment);
  });
}


