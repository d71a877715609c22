import { describe, expect, it } from 'vitest';
import { monthWindow, operationsCsv, type OperationsSummary } from './operations.use-case.js';

const empty: OperationsSummary = { today: '2024-04-10', fromMonth: '2023-05', toMonth: '2024-04', stages: [], openCases: [], lateCases: [], monthly: [], byCategory: [], bySpecialty: [] };

describe('the operations window and CSV', () => {
  it('covers a year of months ending this month unless told otherwise', () => {
    expect(monthWindow('2024-04-10')).toEqual({ fromMonth: '2023-05', toMonth: '2024-04' });
    expect(monthWindow('2024-12-31')).toEqual({ fromMonth: '2024-01', toMonth: '2024-12' });
    expect(monthWindow('2024-04-10', undefined, '2024-01')).toEqual({ fromMonth: '2023-02', toMonth: '2024-01' });
    expect(monthWindow('2024-04-10', '2024-03', '2024-03')).toEqual({ fromMonth: '2024-03', toMonth: '2024-03' });
    expect(() => monthWindow('2024-04-10', '2024-05', '2024-01')).toThrow(/after the to month/);
    expect(() => monthWindow('2024-04-10', '2024-5')).toThrow(/YYYY-MM/);
  });

  it('escapes a category or specialty a spreadsheet would run as a formula', () => {
    const s: OperationsSummary = {
      ...empty,
      byCategory: [{ key: '=HYPERLINK("http://x")', decisions: 2, upheld: 1, overturned: 1, overturnRate: 0.5 }],
      bySpecialty: [{ key: '@SUM(A1)', decisions: 1, upheld: 1, overturned: 0, overturnRate: 0 }],
    };
    expect(operationsCsv(s, 'categories')).toBe('category,decisions,upheld,overturned,overturn_rate\r\n"\'=HYPERLINK(""http://x"")",2,1,1,0.5\r\n');
    expect(operationsCsv(s, 'specialties')).toBe("reviewer_specialty,decisions,upheld,overturned,overturn_rate\r\n'@SUM(A1),1,1,0,0\r\n");
  });
});
