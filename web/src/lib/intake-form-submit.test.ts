import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { pickFiles, serverProblems, submitApplication, toCreateCaseInput, type IntakePort, type PickedFile, type SubmitProgress } from './intake-form-submit.js';
import { filledForm } from './intake-form.fixture.js';
import type { EligibilityView } from '../api/endpoints.js';

const MB = 1024 * 1024;
const text = (name: string, size = 10, type = 'text/plain') => new File([new Uint8Array(size)], name, { type });

describe('picking files at intake', () => {
  it('keeps PDF and text files under the limit and says why each other one is refused', () => {
    const r = pickFiles([text('pr2.txt'), text('scan.jpg', 10, 'image/jpeg'), text('big.pdf', 11 * MB, 'application/pdf')], 'medical_record', 10 * MB);
    expect(r.picked.map((p) => [p.file.name, p.kind])).toEqual([['pr2.txt', 'medical_record']]);
    expect(r.problem).toBe('scan.jpg: only PDF or plain-text files are accepted. big.pdf is 11 MB; the limit is 10 MB per file. Split or compress it.');
    expect(pickFiles([text('ur.pdf', 10, '')], 'ur_decision', 10 * MB)).toEqual({ picked: [{ file: expect.any(File), kind: 'ur_decision' }], problem: null });
  });
});

describe('the body intake sends', () => {
  it('counts a picked UR decision as the copy and lists every file among the documents reviewed', () => {
    const files: PickedFile[] = [{ file: text('ur.txt'), kind: 'ur_decision' }, { file: text('pr2.txt'), kind: 'medical_record' }];
    const body = toCreateCaseInput({ ...filledForm(), urDecisionCopy: false }, files);
    expect(body.application.attachments.urDecisionCopy).toBe(true);
    expect(body.documentsReviewed).toEqual(['UR decision: ur.txt', 'Medical record: pr2.txt']);
    expect(toCreateCaseInput({ ...filledForm(), urDecisionCopy: false }, []).application.attachments.urDecisionCopy).toBe(false);
    expect(toCreateCaseInput(filledForm(), [])).not.toHaveProperty('documentsReviewed');
  });
});

const ELIGIBLE = { eligible: true, deferred: false } as EligibilityView;

function fakeServer(over: Partial<IntakePort> = {}): IntakePort & { uploaded: string[] } {
  const uploaded: string[] = [];
  return {
    uploaded,
    createCase: async () => ({ id: 'case-1', caseNumber: 'CM25-0000001' }),
    uploadDocument: async (_id, file, _kind, onProgress) => {
      onProgress(0.5);
      uploaded.push(file.name);
    },
    checkEligibility: async () => ({ view: ELIGIBLE }),
    ...over,
  };
}

describe('submitting the application', () => {
  it('saves, uploads each file with its progress, then screens', async () => {
    const server = fakeServer();
    const seen: SubmitProgress[] = [];
    const files: PickedFile[] = [{ file: text('a.txt'), kind: 'ur_decision' }, { file: text('b.txt'), kind: 'medical_record' }];
    const receipt = await submitApplication(server, filledForm(), files, (p) => seen.push(p));
    expect(receipt).toEqual({ caseId: 'case-1', caseNumber: 'CM25-0000001', eligibility: ELIGIBLE, uploadErrors: [], screeningError: null });
    expect(server.uploaded).toEqual(['a.txt', 'b.txt']);
    expect(seen).toEqual([
      { step: 'creating' },
      { step: 'uploading', index: 0, total: 2, name: 'a.txt', fraction: 0 },
      { step: 'uploading', index: 0, total: 2, name: 'a.txt', fraction: 0.5 },
      { step: 'uploading', index: 1, total: 2, name: 'b.txt', fraction: 0 },
      { step: 'uploading', index: 1, total: 2, name: 'b.txt', fraction: 0.5 },
      { step: 'screening' },
    ]);
  });

  it('keeps the saved case when a file does not upload or the screening does not run, and says so', async () => {
    const down = new ApiError(503, 'IMR_ERR_UNAVAILABLE', 'The database is unavailable.');
    const server = fakeServer({
      uploadDocument: async (_id, file) => {
        if (file.name === 'bad.txt') throw new ApiError(422, 'IMR_ERR_UNREADABLE', 'The file could not be read.');
      },
      checkEligibility: async () => {
        throw down;
      },
    });
    const receipt = await submitApplication(server, filledForm(), [{ file: text('bad.txt'), kind: 'medical_record' }, { file: text('ok.txt'), kind: 'medical_record' }], () => undefined);
    expect(receipt.uploadErrors).toEqual(['bad.txt: The file could not be read.']);
    expect(receipt.eligibility).toBeNull();
    expect(receipt.screeningError).toBe(down);
  });

  it('fails as a whole when the application is refused, and puts the refusal on the inputs', async () => {
    const refusal = new ApiError(400, 'IMR_ERR_VALIDATION', 'The case is invalid', [
      { path: 'body.application.requestingProvider.npi', message: 'an NPI is 10 digits' },
      { path: 'application.disputedItems.1.request', message: 'must not be empty' },
      { path: 'application.disputedItems.1.request', message: 'a second problem of the same input' },
    ]);
    const server = fakeServer({ createCase: async () => Promise.reject(refusal) });
    await expect(submitApplication(server, filledForm(), [{ file: text('a.txt'), kind: 'ur_decision' }], () => undefined)).rejects.toBe(refusal);
    expect(server.uploaded).toEqual([]);
    expect(serverProblems(refusal)).toEqual({ providerNpi: 'an NPI is 10 digits', 'items.1.request': 'must not be empty' });
    expect(serverProblems(new Error('offline'))).toEqual({});
  });
});
