import type { Citation } from '../../letters/model.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { ImrApplication } from '../domain/application.js';
import { caseFactsFromApplication, computeDeadlines, deadlineStatus, type Deadline, type DeadlineStatus } from '../domain/deadline-rules.js';
import type { EligibilityReason } from '../domain/eligibility.js';
import { allowedTransitions, type CaseStatus } from '../domain/state-machine.js';
import type { LetterSummaryRow } from '../store/cases.store.js';
import { parseJson, type AssignmentRow, type CaseItemRow, type CaseRow, type EligibilityRow } from '../store/tables.js';
import { storedDraft, type StoredItemDraft } from './draft-engine.js';
import { draftChange, type DraftChange } from './draft-changes.js';
import type { DocumentSummary } from './documents.use-case.js';
import { documentOcrView } from './document-ocr.use-case.js';
import type { CaseDocumentRow } from '../store/tables.js';
import { caseRecords, documentsReviewedList, type CaseRecord } from './case-records.js';

type DocumentRowSummary = Omit<CaseDocumentRow, 'text' | 'content_base64'>;

export interface DeadlineView extends Deadline {
  status: DeadlineStatus;
  /** The date the act happened, when it has. */
  completedOn: IsoDate | null;
}

export interface ItemView {
  id: string;
  position: number;
  request: string;
  urOutcome: string;
  category: string | null;
  claimsAdministratorGuideline: Citation | null;
  draft: StoredItemDraft | null;
  /** What the latest background redraft changed in the draft (null when none did, or nothing a reviewer reads). */
  draftChange: DraftChange | null;
  decision: 'Upheld' | 'Overturned' | null;
  citation: Citation | null;
  rationale: string | null;
  version: number;
  updatedAt: string;
}

export interface EligibilityView {
  id: string;
  outcome: 'eligible' | 'ineligible' | 'deferred';
  reasons: EligibilityReason[];
  checkedOn: IsoDate;
  createdAt: string;
  /** Intake's reason for finding an ineligible case eligible for good cause (null: screened as is). */
  overrideReason: string | null;
  /** The ineligible record the override replaced. */
  overridesId: string | null;
}

export interface AssignmentView {
  id: string;
  reviewerId: string;
  assignedOn: IsoDate;
  endedAt: string | null;
  endReason: string | null;
  screening: unknown;
  /** Intake's reason for choosing this reviewer over the automatic choice (null: chosen automatically). */
  overrideReason: string | null;
}

export interface LetterSummary {
  id: string;
  version: number;
  supersedesId: string | null;
  correctionReason: string | null;
  sha256: string;
  textSha256: string;
  htmlSha256: string;
  /** SHA-256 of the structured letter; null when issued before it was recorded (its structured data is unverified). */
  letterSha256: string | null;
  issuedOn: IsoDate;
  issuedAt: string;
}

export interface CaseSummary {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  priority: 'Standard' | 'Expedited';
  receivedOn: IsoDate;
  reviewerId: string | null;
  itemCount: number;
  /** The soonest deadline still running for the case's status (null when none runs, e.g. a closed case). */
  nextDeadline: DeadlineView | null;
  /** A deadline still running for the case's status is past due. A closed case is never late. */
  late: boolean;
  version: number;
  updatedAt: string;
  /** The disputed items' request texts (list entries for staff and reviewers; never for parties). */
  requests?: string[];
  /** The injured worker's name (list entries for staff and reviewers; never for parties). */
  workerName?: string;
  /**
   * How many items have an engine draft that needs the reviewer's judgement and no saved decision
   * yet (list entries for staff and reviewers, and the case view).
   */
  itemsAwaitingJudgement?: number;
}

export interface CaseView extends CaseSummary {
  application: ImrApplication;
  workerSex: 'male' | 'female' | null;
  eligibleOn: IsoDate | null;
  assignedOn: IsoDate | null;
  recordsReceivedOn: IsoDate | null;
  decidedOn: IsoDate | null;
  /** Why the case was withdrawn or terminated, when it was. */
  closeReason: string | null;
  clinicalSummary: string;
  /** When the reader last opened the case before this read (null on a first look, or a read that is not the user's own). */
  lastSeenAt?: string | null;
  documentsReviewed: string[];
  deadlines: DeadlineView[];
  allowedTransitions: CaseStatus[];
  items: ItemView[];
  eligibility: EligibilityView | null;
  assignments: AssignmentView[];
  letters: LetterSummary[];
  documents: DocumentSummary[];
  /** Each record once: uploads (withdrawn ones marked) and records listed at intake; `documentsReviewed` lists those in evidence. */
  records: CaseRecord[];
  partyUserIds: string[];
  createdAt: string;
}

