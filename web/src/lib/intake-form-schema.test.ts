import { describe, expect, it } from 'vitest';
import { zodResolver } from '@hookform/resolvers/zod';
import { emptyForm, emptyItem, toApplication, type IntakeForm } from './intake-form.js';
import { fieldForPath, intakeFormSchema, problemsOf, validate } from './intake-form-schema.js';
import { imrApplicationSchema } from '../../../src/service/domain/application.js';
import { filledForm, TODAY } from './intake-form.fixture.js';

describe('intake form validation', () => {
  it('accepts a complete application, and the body passes the service schema', () => {
    const f = filledForm();
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
    expect(validate({ ...filledForm(), urDecisionDate: '2025-02-30' }, TODAY).urDecisionDate).toMatch(/not a real date/);
    expect(validate({ ...filledForm(), applicationReceivedDate: '2026-01-01' }, TODAY).applicationReceivedDate).toMatch(/future/);
    expect(validate({ ...filledForm(), urDateServed: '2025-02-01' }, TODAY).urDateServed).toMatch(/before the date it was made/);
    expect(validate({ ...filledForm(), applicationReceivedDate: '2025-02-11' }, TODAY).applicationReceivedDate).toMatch(/before the UR decision was served/);
    expect(validate({ ...filledForm(), workerDob: '2024-01-01' }, TODAY).workerDob).toMatch(/before the date of injury/);
  });

  it('flags a blank extra item but not a single empty list twice', () => {
    const f = { ...filledForm(), items: [...filledForm().items, emptyItem()] };
    const p = validate(f, TODAY);
    expect(p['items.1.request']).toMatch(/remove this item/);
    expect(p.items).toBeUndefined();
  });

  it('checks the NPI format with the service schema', () => {
    expect(validate({ ...filledForm(), providerNpi: '12345' }, TODAY).providerNpi).toMatch(/10 digits/);
  });

  it('maps server paths onto form fields', () => {
    expect(fieldForPath('injuredWorker.name')).toBe('workerName');
    expect(fieldForPath('body.disputedItems.2.request')).toBe('items.2.request');
    expect(fieldForPath('urDecision.howServed')).toBe('urHowServed');
    expect(fieldForPath('representative.name')).toBe('repName');
    expect(fieldForPath('injuredWorker.address')).toBe('workerAddress');
  });
});

describe('intake messages', () => {
  it('says a blank item once, in words, not in the schema library wording', () => {
    const p = validate({ ...filledForm(), items: [emptyItem()] }, TODAY);
    expect(p.items).toMatch(/at least one disputed item/);
    expect(Object.keys(p).filter((k) => k.startsWith('items.'))).toEqual([]);
    const q = validate({ ...filledForm(), caInsurer: '', caId: ' ' }, TODAY);
    expect(q.caId).not.toMatch(/expected/);
  });
});

/** The resolver the intake screen's react-hook-form runs, as react-hook-form calls it. */
async function resolve(values: IntakeForm) {
  const names = ['workerName', 'items.0.request', 'items.1.request'];
  return zodResolver(intakeFormSchema(TODAY))(values, undefined, { fields: {}, names, shouldUseNativeValidation: false });
}

describe('the intake form in react-hook-form', () => {
  it('passes a complete form through unchanged', async () => {
    const r = await resolve(filledForm());
    expect(r.errors).toEqual({});
    expect(r.values).toEqual(filledForm());
  });

  it('puts each problem on its input, the list-wide one at the item list, with the same words as the checks', async () => {
    const twoBlank: IntakeForm = { ...emptyForm(TODAY), items: [emptyItem(), emptyItem()] };
    const { errors } = await resolve(twoBlank);
    expect(errors.workerName?.message).toBe("Enter the injured worker's name.");
    expect(errors.items?.root?.message).toMatch(/at least one disputed item/);
    expect(errors.items?.[1]?.request?.message).toBe('Describe the treatment, or remove this item.');
    // Read back by problem key, the errors are exactly what the checks found: none lost, none added.
    expect(problemsOf(errors)).toEqual(validate(twoBlank, TODAY));
  });

  it('reads the problems back without walking into the inputs the errors point at', () => {
    const input = { tagName: 'INPUT', form: { message: 'not a problem', type: 'text' } };
    const errors = { workerName: { type: 'custom', message: 'Enter it.', ref: input } } as never;
    expect(problemsOf(errors)).toEqual({ workerName: 'Enter it.' });
  });
});
