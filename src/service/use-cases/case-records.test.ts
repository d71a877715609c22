import { describe, expect, it } from 'vitest';
import { caseRecords, documentsReviewedList } from './case-records.js';

const doc = (over: Partial<Parameters<typeof caseRecords>[1][number]> & { id: string; name: string }) => ({ kind: 'medical_record', uploaded_at: '2024-03-21T18:00:00.000Z', ...over });

describe('the records of a case, each once', () => {
  it('takes a name listed at intake for the upload it announced (with or without its kind prefix, any case)', () => {
    const records = caseRecords(['Medical record: PR2.pdf', 'pr2.pdf', 'UR decision: ur.pdf', 'Progress note 02/10/2024', 'Progress note 02/10/2024'], [doc({ id: 'a', name: 'pr2.pdf' }), doc({ id: 'b', name: 'ur.pdf', kind: 'ur_decision' })]);
    expect(records.map((r) => r.label)).toEqual(['Medical record: pr2.pdf, received 03/21/2024', 'UR decision: ur.pdf, received 03/21/2024', 'Progress note 02/10/2024']);
  });

  it('lists uploads by date of service, with author; a withdrawn one stays listed but leaves DOCUMENTS REVIEWED', () => {
    const records = caseRecords([], [
      doc({ id: 'late', name: 'late.txt', service_date: '2024-03-01', author: 'Valley Clinic' }),
      doc({ id: 'early', name: 'early.txt', service_date: '2024-01-05' }),
      doc({ id: 'gone', name: 'gone.txt', withdrawn_at: '2024-03-22T10:00:00.000Z', withdrawal_reason: 'wrong case' }),
    ]);
    expect(records.map((r) => r.documentId)).toEqual(['early', 'late', 'gone']);
    expect(records[2]!.withdrawn).toEqual({ at: '2024-03-22T10:00:00.000Z', reason: 'wrong case' });
    expect(documentsReviewedList(records)).toEqual(['Medical record: early.txt, date of service 01/05/2024', 'Medical record: late.txt, Valley Clinic, date of service 03/01/2024']);
  });
});