/** Deadlines from the application and the case's progress so far (stored with the case). */
export function deadlinesFor(app: ImrApplication, row: Pick<CaseRow, 'eligible_on' | 'assigned_on' | 'records_received_on' | 'decided_on'>, letterIssuedOn: IsoDate | null = null): Deadline[] {
  return computeDeadlines(
    caseFactsFromApplication(app, {
      eligibleDate: row.eligible_on,
      noticeDate: row.assigned_on,
      noticeMethod: row.assigned_on ? 'electronic' : null,
      recordsReceivedDate: row.records_received_on,
      letterServedDate: letterIssuedOn,
      // The determination goes to the parties by mail (the mailed letter), so the appeal window has its
      // 5 mail days, as the appeal a party files is checked against (domain/appeal.ts).
      letterServiceMethod: letterIssuedOn ? 'mail' : null,
    }),
  );
}

function completedOn(kind: Deadline['kind'], row: CaseRow, app: ImrApplication): IsoDate | null {
  switch (kind) {
    case 'application_filing':
      return app.applicationReceivedDate;
    case 'notice_of_assignment':
      return row.assigned_on;
    case 'records_due':
      return row.records_received_on;
    case 'determination_due':
      return row.decided_on;
    default:
      return null;
  }
}

const CLOSED_WITHOUT_DECISION = new Set(['ineligible', 'withdrawn', 'terminated']);

/**
 * The statuses in which each of the IMRO's deadlines runs: a deadline stops running once the act it
 * times has happened (notice sent on assignment, records received, decision made) or the case closed.
 * The filing deadline is the worker's and the appeal window the parties': neither is the IMRO's duty.
 */
const RUNNING_IN: Readonly<Partial<Record<Deadline['kind'], readonly CaseStatus[]>>> = {
  eligibility_information: ['received', 'eligibility'],
  notice_of_assignment: ['received', 'eligibility'],
  records_due: ['assigned'],
  determination_due: ['assigned', 'records_received', 'in_review'],
};

/** Whether a deadline of this kind is still running for a case in this status (and not yet met). */
function isDeadlineRunning(status: CaseStatus, d: Pick<DeadlineView, 'kind' | 'completedOn'>): boolean {
  return !d.completedOn && (RUNNING_IN[d.kind] ?? []).includes(status);
}

function deadlineViews(row: CaseRow, app: ImrApplication, today: IsoDate): DeadlineView[] {
  const stored = parseJson<Deadline[]>(row.deadlines, []);
  return stored.map((d) => {
    const done = completedOn(d.kind, row, app);
    // A case closed without a decision has no pending duties: nothing of it is late any more.
    const status = deadlineStatus(d, today, done);
    const closed = !done && CLOSED_WITHOUT_DECISION.has(row.status);
    return { ...d, completedOn: done, status: closed ? { ...status, late: false } : status };
  });
}

export function toSummary(row: CaseRow, today: IsoDate): CaseSummary {
  const app = JSON.parse(row.application) as ImrApplication;
  return summaryOf(row, app, deadlineViews(row, app, today));
}

/**
 * The summary from the case's application and deadline views, already parsed and computed: the case
 * view and the list need them too, and parsing the application and working out the deadlines twice
 * was a good part of a case read's CPU.
 */
