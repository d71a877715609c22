import { randomUUID } from 'node:crypto';
import { ImrError } from '../../errors/imr-error.js';
import { overrideCandidate, screenOverride, specialtyFit, type OverrideContext, type Reviewer } from '../domain/index.js';
import type { AssignmentRow, CaseRow } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { assignmentInputs } from './assignment.use-case.js';
import { toAssignmentView, type AssignmentView } from './case-view.js';
import type { Services, Stores } from './services.js';
import { remandExcludedReviewers } from './remand-links.js';

/**
 * What intake and admin see of a case's assignment (the reviewer's identity, why they were
 * chosen, the specialty warning) and intake's override of the automatic choice. Reviewer identity
 * is confidential outside the IMRO (LC 4610.6(f)): only staff routes call this.
 */

interface AssignedReviewer {
  id: string;
  name: string;
  specialty: string;
  subspecialty: string | null;
  licensureStates: string[];
}

export interface AssignmentDetail extends AssignmentView {
  reviewer: AssignedReviewer | null;
  chosenBy: 'automatic' | 'override';
  /** Why this reviewer: one sentence each (specialty fit, qualification, conflicts, load). */
  reasons: string[];
  /** Said to intake, never a refusal: the specialty does not fit every disputed item, capacity. */
  warnings: string[];
}

/** A reviewer intake could choose instead, with why not (refusals) and what to weigh (warnings). */
export interface ReviewerCandidate extends AssignedReviewer {
  current: boolean;
  load: number;
  capacity: number;
  fitted: string[];
  unfitted: string[];
  refusals: string[];
  warnings: string[];
}

const REASSIGNABLE = ['assigned', 'records_received', 'in_review'];

function identity(r: Reviewer): AssignedReviewer {
  return { id: r.id, name: r.name, specialty: r.specialty, subspecialty: r.subspecialty ?? null, licensureStates: r.licensureStates };
}

/** Reviewers who recused: an ended assignment whose successor was not an override. */
function recusedIds(history: AssignmentRow[]): string[] {
  return history.filter((a, i) => a.ended_at !== null && !history[i + 1]?.override_reason).map((a) => a.reviewer_id);
}

interface StoredScreening { chosenBy?: 'automatic' | 'override'; reasons?: string[]; specialtyWarning?: string | null; warnings?: string[] }

async function overrideContext(stores: Stores, row: CaseRow, history: AssignmentRow[]) {
  const inputs = await assignmentInputs(stores, row);
  const current = history.find((a) => a.ended_at === null) ?? null;
  const priorReviewerIds = await remandExcludedReviewers(stores, row.id);
  const ctx = (load: number): OverrideContext => ({ parties: inputs.parties, itemCategories: inputs.itemCategories, currentReviewerId: current?.reviewer_id ?? null, recusedReviewerIds: recusedIds(history), priorReviewerIds, load });
  return { inputs, current, ctx };
}

/** The case's assignments with the reviewer named and the reasons, and who else could take it. */
export async function readAssignment(services: Services, caseId: string): Promise<{ current: AssignmentDetail | null; history: AssignmentDetail[]; candidates: ReviewerCandidate[] }> {
  const row = await services.cases.getOrThrow(caseId);
  const rows = await services.cases.assignments(caseId);
  const { inputs, current, ctx } = await overrideContext(services, row, rows);
  const byId = new Map(inputs.reviewers.map((r) => [r.id, r]));
  const history = rows.map((a): AssignmentDetail => {
    const view = toAssignmentView(a);
    const stored = (view.screening ?? {}) as StoredScreening;
    const reviewer = byId.get(a.reviewer_id);
    // Older assignments stored no warning: the specialty table answers for them now.
    const warnings = stored.warnings ?? (stored.specialtyWarning !== undefined ? (stored.specialtyWarning ? [stored.specialtyWarning] : []) : reviewer ? [specialtyFit(reviewer, inputs.itemCategories).warning].filter((w): w is string => !!w) : []);
    return { ...view, reviewer: reviewer ? identity(reviewer) : null, chosenBy: a.override_reason ? 'override' : (stored.chosenBy ?? 'automatic'), reasons: stored.reasons ?? [], warnings };
  });
  const candidates = inputs.reviewers
    .filter((r) => r.active || r.id === current?.reviewer_id)
    .map((r): ReviewerCandidate => {
      const c = overrideCandidate(r, ctx(inputs.loads[r.id] ?? 0));
      return { ...identity(r), current: r.id === current?.reviewer_id, load: inputs.loads[r.id] ?? 0, capacity: r.capacity, fitted: c.fit.fitted, unfitted: c.fit.unfitted, refusals: c.refusals, warnings: c.warnings };
    });
  return { current: history.find((a) => a.endedAt === null) ?? null, history, candidates };
}

/**
 * Intake gives the case to another reviewer than the automatic choice, with a reason. The
 * reviewer must be qualified and conflict-free (IMR_ERR_REVIEWER_UNSUITABLE says why not); a
 * specialty that does not fit every item, or a full load, is a warning in the answer and on the
 * assignment. The reason stays on the new assignment; the audit row points at it.
 */
export async function overrideAssignment(services: Services, actor: User, caseId: string, input: { reviewerId: string; reason: string }): Promise<AssignmentDetail> {
  const now = services.now();
  const today = services.today();
  const detail = await services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const history = await stores.cases.assignments(caseId);
    const { inputs, current, ctx } = await overrideContext(stores, row, history);
    if (!current || !REASSIGNABLE.includes(row.status)) {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Only an assigned case before its decision can be given to another reviewer; this case is "${row.status}".`, { subject: caseId });
    }
    const reviewer = inputs.reviewers.find((r) => r.id === input.reviewerId);
    if (!reviewer) throw new ImrError('IMR_ERR_VALIDATION', 'No reviewer has this id; list reviewers with GET /api/reviewers.', { details: [{ path: 'body.reviewerId', message: 'names no reviewer' }] });
    const screened = screenOverride(reviewer, ctx(inputs.loads[reviewer.id] ?? 0));
    await stores.cases.endAssignment(current.id, 'Replaced: intake chose another reviewer (see the next assignment).', now);
    const screening = { chosenBy: 'override', reasons: screened.reasons, warnings: screened.warnings, fitted: screened.fit.fitted, unfitted: screened.fit.unfitted, load: screened.load, capacity: screened.capacity };
    const assignment: AssignmentRow = { id: randomUUID(), case_id: row.id, reviewer_id: reviewer.id, assigned_on: today, screening: JSON.stringify(screening), ended_at: null, end_reason: null, created_by: actor.id, created_at: new Date(Math.max(now.getTime(), Date.parse(current.created_at) + 1)).toISOString(), override_reason: input.reason };
    await stores.cases.insertAssignment(assignment);
    await stores.cases.update(row.id, row.version, { reviewer_id: reviewer.id }, now);
    await stores.audit.record(actor, 'case.assignment_override', row.id, {
      reviewerId: { from: current.reviewer_id, to: reviewer.id },
      specialtyFits: screened.fit.unfitted.length === 0,
      atCapacity: screened.load >= screened.capacity,
      reason: { assignmentId: assignment.id, field: 'override_reason' },
    }, now);
    return { ...toAssignmentView(assignment), reviewer: identity(reviewer), chosenBy: 'override' as const, reasons: screened.reasons, warnings: screened.warnings };
  });
  return detail;
}
