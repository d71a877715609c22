import { describe, expect, it } from 'vitest';
import { isLate, runningDeadlines } from './deadlines.js';
import { daysLeftText } from './format.js';

const deadlines = [
  { kind: 'application_filing', dueDate: '2025-03-01' },
  { kind: 'notice_of_assignment', dueDate: '2025-03-04' },
  { kind: 'records_due', dueDate: '2025-03-19' },
  { kind: 'determination_due', dueDate: '2025-04-18', provisional: true },
];

describe('running deadlines', () => {
  it('counts only the deadlines still running for the status, soonest first', () => {
    const r = runningDeadlines('assigned', deadlines, '2025-03-10');
    expect(r.map((d) => [d.deadline.kind, d.daysLeft])).toEqual([
      ['records_due', 9],
      ['determination_due', 39],
    ]);
  });

  it('marks a case late when a running deadline has passed, not when a finished one has', () => {
    expect(isLate('assigned', deadlines, '2025-03-20')).toBe(true);
    expect(isLate('in_review', deadlines, '2025-03-20')).toBe(false); // records arrived; determination still ahead
    expect(isLate('letter_issued', deadlines, '2025-12-01')).toBe(false);
  });

  it('words the days left', () => {
    expect(daysLeftText('2025-03-10', '2025-03-10').text).toBe('due today');
    expect(daysLeftText('2025-03-10', '2025-03-11').text).toBe('1 day left');
    expect(daysLeftText('2025-03-10', '2025-03-08')).toEqual({ text: '2 days late', late: true, soon: false });
  });
});
