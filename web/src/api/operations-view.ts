import { request } from './client.js';
import type { OpenCaseRow, OperationsSummary, OperationsTable } from '../../../src/service/use-cases/operations.use-case.js';

/** The operations screen's calls: the summary (both DWC clocks, open and late cases, averages, overturn rates) and each table's CSV. */

export type { OpenCaseRow, OperationsSummary, OperationsTable };

export const operationsViewApi = {
  summary(): Promise<OperationsSummary> {
    return request('GET', '/api/operations');
  },
  /** The address of one table as CSV (a plain link: the session cookie goes with it). */
  csvUrl(table: OperationsTable, window?: { fromMonth: string; toMonth: string }): string {
    const q = new URLSearchParams({ format: 'csv', table });
    if (window) {
      q.set('from', window.fromMonth);
      q.set('to', window.toMonth);
    }
    return `/api/operations?${q.toString()}`;
  },
};
