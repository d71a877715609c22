import { describe, expect, it } from 'vitest';
import { caseClocks, monthlyClockAverages, overturnRates, type ClockFacts } from './clocks.js';
import { toCsv } from './spreadsheet-csv.js';

const standard: ClockFacts = { expedited: false, formularyDispute: false, assignedOn: '2024-03-01', recordsReceivedOn: '2024-03-05', decidedOn: '2024-03-20' };

describe('both clocks of a case', () => {
  it('counts calendar days from the notice of assignment and from complete records to the determination', () => {
    const c = caseClocks(standard, '2024-06-01');
    expect(c.fromAssignment).toEqual({ from: '2024-03-01', to: '2024-03-20', days: 19, running: false });
    expect(c.fromRecords).toEqual({ from: '2024-03-05', to: '2024-03-20', days: 15, running: false });
    // 30 calendar days from the records (LC 4610.6(d)(1)(B)).
    expect(c.limit).toMatchObject({ days: 30, basis: 'calendar', dueDate: '2024-04-04', provisional: false, daysLeft: null, late: false, regulation: 'LC 4610.6(d)(1)(B)' });
  });

  it('marks a determination made after the 30th day from the records as late', () => {
    const c = caseClocks({ ...standard, decidedOn: '2024-04-05' }, '2024-06-01');
    expect(c.fromRecords?.days).toBe(31);
    expect(c.limit?.late).toBe(true);
    expect(caseClocks({ ...standard, decidedOn: '2024-04-04' }, '2024-06-01').limit?.late).toBe(false);
  });

  it('counts an open case to today, and from the records due date while they have not arrived', () => {
    const c = caseClocks({ ...standard, recordsReceivedOn: null, decidedOn: null }, '2024-03-10');
    expect(c.fromAssignment).toEqual({ from: '2024-03-01', to: '2024-03-10', days: 9, running: true });
    expect(c.fromRecords).toBeNull();
    // Records due 12 days after an electronic notice (03-13), then 30 days: 04-12, provisional.
    expect(c.limit).toMatchObject({ dueDate: '2024-04-12', provisional: true, daysLeft: 33, late: false });
    const open = caseClocks({ ...standard, decidedOn: null }, '2024-04-06');
    expect(open.fromRecords).toEqual({ from: '2024-03-05', to: '2024-04-06', days: 32, running: true });
    expect(open.limit).toMatchObject({ dueDate: '2024-04-04', daysLeft: -2, late: true });
  });

  it('gives an expedited case 3 days from the records', () => {
    const e = { ...standard, expedited: true, decidedOn: null };
    expect(caseClocks(e, '2024-03-07').limit).toMatchObject({ days: 3, dueDate: '2024-03-08', daysLeft: 1, late: false, ruleId: 'determination-3-days-expedited' });
    const decided = caseClocks({ ...e, decidedOn: '2024-03-09' }, '2024-06-01');
    expect(decided.fromRecords?.days).toBe(4);
    expect(decided.limit?.late).toBe(true);
    // Without records the expedited records rule (1 day) starts the count: 03-02 + 3 = 03-05.
    expect(caseClocks({ ...e, recordsReceivedOn: null }, '2024-03-01').limit).toMatchObject({ dueDate: '2024-03-05', provisional: true });
  });

  it('gives a drug-formulary dispute 5 working days, skipping the weekend and Cesar Chavez Day', () => {
    // Friday 2024-03-29; Mar 31 falls on a Sunday and is observed Monday 04-01.
    const f = { ...standard, formularyDispute: true, recordsReceivedOn: '2024-03-29', decidedOn: '2024-04-08' };
    const c = caseClocks(f, '2024-06-01');
    expect(c.limit).toMatchObject({ days: 5, basis: 'business', dueDate: '2024-04-08', late: false });
    expect(c.fromRecords?.days).toBe(10);
  });

  it('has no clock and no limit before assignment', () => {
    expect(caseClocks({ ...standard, assignedOn: null, recordsReceivedOn: null, decidedOn: null }, '2024-03-10')).toEqual({ fromAssignment: null, fromRecords: null, limit: null });
  });
});

describe('the DWC tables', () => {
  it('averages both clocks by month of determination, each over the determinations that have it', () => {
    const rows = monthlyClockAverages([
      { decidedOn: '2024-04-02', fromAssignmentDays: 20, fromRecordsDays: 10, late: false },
      { decidedOn: '2024-03-20', fromAssignmentDays: 19, fromRecordsDays: 15, late: false },
      { decidedOn: '2024-03-28', fromAssignmentDays: 40, fromRecordsDays: null, late: true },
    ]);
    expect(rows).toEqual([
      { month: '2024-03', determinations: 2, avgDaysFromAssignment: 29.5, withAssignmentClock: 2, avgDaysFromRecords: 15, withRecordsClock: 1, late: 1 },
      { month: '2024-04', determinations: 1, avgDaysFromAssignment: 20, withAssignmentClock: 1, avgDaysFromRecords: 10, withRecordsClock: 1, late: 0 },
    ]);
  });

  it('counts overturns per key, most decisions first', () => {
    expect(overturnRates([
      { key: 'opioid', decision: 'Upheld' },
      { key: 'psychological', decision: 'Overturned' },
      { key: 'opioid', decision: 'Overturned' },
      { key: 'opioid', decision: 'Upheld' },
    ])).toEqual([
      { key: 'opioid', decisions: 3, upheld: 2, overturned: 1, overturnRate: 0.333 },
      { key: 'psychological', decisions: 1, upheld: 0, overturned: 1, overturnRate: 1 },
    ]);
  });

  it('writes CSV with text that a spreadsheet would run as a formula escaped, and numbers as numbers', () => {
    expect(toCsv(['key', 'days'], [['=HYPERLINK("x")', -3], ['+1', 2], ['-cmd', null], ['@sum', 0], ['a,b', 1]])).toBe(
      'key,days\r\n"\'=HYPERLINK(""x"")",-3\r\n\'+1,2\r\n\'-cmd,\r\n\'@sum,0\r\n"a,b",1\r\n',
    );
  });
});
