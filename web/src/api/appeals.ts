import { request } from './client.js';
import type { AppealInput, AppealView, CaseAppealsView, OutcomeInput, RecordedAppeal, RecordedOutcome } from '../../../src/service/use-cases/appeal.use-case.js';
import type { AppealGround, AppealGroundInfo, AppealOutcome } from '../../../src/service/domain/appeal.js';

/** The case screen's appeal calls: a WCAB appeal of the issued determination, the board's outcome, the remand's link. */

export type { AppealInput, AppealView, CaseAppealsView, OutcomeInput, RecordedAppeal, RecordedOutcome, AppealGround, AppealGroundInfo, AppealOutcome };

const enc = encodeURIComponent;

export const appealsApi = {
  list(caseId: string): Promise<CaseAppealsView> {
    return request('GET', `/api/cases/${enc(caseId)}/appeals`);
  },
  record(caseId: string, input: AppealInput): Promise<RecordedAppeal> {
    return request('POST', `/api/cases/${enc(caseId)}/appeals`, input);
  },
  outcome(caseId: string, appealId: string, input: OutcomeInput): Promise<RecordedOutcome> {
    return request('POST', `/api/cases/${enc(caseId)}/appeals/${enc(appealId)}/outcome`, input);
  },
};
