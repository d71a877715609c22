import { request } from './client.js';
import type { AssignmentDetail, ReviewerCandidate } from '../../../src/service/use-cases/assignment-override.use-case.js';
import type { NoticeView } from '../../../src/service/use-cases/ineligibility.use-case.js';
import type { EligibilityRecordView } from './types.js';

/**
 * The case screen's operations calls: the assignment as intake sees it (reviewer, why chosen,
 * specialty warning) and its override; the notice of ineligibility and the override for good cause.
 */

export type { AssignmentDetail, ReviewerCandidate, NoticeView };

export interface AssignmentRead {
  current: AssignmentDetail | null;
  history: AssignmentDetail[];
  candidates: ReviewerCandidate[];
}

const enc = encodeURIComponent;

export const operationsApi = {
  assignment(caseId: string): Promise<AssignmentRead> {
    return request('GET', `/api/cases/${enc(caseId)}/assignment`);
  },
  overrideAssignment(caseId: string, reviewerId: string, reason: string): Promise<AssignmentDetail> {
    return request('POST', `/api/cases/${enc(caseId)}/assignment/override`, { reviewerId, reason });
  },
  ineligibilityNotice(caseId: string): Promise<NoticeView> {
    return request('GET', `/api/cases/${enc(caseId)}/ineligibility-notice`);
  },
  ineligibilityNoticeUrl(caseId: string, format: 'html' | 'txt' | 'pdf'): string {
    return `/api/cases/${enc(caseId)}/ineligibility-notice.${format}`;
  },
  overrideIneligibility(caseId: string, reason: string): Promise<{ eligibility: EligibilityRecordView; status: string }> {
    return request('POST', `/api/cases/${enc(caseId)}/eligibility/override`, { reason });
  },
};
