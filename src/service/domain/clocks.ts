import type { IsoDate } from '../../shared/iso-date.js';
import { addBusinessDays, addCalendarDays, calendarDaysBetween } from './calendar.js';
import { DATE_RULES, type DateRule } from './deadline-rules.js';

/**
 * The two clocks DWC reports for every determination (../shared/research/imr-process.md §5, DWC's
 * "IMR Updates" definitions, confidence C):
 *   - "Age from Assigned Date": calendar days from the notice of assignment to the determination;
 *   - "Age from Complete Medical Records": calendar days from receipt of all necessary records to it.
 * An open case is counted to today. The statutory limit runs from the records (§2.9, LC 4610.6(d)):
 * 30 days, 5 working days for a drug-formulary dispute, about 3 days when expedited. Until the
 * records arrive the limit is counted from the day they are due (provisional), as computeDeadlines does.
 * The assignment clock has no limit of its own in the statute; DWC only reports it.
 */

export interface ClockFacts {
  expedited: boolean;
  formularyDispute: boolean;
  /** The notice of assignment (the case's first assignment; reassignment does not restart it). */
  assignedOn: IsoDate | null;
  /** How the notice went (the service sends it electronically). */
  noticeMethod?: 'mail' | 'electronic';
  recordsReceivedOn: IsoDate | null;
  /** The determination (the letter is issued the same day). */
  decidedOn: IsoDate | null;
}

interface Clock {
  from: IsoDate;
  /** The determination, or today while the case is open. */
  to: IsoDate;
  /** Calendar days from `from` to `to` (the start day not counted). */
  days: number;
  /** Still counting (no determination yet). */
  running: boolean;
}

interface DeterminationLimit {
  ruleId: string;
  days: number;
  basis: DateRule['basis'];
  regulation: string;
  confidence: DateRule['confidence'];
  /** The last day for the determination. */
  dueDate: IsoDate;
  /** Counted from the records' due date because they have not arrived. */
  provisional: boolean;
  /** Calendar days from today to the due date while open (negative: overdue); null once decided. */
  daysLeft: number | null;
  /** Decided after the due date, or open past it. */
  late: boolean;
}

export interface CaseClocks {
  fromAssignment: Clock | null;
  fromRecords: Clock | null;
  /** Null before assignment (no limit runs yet). */
  limit: DeterminationLimit | null;
}

/** The rule that times the determination (LC 4610.6(d)): expedited, formulary or standard. */
function determinationRule(f: Pick<ClockFacts, 'expedited' | 'formularyDispute'>): DateRule {
  return f.expedited ? DATE_RULES.DETERMINATION_EXPEDITED : f.formularyDispute ? DATE_RULES.DETERMINATION_FORMULARY : DATE_RULES.DETERMINATION_STANDARD;
}

function recordsRule(f: Pick<ClockFacts, 'expedited' | 'noticeMethod'>): DateRule {
  return f.expedited ? DATE_RULES.RECORDS_EXPEDITED : f.noticeMethod === 'mail' ? DATE_RULES.RECORDS_MAILED : DATE_RULES.RECORDS_ELECTRONIC;
}

function count(rule: DateRule, from: IsoDate): IsoDate {
  return rule.basis === 'business' ? addBusinessDays(from, rule.days) : addCalendarDays(from, rule.days);
}

function clock(from: IsoDate | null, decidedOn: IsoDate | null, today: IsoDate): Clock | null {
  if (!from) return null;
  const to = decidedOn ?? today;
  return { from, to, days: calendarDaysBetween(from, to), running: !decidedOn };
}

/** Both clocks of a case and where its determination stands against the limit, on `today`. */
export function caseClocks(f: ClockFacts, today: IsoDate): CaseClocks {
  const fromAssignment = clock(f.assignedOn, f.decidedOn, today);
  const fromRecords = clock(f.recordsReceivedOn, f.decidedOn, today);
  if (!f.assignedOn && !f.recordsReceivedOn) return { fromAssignment, fromRecords, limit: null };
  const rule = determinationRule(f);
  const start = f.recordsReceivedOn ?? count(recordsRule(f), f.assignedOn as IsoDate);
  const dueDate = count(rule, start);
  const limit: DeterminationLimit = {
    ruleId: rule.id,
    days: rule.days,
    basis: rule.basis,
    regulation: rule.regulation,
    confidence: rule.confidence,
    dueDate,
    provisional: !f.recordsReceivedOn,
    daysLeft: f.decidedOn ? null : calendarDaysBetween(today, dueDate),
    late: (f.decidedOn ?? today) > dueDate,
  };
  return { fromAssignment, fromRecords, limit };
}

export interface DecidedClocks {
  /** YYYY-MM of the determination. */
  decidedOn: IsoDate;
  fromAssignmentDays: number | null;
  fromRecordsDays: number | null;
  late: boolean;
}

export interface MonthlyClockRow {
  month: string;
  determinations: number;
  /** Mean days from assignment (one decimal), over the determinations that have the clock. */
  avgDaysFromAssignment: number | null;
  withAssignmentClock: number;
  avgDaysFromRecords: number | null;
  withRecordsClock: number;
  late: number;
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/** Averages of both clocks by month of determination, as DWC reports them (oldest month first). */
export function monthlyClockAverages(rows: DecidedClocks[]): MonthlyClockRow[] {
  const by = new Map<string, DecidedClocks[]>();
  for (const r of rows) {
    const m = r.decidedOn.slice(0, 7);
    by.set(m, [...(by.get(m) ?? []), r]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, rs]) => {
      const a = rs.map((r) => r.fromAssignmentDays).filter((x): x is number => x !== null);
      const c = rs.map((r) => r.fromRecordsDays).filter((x): x is number => x !== null);
      return { month, determinations: rs.length, avgDaysFromAssignment: mean(a), withAssignmentClock: a.length, avgDaysFromRecords: mean(c), withRecordsClock: c.length, late: rs.filter((r) => r.late).length };
    });
}

export interface DecisionFact {
  key: string;
  decision: 'Upheld' | 'Overturned';
}

export interface OverturnRow {
  key: string;
  decisions: number;
  upheld: number;
  overturned: number;
  /** overturned / decisions (0–1, three decimals). */
  overturnRate: number;
}

/** "Overturn" = the IMR did not uphold the UR denial (§5): counts and rate per key, most decisions first. */
export function overturnRates(facts: DecisionFact[]): OverturnRow[] {
  const by = new Map<string, { upheld: number; overturned: number }>();
  for (const f of facts) {
    const r = by.get(f.key) ?? { upheld: 0, overturned: 0 };
    if (f.decision === 'Overturned') r.overturned++;
    else r.upheld++;
    by.set(f.key, r);
  }
  return [...by.entries()]
    .map(([key, r]) => {
      const decisions = r.upheld + r.overturned;
      return { key, decisions, upheld: r.upheld, overturned: r.overturned, overturnRate: Math.round((r.overturned / decisions) * 1000) / 1000 };
    })
    .sort((a, b) => b.decisions - a.decisions || a.key.localeCompare(b.key));
}
