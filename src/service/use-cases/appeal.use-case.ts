import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import {
  APPEAL_GROUND_CODES,
  APPEAL_GROUNDS_CATALOGUE,
  APPEAL_OUTCOMES,
  checkFiling,
  checkGrounds,
  checkOutcome,
  type AppealGround,
  type AppealGroundInfo,
  type AppealOutcome,
} from '../domain/appeal.js';
import type { AppealRow } from '../store/appeals.store.js';
import type { CaseRow } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { assignReviewer } from './assignment.use-case.js';
import { newCaseNumber } from './cases.use-case.js';
import { deadlinesFor } from './case-view.js';
import type { Services, Stores } from './services.js';
import type { ImrApplication } from '../domain/application.js';

/**
 * WCAB appeals of an issued determination (LC 4610.6(h)) and the board's outcome; a remand opens
 * the new review (LC 4610.6(i)). Rules are in domain/appeal.ts; sources in imr-process.md §2.12.
 *
 * What a remand's new case carries, decided here: the same application (parties, disputed items with
 * the claims administrator's citations, UR decision), the case's party users, the records in
 * evidence (copied, so the new review reads the same submitted information) and the clinical summary
 * (the new reviewer may rewrite it). It carries no draft, decision, citation or rationale: the new
 * reviewer decides afresh. It starts found eligible (the dispute was), is assigned at once to a
 * reviewer who never had the remanded case, and its letters state the remand.
 * Free text (the facts said to be wrong, the WCAB case number) stays on the appeal row; audit rows
 * hold the action, the ground codes and ids only.
 */

const ONE_LINE = /^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u;

export const appealInputSchema = z.object({
  grounds: z.array(z.enum(APPEAL_GROUND_CODES)).min(1).max(APPEAL_GROUND_CODES.length).describe('One or more of the five grounds of LC 4610.6(h), each once'),
  facts: z.string().trim().min(1).max(20_000).describe('The facts the petition says are wrong (free text; kept on the appeal, never in audit rows)'),
  filedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').describe('The date the petition was filed with the WCAB (YYYY-MM-DD)'),
  wcabCaseNumber: z.string().trim().min(1).max(40).regex(ONE_LINE, 'one line of text').nullable().optional().describe('The WCAB (ADJ) case number, when known'),
});
export type AppealInput = z.infer<typeof appealInputSchema>;

export const outcomeInputSchema = z.object({
  outcome: z.enum(APPEAL_OUTCOMES).describe('affirmed: the petition is denied; dismissed: the petition is dismissed; remanded: a new review by a different reviewer'),
  decidedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').describe("The date of the board's order (YYYY-MM-DD)"),
});
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

interface AppealGroundView {
  code: AppealGround;
  citation: string;
  text: string;
}

export interface AppealView {
  id: string;
  caseId: string;
  letterVersion: number;
  grounds: AppealGroundView[];
  facts: string;
  filedOn: string;
  /** Last day of the appeal period (30 days after service, +5 by mail). */
  dueOn: string;
  /** Filed after dueOn: recorded with a warning, the WCAB decides timeliness. */
  late: boolean;
  wcabCaseNumber: string | null;
  recordedAt: string;
  outcome: AppealOutcome | null;
  outcomeOn: string | null;
  /** The new case a remand opened. */
  remandCase: { id: string; caseNumber: string } | null;
}

export interface CaseAppealsView {
  /** The appeals of this case's determination. */
  appeals: AppealView[];
  /** On a case opened by a remand: the case and the appeal it follows (the remand order's grounds and facts). */
  remandOf: { caseId: string; caseNumber: string; appeal: AppealView } | null;
  /** Whether an appeal can be recorded now (an issued determination not already remanded). */
  canAppeal: boolean;
  /** The five grounds of LC 4610.6(h), for forms. */
  groundsCatalogue: AppealGroundInfo[];
}

export interface RecordedAppeal {
  appeal: AppealView;
  /** Said to intake, never a refusal (a late filing). */
  warnings: string[];
}

export interface RecordedOutcome extends RecordedAppeal {
  /** The new review a remand opened, and whether a reviewer could be assigned to it. */
  remandCase: { id: string; caseNumber: string; status: string; reviewerAssigned: boolean } | null;
}

function groundView(code: string): AppealGroundView {
  const g = APPEAL_GROUNDS_CATALOGUE.find((x) => x.code === code);
  return { code: code as AppealGround, citation: g?.citation ?? '', text: g?.text ?? code };
}

