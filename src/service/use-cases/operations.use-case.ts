import { ImrError } from '../../errors/imr-error.js';
import type { Letter } from '../../letters/model.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { caseClocks, monthlyClockAverages, overturnRates, type CaseClocks, type DecisionFact, type MonthlyClockRow, type OverturnRow } from '../domain/clocks.js';
import { addCalendarDays } from '../domain/calendar.js';
import { isExpedited, isFormularyDispute, type ImrApplication } from '../domain/application.js';
import { CASE_STATUSES, isOpenStatus, type CaseStatus } from '../domain/state-machine.js';
import { toCsv } from '../domain/spreadsheet-csv.js';
import { OperationsStore } from '../store/operations.store.js';
import { serviceDb, type CaseRow } from '../store/tables.js';
import type { User } from '../store/users.store.js';
import { toSummary, type DeadlineView } from './case-view.js';
import type { Services } from './services.js';

/**
 * The operation as a whole (issue 15 item 4): open cases by stage with days to their next deadline,
 * late cases, both DWC clocks per case and averaged by month of determination, and the overturn
 * rate by category and by reviewer specialty from the issued letters. Staff only (admin, intake);
 * case numbers, never names. Each read is audited.
 */

const OPEN_STAGES = CASE_STATUSES.filter(isOpenStatus);

export interface OpenCaseRow {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  priority: 'Standard' | 'Expedited';
  receivedOn: IsoDate;
  assignedOn: IsoDate | null;
  recordsReceivedOn: IsoDate | null;
  clocks: CaseClocks;
  /** The soonest deadline still running at this stage. */
  nextDeadline: Pick<DeadlineView, 'kind' | 'dueDate' | 'provisional' | 'regulation'> & { daysLeft: number; late: boolean } | null;
  /** A running deadline is past due. */
  late: boolean;
}

interface StageRow {
  stage: CaseStatus;
  cases: number;
  late: number;
  /** Fewest days to a running deadline among the stage's cases (negative: overdue). */
  soonestDaysLeft: number | null;
}

export interface OperationsSummary {
  today: IsoDate;
  /** The months of determination the averages and overturn rates cover (YYYY-MM). */
  fromMonth: string;
  toMonth: string;
  stages: StageRow[];
  openCases: OpenCaseRow[];
  lateCases: OpenCaseRow[];
  monthly: MonthlyClockRow[];
  byCategory: OverturnRow[];
  bySpecialty: OverturnRow[];
}

export const OPERATIONS_TABLES = ['stages', 'open', 'late', 'monthly', 'categories', 'specialties'] as const;
export type OperationsTable = (typeof OPERATIONS_TABLES)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function lastDayOf(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addCalendarDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
}

/** The window: `to` defaults to this month, `from` to eleven months before it (a year of months). */
export function monthWindow(today: IsoDate, from?: string, to?: string): { fromMonth: string; toMonth: string } {
  for (const [k, v] of [['from', from], ['to', to]] as const) {
    if (v !== undefined && !MONTH.test(v)) throw new ImrError('IMR_ERR_VALIDATION', `The ${k} month must be YYYY-MM.`, { details: [{ path: `querystring.${k}`, message: 'must be YYYY-MM' }] });
  }
  const toMonth = to ?? today.slice(0, 7);
  const [y, m] = toMonth.split('-').map(Number) as [number, number];
  const back = y * 12 + (m - 1) - 11;
  const fromMonth = from ?? `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`;
  if (fromMonth > toMonth) throw new ImrError('IMR_ERR_VALIDATION', 'The from month is after the to month; swap them.', { details: [{ path: 'querystring.from', message: 'after to' }] });
  return { fromMonth, toMonth };
}

function clocksOf(row: CaseRow, app: ImrApplication, today: IsoDate): CaseClocks {
  return caseClocks({ expedited: isExpedited(app), formularyDispute: isFormularyDispute(app), assignedOn: row.assigned_on, noticeMethod: 'electronic', recordsReceivedOn: row.records_received_on, decidedOn: row.decided_on }, today);
}

function openRow(row: CaseRow, today: IsoDate): OpenCaseRow {
  const app = JSON.parse(row.application) as ImrApplication;
  const s = toSummary(row, today);
  const d = s.nextDeadline;
  return {
    id: row.id, caseNumber: row.case_number, status: s.status, priority: s.priority, receivedOn: row.received_on, assignedOn: row.assigned_on, recordsReceivedOn: row.records_received_on,
    clocks: clocksOf(row, app, today),
    nextDeadline: d ? { kind: d.kind, dueDate: d.dueDate, provisional: d.provisional, regulation: d.regulation, daysLeft: d.status.daysLeft, late: d.status.late } : null,
    late: s.late,
  };
}

