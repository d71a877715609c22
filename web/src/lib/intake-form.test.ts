import { describe, expect, it } from 'vitest';
import { emptyForm, emptyItem, fieldForPath, filingWindow, toApplication, toCaseExtras, validate, type IntakeForm } from './intake-form.js';
import { imrApplicationSchema } from '../../../src/service/domain/application.js';

const TODAY = '2025-03-20';

function filled(): IntakeForm {
  return {
    ...emptyForm(TODAY),
    workerName: 'Test Worker',
    workerInjuryDate: '2023-06-01',
    employerName: 'Acme Storage',
    caName: 'Example Claims',
    caId: 'CA-1',
    providerName: 'Dr Example',
    providerSpecialty: 'Chiropractic',
    urDecisionDate: '2025-02-10',
    urDateServed: '2025-02-12',
    urHowServed: 'mail',
    urOrganization: 'Example UR',
    items: [{ request: '12 chiropractic sessions for the lumbar spine', urOutcome: 'denied', formularyDrug: false }],
    urDecisionCopy: true,
  };
}

describe('intake form validation', () => {
  it('accepts a complete application, and the body passes the service schema', () => {
    const f = filled();
    expect(validate(f, TODAY)).toEqual({});
    expect(imrApplicationSchema.safeParse(toApplication(f)).success).toBe(true);
  });

  it('names each missing required party in words', () => {
    const p = validate(emptyForm(TODAY), TODAY);
    expect(p.workerName).toMatch(/injured worker/);
    expect(p.employerName).toMatch(/employer/);
    expect(p.caName).toMatch(/claims administrator/);
    expect(p.providerName).toMatch(/requesting provider/);
    expect(p.urHowServed).toMatch(/how the UR decision was served/);
    expect(p.items).toMatch(/at least one disputed item/);
  });

  it('rejects impossible, future and out-of-order dates', () => {
    expect(validate({ ...filled(), urDecisionDate: '2025-02-30' }, TODAY).urDecisionDate).toMatch(/not a real date/);
    expect(validate({ ...filled(), applicationReceivedDate: '2026-01-01' }, TODAY).applicationReceivedDate).toMatch(/future/);
    expect(validate({ ...filled(), urDateServed: '2025-02-01' }, TODAY).urDateServed).toMatch(/before the date it was made/);
    expect(validate({ ...filled(), applicationReceivedDate: '2025-02-11' }, TODAY).applicationReceivedDate).toMatch(/before the UR decision was served/);
    expect(validate({ ...filled(), workerDob: '2024-01-01' }, TODAY).workerDob).toMatch(/before the date of injury/);
  });

  it('flags a blank extra item but not a single empty list twice', () => {
    const f = { ...filled(), items: [...filled().items, emptyItem()] };
    const p = validate(f, TODAY);
    expect(p['items.1.request']).toMatch(/remove this item/);
    expect(p.items).toBeUndefined();
  });

  it('checks the NPI format with the service schema', () => {
    expect(validate({ ...filled(), providerNpi: '12345' }, TODAY).providerNpi).toMatch(/10 digits/);
  });

  it('maps server paths onto form fields', () => {
    expect(fieldForPath('injuredWorker.name')).toBe('workerName');
    expect(fieldForPath('body.disputedItems.2.request')).toBe('items.2.request');
    expect(fieldForPath('urDecision.howServed')).toBe('urHowServed');
  });

  it('computes the filing window with the 5-day mail extension', () => {
    const w = filingWindow({ ...filled(), applicationReceivedDate: '2025-03-19' })!;
    // 2025-02-12 + 30 = 2025-03-14, + 5 (mail) = 2025-03-19 (a Wednesday)
    expect(w.due).toBe('2025-03-19');
    expect(w.onTime).toBe(true);
    const late = filingWindow({ ...filled(), urHowServed: 'electronic', applicationReceivedDate: '2025-03-19' })!;
    expect(late.due).toBe('2025-03-14');
    expect(late.onTime).toBe(false);
    expect(late.daysLate).toBe(5);
  });
});

describe('intake messages', () => {
  it('says a blank item once, in words, not in the schema library wording', () => {
    const p = validate({ ...filled(), items: [emptyItem()] }, TODAY);
    expect(p.items).toMatch(/at least one disputed item/);
    expect(Object.keys(p).filter((k) => k.startsWith('items.'))).toEqual([]);
    const q = validate({ ...filled(), caInsurer: '' , caId: ' ' }, TODAY);
    expect(q.caId).not.toMatch(/expected/);
  });
});

describe('what intake records for complete letters', () => {
  it('sends the worker address, the representative, the sex and each item\'s UR guideline as written', () => {
    const f: IntakeForm = {
      ...filled(),
      workerAddress: '12 Elm Street\nFresno, CA 93650',
      workerSex: 'female',
      repName: 'Alex Advocate',
      repFirm: 'Advocate LLP',
      items: [
        { request: '12 chiropractic sessions for the lumbar spine', urOutcome: 'denied', formularyDrug: false, urGuideline: ' MTUS Chronic Pain Medical Treatment Guidelines 2009, page 58 ' },
        { request: 'Tramadol 50 mg #60', urOutcome: 'modified', formularyDrug: false, urGuideline: '' },
      ],
    };
    const app = toApplication(f);
    expect(imrApplicationSchema.safeParse(app).success).toBe(true);
    expect(app.injuredWorker.address).toBe('12 Elm Street\nFresno, CA 93650');
    expect(app.representative).toEqual({ name: 'Alex Advocate', firm: 'Advocate LLP', address: undefined });
    expect(toCaseExtras(f)).toEqual({ workerSex: 'female', claimsAdministratorGuidelines: ['MTUS Chronic Pain Medical Treatment Guidelines 2009, page 58', null] });
    // Nothing typed: nothing sent.
    expect(toApplication(filled()).representative).toBeUndefined();
    expect(toCaseExtras(filled())).toEqual({});
    expect(fieldForPath('representative.name')).toBe('repName');
    expect(fieldForPath('injuredWorker.address')).toBe('workerAddress');
  });
});