async function toAppealView(stores: Pick<Stores, 'cases'>, r: AppealRow): Promise<AppealView> {
  const remand = r.remand_case_id ? await stores.cases.get(r.remand_case_id) : undefined;
  return {
    id: r.id,
    caseId: r.case_id,
    letterVersion: r.letter_version,
    grounds: (JSON.parse(r.grounds) as string[]).map(groundView),
    facts: r.facts,
    filedOn: r.filed_on,
    dueOn: r.due_on,
    late: r.late === 1,
    wcabCaseNumber: r.wcab_case_number,
    recordedAt: r.recorded_at,
    outcome: (r.outcome as AppealOutcome | null) ?? null,
    outcomeOn: r.outcome_on,
    remandCase: remand ? { id: remand.id, caseNumber: remand.case_number } : null,
  };
}

function alreadyRemanded(appeals: AppealRow[]): AppealRow | undefined {
  return appeals.find((a) => a.outcome === 'remanded');
}

/** The case's appeals, the remand it follows (if any); records the read. */
export async function listAppeals(services: Services, actor: User, caseId: string): Promise<CaseAppealsView> {
  const row = await services.cases.getOrThrow(caseId);
  const rows = await services.appeals.ofCase(caseId);
  const appeals = await Promise.all(rows.map((r) => toAppealView(services, r)));
  const from = await services.appeals.remandOf(caseId);
  const original = from ? await services.cases.get(from.case_id) : undefined;
  await services.audit.record(actor, 'case.appeals_read', caseId, { appeals: rows.length, remand: Boolean(from) }, services.now());
  return {
    appeals,
    remandOf: from && original ? { caseId: original.id, caseNumber: original.case_number, appeal: await toAppealView(services, from) } : null,
    canAppeal: row.status === 'letter_issued' && !alreadyRemanded(rows),
    groundsCatalogue: [...APPEAL_GROUNDS_CATALOGUE],
  };
}

/**
 * Records a petition appealing the case's issued determination (its latest letter version). A late
 * filing is recorded with a warning; a date before the letter, in the future or impossible is
 * refused (IMR_ERR_INVALID_DATE); a case without an issued determination, or whose determination
 * the board already remanded, is refused (IMR_ERR_INVALID_TRANSITION).
 */