function summaryOf(row: CaseRow, app: ImrApplication, deadlines: DeadlineView[]): CaseSummary {
  const status = row.status as CaseStatus;
  const running = deadlines.filter((d) => isDeadlineRunning(status, d));
  running.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status as CaseStatus,
    priority: row.priority as 'Standard' | 'Expedited',
    receivedOn: row.received_on,
    reviewerId: row.reviewer_id,
    itemCount: app.disputedItems.length,
    nextDeadline: running[0] ?? null,
    late: running.some((d) => d.status.late),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** A list entry: the summary plus, for staff and reviewers, the worker's name and the requests. */
export function toListEntry(row: CaseRow, today: IsoDate, withCaseDetails: boolean): CaseSummary {
  const app = JSON.parse(row.application) as ImrApplication;
  const summary = summaryOf(row, app, deadlineViews(row, app, today));
  if (!withCaseDetails) return summary;
  return { ...summary, workerName: app.injuredWorker.name, requests: app.disputedItems.map((i) => i.request) };
}

/**
 * The name the engine reads a document under, which its evidence quotes as their source
 * ("medical record: pr2.txt"): the kind, then the file name.
 */
export function documentEvidenceSource(kind: string, name: string): string {
  return `${kind.replace(/_/g, ' ')}: ${name}`;
}

/** A stored document as the case view and the upload answer show it (no text, no bytes). */
export function toDocumentSummary(d: DocumentRowSummary): DocumentSummary {
  return {
    id: d.id, kind: d.kind, name: d.name, evidenceSource: documentEvidenceSource(d.kind, d.name), mediaType: d.media_type, bytes: d.bytes, sha256: d.sha256, uploadedAt: d.uploaded_at,
    serviceDate: d.service_date ?? null, author: d.author ?? null, withdrawnAt: d.withdrawn_at ?? null, withdrawalReason: d.withdrawal_reason ?? null,
    pageCount: d.page_count ?? null, ocr: documentOcrView(d),
  };
}

/** Items whose draft needs the reviewer's judgement and that the reviewer has not decided yet. */
function awaitingJudgementCount(items: Array<Pick<ItemView, 'draft' | 'decision'>>): number {
  return items.filter((i) => i.decision === null && i.draft?.needsReviewer === true).length;
}

/** Whether a list entry matches a free-text search: case number, worker name or any request text. */
export function matchesSearch(entry: Pick<CaseSummary, 'caseNumber' | 'workerName' | 'requests'>, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = [entry.caseNumber, entry.workerName ?? '', ...(entry.requests ?? [])].join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function toItemView(r: CaseItemRow, app: ImrApplication): ItemView {
  const draft = storedDraft(parseJson<unknown>(r.draft, null));
  return {
    id: r.id,
    position: r.position,
    request: r.request,
    urOutcome: r.ur_decision,
    category: app.disputedItems[r.position]?.category ?? null,
    claimsAdministratorGuideline: parseJson<Citation | null>(r.ur_guideline, null),
    draft,
    draftChange: r.previous_draft ? draftChange(storedDraft(parseJson<unknown>(r.previous_draft, null)), draft) : null,
    decision: (r.decision as ItemView['decision']) ?? null,
    citation: parseJson<Citation | null>(r.citation, null),
    rationale: r.rationale,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export function toEligibilityView(r: EligibilityRow): EligibilityView {
  return { id: r.id, outcome: r.outcome as EligibilityView['outcome'], reasons: JSON.parse(r.reasons) as EligibilityReason[], checkedOn: r.checked_on, createdAt: r.created_at, overrideReason: r.override_reason ?? null, overridesId: r.overrides_id ?? null };
}

export function toAssignmentView(r: AssignmentRow): AssignmentView {
  return { id: r.id, reviewerId: r.reviewer_id, assignedOn: r.assigned_on, endedAt: r.ended_at, endReason: r.end_reason, screening: JSON.parse(r.screening) as unknown, overrideReason: r.override_reason ?? null };
}

export function toLetterSummary(r: LetterSummaryRow): LetterSummary {
  return { id: r.id, version: r.version, supersedesId: r.supersedes_id, correctionReason: r.correction_reason, sha256: r.sha256, textSha256: r.text_sha256, htmlSha256: r.html_sha256, letterSha256: r.letter_sha256 ?? null, issuedOn: r.issued_on, issuedAt: r.issued_at };
}

export function toCaseView(
  row: CaseRow,
  parts: { items: CaseItemRow[]; eligibility: EligibilityRow | undefined; assignments: AssignmentRow[]; letters: LetterSummaryRow[]; partyUserIds: string[]; documents?: DocumentRowSummary[] },
  today: IsoDate,
): CaseView {
  const app = JSON.parse(row.application) as ImrApplication;
  const items = parts.items.map((i) => toItemView(i, app));
  const records = caseRecords(parseJson<string[]>(row.documents_reviewed, []), parts.documents ?? []);
  const deadlines = deadlineViews(row, app, today);
  return {
    ...summaryOf(row, app, deadlines),
    itemsAwaitingJudgement: awaitingJudgementCount(items),
    application: app,
    workerSex: (row.worker_sex as 'male' | 'female' | null) ?? null,
    eligibleOn: row.eligible_on,
    assignedOn: row.assigned_on,
    recordsReceivedOn: row.records_received_on,
    decidedOn: row.decided_on,
    closeReason: row.close_reason ?? null,
    clinicalSummary: row.clinical_summary,
    documentsReviewed: documentsReviewedList(records),
    deadlines,
    allowedTransitions: allowedTransitions(row.status as CaseStatus),
    items,
    eligibility: parts.eligibility ? toEligibilityView(parts.eligibility) : null,
    assignments: parts.assignments.map(toAssignmentView),
    letters: parts.letters.map(toLetterSummary),
    documents: (parts.documents ?? []).map(toDocumentSummary),
    records,
    partyUserIds: parts.partyUserIds,
    createdAt: row.created_at,
  };
}
