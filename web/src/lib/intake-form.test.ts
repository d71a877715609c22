import { describe, expect, it } from 'vitest';
import { advisories, emptyForm, filingWindow, toApplication, toCaseExtras, type IntakeForm } from './intake-form.js';
import { imrApplicationSchema } from '../../../src/service/domain/application.js';
import { filledForm, TODAY } from './intake-form.fixture.js';

describe('the filing window', () => {
  it('computes the filing window with the 5-day mail extension', () => {
    const w = filingWindow({ ...filledForm(), applicationReceivedDate: '2025-03-19' })!;
    // 2025-02-12 + 30 = 2025-03-14, + 5 (mail) = 2025-03-19 (a Wednesday)
    expect(w.due).toBe('2025-03-19');
    expect(w.onTime).toBe(true);
    const late = filingWindow({ ...filledForm(), urHowServed: 'electronic', applicationReceivedDate: '2025-03-19' })!;
    expect(late.due).toBe('2025-03-14');
    expect(late.onTime).toBe(false);
    expect(late.daysLate).toBe(5);
  });

  it('waits for a usable service date, method and received date', () => {
    expect(filingWindow(emptyForm(TODAY))).toBeNull();
    expect(filingWindow({ ...filledForm(), urHowServed: '' })).toBeNull();
    expect(filingWindow({ ...filledForm(), urDateServed: '2025-02-30' })).toBeNull();
  });
});

describe('what intake records for complete letters', () => {
  it("sends the worker address, the representative, the sex, the summary and each item's UR guideline as written", () => {
    const f: IntakeForm = {
      ...filledForm(),
      workerAddress: '12 Elm Street\nFresno, CA 93650',
      workerSex: 'female',
      repName: 'Alex Advocate',
      repFirm: 'Advocate LLP',
      clinicalSummary: '  A 48 year old with low back pain.  ',
      items: [
        { request: '12 chiropractic sessions for the lumbar spine', urOutcome: 'denied', formularyDrug: false, urGuideline: ' MTUS Chronic Pain Medical Treatment Guidelines 2009, page 58 ' },
        { request: 'Tramadol 50 mg #60', urOutcome: 'modified', formularyDrug: false, urGuideline: '' },
      ],
    };
    const app = toApplication(f);
    expect(imrApplicationSchema.safeParse(app).success).toBe(true);
    expect(app.injuredWorker.address).toBe('12 Elm Street\nFresno, CA 93650');
    expect(app.representative).toEqual({ name: 'Alex Advocate', firm: 'Advocate LLP', address: undefined });
    expect(toCaseExtras(f)).toEqual({
      workerSex: 'female',
      claimsAdministratorGuidelines: ['MTUS Chronic Pain Medical Treatment Guidelines 2009, page 58', null],
      clinicalSummary: 'A 48 year old with low back pain.',
    });
    // Nothing typed: nothing sent.
    expect(toApplication(filledForm()).representative).toBeUndefined();
    expect(toCaseExtras(filledForm())).toEqual({});
    expect(toCaseExtras({ ...filledForm(), clinicalSummary: '   ' })).toEqual({});
  });
});

describe('advisories', () => {
  it('warns of what makes an application ineligible or standard, without blocking it', () => {
    expect(advisories(filledForm())).toEqual([]);
    const notes = advisories({ ...filledForm(), expeditedRequested: true, signedByWorker: false, urDecisionCopy: false });
    expect(notes).toEqual([
      'Without the physician’s certification the review will run on the standard timeline.',
      'Unsigned applications are ineligible for IMR.',
      'Without a copy of the UR decision the application is ineligible; upload it or tick the box if it came on paper.',
    ]);
  });
});
