import { describe, expect, it } from 'vitest';
import { assignmentHistory } from './assignment-history.js';

describe('assignment history from the audit log', () => {
  const assigns = [
    { id: 'a1', at: '2025-01-02T10:00:00Z', caseId: 'c1', detail: { reviewerId: 'r1' } },
    { id: 'a2', at: '2025-01-03T10:00:00Z', caseId: 'c2', detail: { reviewerId: 'r2' } },
    { id: 'a3', at: '2025-01-04T10:00:00Z', caseId: 'c3', detail: { reviewerId: 'r1' } },
  ];
  const recusals = [{ id: 'x1', at: '2025-01-05T09:00:00Z', caseId: 'c3', detail: { reviewerId: { from: 'r1', to: 'r2' }, reason: 'Knows the employer' } }];
  const current = [
    { id: 'c1', caseNumber: 'CM25-0000001', status: 'in_review' },
    { id: 'c3', caseNumber: 'CM25-0000003', status: 'assigned' },
  ];

  it('lists the reviewer’s assignments, newest first, and ends a recused one with its reason', () => {
    const h = assignmentHistory('r1', assigns, recusals, current);
    expect(h.map((a) => [a.caseNumber, a.status ?? null, a.endReason])).toEqual([
      ['CM25-0000003', null, 'Recused: Knows the employer'],
      ['CM25-0000001', 'in_review', null],
    ]);
    expect(h[0]!.endedAt).toBe('2025-01-05T09:00:00Z');
  });

  it('counts a case taken over after another reviewer’s recusal', () => {
    const h = assignmentHistory('r2', assigns, recusals, [{ id: 'c3', caseNumber: 'CM25-0000003', status: 'assigned' }]);
    expect(h.map((a) => [a.caseId, a.assignedOn, a.endedAt])).toEqual([
      ['c3', '2025-01-05', null],
      ['c2', '2025-01-03', null],
    ]);
  });
});