export async function recordAppeal(services: Services, actor: User, caseId: string, input: AppealInput): Promise<RecordedAppeal> {
  const now = services.now();
  const today = services.today();
  const grounds = checkGrounds(input.grounds);
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const letter = await stores.cases.letter(caseId);
    if (row.status !== 'letter_issued' || !letter) {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Only an issued determination can be appealed; this case is "${row.status}". Record the appeal once its letter is issued.`, { subject: caseId });
    }
    const earlier = alreadyRemanded(await stores.appeals.ofCase(caseId));
    if (earlier) throw new ImrError('IMR_ERR_INVALID_TRANSITION', 'The WCAB already remanded this determination; appeal the determination of the new review instead.', { subject: caseId });
    // The appeal period runs from service of the determination first issued (a correction is the same determination).
    const first = (await stores.cases.letterSummaries(caseId))[0] ?? letter;
    const filing = checkFiling({ filedOn: input.filedOn, issuedOn: first.issued_on, today });
    const record: AppealRow = {
      id: randomUUID(),
      case_id: row.id,
      letter_id: letter.id,
      letter_version: letter.version,
      grounds: JSON.stringify(grounds),
      facts: input.facts,
      filed_on: input.filedOn,
      due_on: filing.dueOn,
      late: filing.late ? 1 : 0,
      wcab_case_number: input.wcabCaseNumber ?? null,
      recorded_by: actor.id,
      recorded_at: now.toISOString(),
      outcome: null,
      outcome_on: null,
      outcome_by: null,
      outcome_at: null,
      remand_case_id: null,
    };
    await stores.appeals.insert(record);
    await stores.audit.record(actor, 'case.appeal_filed', row.id, { appealId: record.id, letterVersion: letter.version, grounds, late: filing.late, facts: { appealId: record.id, field: 'facts' } }, now);
    return { appeal: await toAppealView(stores, record), warnings: filing.warning ? [filing.warning] : [] };
  });
}

/** The new case of a remand: the application, items, parties and records of the original; no decisions. */
async function openRemandCase(stores: Stores, actor: User, original: CaseRow, at: { now: Date; today: string; orderedOn: string }): Promise<CaseRow> {
  const stamp = at.now.toISOString();
  const app = JSON.parse(original.application) as ImrApplication;
  const row: CaseRow = {
    ...original,
    id: randomUUID(),
    case_number: await newCaseNumber(stores, at.today),
    status: 'eligibility',
    received_on: at.orderedOn,
    reviewer_id: null,
    eligible_on: at.today,
    assigned_on: null,
    records_received_on: null,
    decided_on: null,
    deadlines: null,
    close_reason: null,
    version: 1,
    created_by: actor.id,
    created_at: stamp,
    updated_at: stamp,
  };
  row.deadlines = JSON.stringify(deadlinesFor(app, row));
  const items = (await stores.cases.items(original.id)).map((i) => ({
    ...i,
    id: randomUUID(),
    case_id: row.id,
    draft: null,
    previous_draft: null,
    decision: null,
    citation: null,
    rationale: null,
    version: 1,
    updated_at: stamp,
    updated_by: actor.id,
  }));
  await stores.cases.insertCase(row, items, await stores.cases.partyUserIds(original.id));
  const [screening] = await stores.cases.eligibilityHistory(original.id, 1);
  await stores.cases.insertEligibility({ case_id: row.id, outcome: 'eligible', reasons: screening?.reasons ?? '[]', checked_on: at.today, checked_by: actor.id, created_at: stamp, override_reason: null, overrides_id: null });
  for (const d of await stores.cases.documentSummaries(original.id)) {
    if (d.withdrawn_at) continue;
    await stores.cases.insertDocument({ ...(await stores.cases.document(original.id, d.id)), id: randomUUID(), case_id: row.id });
  }
  return row;
}

/**
 * Records the board's outcome of an appeal. "remanded" opens the new review: a new case linked to
 * this one (through the appeal), then assigned to a reviewer who never had the remanded case; when
 * none is available the case waits, found eligible, and the answer says why.
 */
export async function recordOutcome(services: Services, actor: User, caseId: string, appealId: string, input: OutcomeInput): Promise<RecordedOutcome> {
  const now = services.now();
  const today = services.today();
  const done = await services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const appeal = await stores.appeals.get(caseId, appealId);
    if (!appeal) throw new ImrError('IMR_ERR_NOT_FOUND', 'The case has no appeal with this id; list them with GET /api/cases/:id/appeals.', { subject: appealId });
    const outcome = checkOutcome({ outcome: appeal.outcome, filedOn: appeal.filed_on }, { outcome: input.outcome, decidedOn: input.decidedOn, today });
    if (outcome === 'remanded' && alreadyRemanded(await stores.appeals.ofCase(caseId))) {
      throw new ImrError('IMR_ERR_INVALID_TRANSITION', 'The WCAB already remanded this determination on another appeal; its new review is under way.', { subject: caseId });
    }
    const remand = outcome === 'remanded' ? await openRemandCase(stores, actor, row, { now, today, orderedOn: input.decidedOn }) : null;
    const patch = { outcome, outcome_on: input.decidedOn, outcome_by: actor.id, outcome_at: now.toISOString(), remand_case_id: remand?.id ?? null };
    if (!(await stores.appeals.setOutcome(appeal.id, patch))) throw new ImrError('IMR_ERR_CONFLICT', "Someone recorded the board's outcome meanwhile; reload the appeals.", { subject: appealId });
    await stores.audit.record(actor, 'case.appeal_outcome', row.id, { appealId: appeal.id, outcome, ...(remand ? { remandCaseId: remand.id } : {}) }, now);
    if (remand) await stores.audit.record(actor, 'case.remand_opened', remand.id, { fromCaseId: row.id, appealId: appeal.id, status: 'eligibility' }, now);
    return { appeal: { ...appeal, ...patch }, remand };
  });
  const warnings: string[] = [];
  let reviewerAssigned = false;
  if (done.remand) {
    try {
      await assignReviewer(services, actor, done.remand.id);
      reviewerAssigned = true;
    } catch (e) {
      if (!(e instanceof ImrError)) throw e;
      warnings.push(`The new review was opened but not assigned: ${e.message} Assign it from its case screen once a reviewer is available.`);
    }
  }
  const fresh = done.remand ? await services.cases.getOrThrow(done.remand.id) : null;
  return {
    appeal: await toAppealView(services, done.appeal),
    warnings,
    remandCase: fresh ? { id: fresh.id, caseNumber: fresh.case_number, status: fresh.status, reviewerAssigned } : null,
  };
}