/** The summary as of today for the months `from`–`to`, pure over the rows read. */
function summarise(open: CaseRow[], decided: CaseRow[], letters: Map<string, string>, today: IsoDate, window: { fromMonth: string; toMonth: string }): OperationsSummary {
  const openCases = open.map((r) => openRow(r, today));
  const stages = OPEN_STAGES.map((stage) => {
    const rs = openCases.filter((c) => c.status === stage);
    const left = rs.map((c) => c.nextDeadline?.daysLeft).filter((x): x is number => x !== undefined);
    return { stage, cases: rs.length, late: rs.filter((c) => c.late).length, soonestDaysLeft: left.length ? Math.min(...left) : null };
  });
  const monthly = monthlyClockAverages(
    decided.map((r) => {
      const c = clocksOf(r, JSON.parse(r.application) as ImrApplication, today);
      return { decidedOn: r.decided_on as IsoDate, fromAssignmentDays: c.fromAssignment?.days ?? null, fromRecordsDays: c.fromRecords?.days ?? null, late: c.limit?.late ?? false };
    }),
  );
  const byCategory: DecisionFact[] = [];
  const bySpecialty: DecisionFact[] = [];
  for (const r of decided) {
    const text = letters.get(r.id);
    if (!text) continue;
    const letter = JSON.parse(text) as Letter;
    const app = JSON.parse(r.application) as ImrApplication;
    letter.items.forEach((item, k) => {
      // The letter lists the items in the case's order: the application's category for each.
      byCategory.push({ key: app.disputedItems[k]?.category ?? 'unspecified', decision: item.decision });
      bySpecialty.push({ key: letter.reviewer.specialty ?? 'not stated', decision: item.decision });
    });
  }
  const byUrgency = (a: OpenCaseRow, b: OpenCaseRow) => (a.nextDeadline?.dueDate ?? '9999').localeCompare(b.nextDeadline?.dueDate ?? '9999') || a.caseNumber.localeCompare(b.caseNumber);
  return {
    today, ...window, stages, openCases: [...openCases].sort(byUrgency), lateCases: openCases.filter((c) => c.late).sort(byUrgency), monthly,
    byCategory: overturnRates(byCategory), bySpecialty: overturnRates(bySpecialty),
  };
}

/** Reads and summarises the operation; records the read (which table, which months) in the audit log. */
export async function operationsSummary(services: Services, actor: User, opts: { from?: string; to?: string; table?: OperationsTable } = {}): Promise<OperationsSummary> {
  const today = services.today();
  const window = monthWindow(today, opts.from, opts.to);
  const store = new OperationsStore(serviceDb(services.database.db));
  const open = await store.casesIn(OPEN_STAGES);
  const decided = await store.decidedBetween(`${window.fromMonth}-01`, lastDayOf(window.toMonth));
  const letters = await store.latestLetters(decided.filter((r) => r.status === 'letter_issued').map((r) => r.id));
  const summary = summarise(open, decided, letters, today, window);
  await services.audit.record(actor, 'operations.read', null, { ...window, table: opts.table ?? null, openCases: open.length, determinations: decided.length }, services.now());
  return summary;
}

const days = (n: number | null | undefined) => (n === null || n === undefined ? null : n);

function caseCsvRows(rows: OpenCaseRow[]): Array<Array<string | number | null>> {
  return rows.map((c) => [
    c.caseNumber, c.status, c.priority, c.assignedOn, days(c.clocks.fromAssignment?.days), c.recordsReceivedOn, days(c.clocks.fromRecords?.days),
    c.clocks.limit?.dueDate ?? null, c.clocks.limit ? (c.clocks.limit.provisional ? 'yes' : 'no') : null, c.nextDeadline?.kind ?? null, c.nextDeadline?.dueDate ?? null, days(c.nextDeadline?.daysLeft), c.late ? 'yes' : 'no',
  ]);
}
const CASE_HEADER = ['case_number', 'status', 'priority', 'assigned_on', 'days_from_assignment', 'records_received_on', 'days_from_records', 'determination_due', 'due_provisional', 'next_deadline', 'next_due', 'days_to_next_deadline', 'late'];
const RATE_HEADER = (k: string) => [k, 'decisions', 'upheld', 'overturned', 'overturn_rate'];

/** One table of the summary as CSV. */
export function operationsCsv(s: OperationsSummary, table: OperationsTable): string {
  switch (table) {
    case 'stages':
      return toCsv(['stage', 'open_cases', 'late', 'soonest_days_to_deadline'], s.stages.map((r) => [r.stage, r.cases, r.late, r.soonestDaysLeft]));
    case 'open':
      return toCsv(CASE_HEADER, caseCsvRows(s.openCases));
    case 'late':
      return toCsv(CASE_HEADER, caseCsvRows(s.lateCases));
    case 'monthly':
      return toCsv(
        ['month_of_determination', 'determinations', 'avg_days_from_assignment', 'with_assignment_clock', 'avg_days_from_complete_records', 'with_records_clock', 'late'],
        s.monthly.map((r) => [r.month, r.determinations, r.avgDaysFromAssignment, r.withAssignmentClock, r.avgDaysFromRecords, r.withRecordsClock, r.late]),
      );
    case 'categories':
      return toCsv(RATE_HEADER('category'), s.byCategory.map((r) => [r.key, r.decisions, r.upheld, r.overturned, r.overturnRate]));
    case 'specialties':
      return toCsv(RATE_HEADER('reviewer_specialty'), s.bySpecialty.map((r) => [r.key, r.decisions, r.upheld, r.overturned, r.overturnRate]));
  }
}
