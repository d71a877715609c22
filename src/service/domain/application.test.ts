import { describe, expect, it } from 'vitest';
import { applicationDateProblems, imrApplicationSchema, isExpedited, isFormularyDispute, normaliseRequest, partiesOf, workerKey } from './application.js';
import { makeApplication } from './test-support/fixtures.js';

function problems(input: unknown): string[] {
  const r = imrApplicationSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('imrApplicationSchema', () => {
  const valid = makeApplication();

  it('accepts a complete application', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('names each bad field', () => {
    const bad = {
      ...valid,
      injuredWorker: { ...valid.injuredWorker, name: '  ', dateOfBirth: '1975-02-30' },
      requestingProvider: { ...valid.requestingProvider, npi: '12345' },
      urDecision: { ...valid.urDecision, howServed: 'carrier pigeon', dateServed: '03/01/2024' },
      disputedItems: [],
    };
    expect(problems(bad).sort()).toEqual(
      ['disputedItems', 'injuredWorker.dateOfBirth', 'injuredWorker.name', 'requestingProvider.npi', 'urDecision.dateServed', 'urDecision.howServed'].sort(),
    );
  });

  it('requires the eligibility facts to be stated, not assumed', () => {
    const { signedByWorker: _s, liabilityDisputed: _l, attachments: _a, ...rest } = valid;
    expect(problems(rest).sort()).toEqual(['attachments', 'liabilityDisputed', 'signedByWorker']);
  });

  it('allows an unknown date of injury only as an explicit null', () => {
    expect(problems({ ...valid, injuredWorker: { ...valid.injuredWorker, dateOfInjury: null } })).toEqual([]);
    const { dateOfInjury: _d, ...worker } = valid.injuredWorker;
    expect(problems({ ...valid, injuredWorker: worker })).toEqual(['injuredWorker.dateOfInjury']);
  });
});

describe('application helpers', () => {
  it('lists the parties for conflict checks', () => {
    expect(partiesOf(makeApplication())).toEqual({
      employer: 'Acme Widgets, Inc.',
      claimsAdministrator: 'Golden State Claims Services LLC',
      insurer: 'Pacific Mutual Insurance Co.',
      requestingProvider: 'Dr. Lee Rivera, M.D.',
      providerGroup: 'Valley Spine Medical Group',
      urOrganization: 'Summit UR Partners',
    });
  });

  it('is expedited only with the physician certification', () => {
    expect(isExpedited(makeApplication({ expedited: { requested: true, physicianCertification: true } }))).toBe(true);
    expect(isExpedited(makeApplication({ expedited: { requested: true, physicianCertification: false } }))).toBe(false);
    expect(isExpedited(makeApplication({ expedited: { requested: false, physicianCertification: true } }))).toBe(false);
  });

  it('is a formulary dispute only when every item is a formulary drug', () => {
    const drug = { request: 'Tramadol 50 mg #60', urOutcome: 'denied' as const, formularyDrug: true };
    expect(isFormularyDispute(makeApplication({ disputedItems: [drug] }))).toBe(true);
    expect(isFormularyDispute(makeApplication({ disputedItems: [drug, { request: 'MRI lumbar spine', urOutcome: 'denied' }] }))).toBe(false);
  });

  it('workerKey ignores case, accents and punctuation, and uses DOB, else claim number', () => {
    const a = workerKey({ name: 'José  O\'Neil', dateOfBirth: '1970-01-02' });
    expect(a).toBe(workerKey({ name: 'JOSE ONEIL', dateOfBirth: '1970-01-02' }));
    expect(a).toBe(workerKey({ name: 'jose o’neil', dateOfBirth: '1970-01-02' }));
    expect(a).not.toBe(workerKey({ name: 'Jose ONeil', dateOfBirth: '1970-01-03' }));
    expect(workerKey({ name: 'Jose ONeil', claimNumber: 'ABC-1' })).toBe(workerKey({ name: 'jose o\'neil', claimNumber: 'abc 1' }));
    expect(workerKey({ name: 'Jose ONeil', claimNumber: 'ABC-1' })).not.toBe(workerKey({ name: 'Jose ONeil', claimNumber: 'ABC-2' }));
  });

  it('normaliseRequest makes equal requests equal', () => {
    expect(normaliseRequest('Flexeril 7.5mg, #60')).toBe(normaliseRequest('  FLEXERIL 7.5MG #60.'));
    expect(normaliseRequest('Flexeril 7.5mg #60')).not.toBe(normaliseRequest('Flexeril 10mg #60'));
  });
});

describe('applicationDateProblems', () => {
  it('finds none in a consistent application', () => {
    expect(applicationDateProblems(makeApplication())).toEqual([]);
  });

  it('names each date that contradicts another (served before decided, received before decided, injured after UR, born after injury)', () => {
    const app = makeApplication({
      injuredWorker: { dateOfBirth: '2024-01-01', dateOfInjury: '2023-06-14' },
      urDecision: { decisionDate: '2024-03-05', dateServed: '2024-03-01' },
      applicationReceivedDate: '2024-03-04',
    });
    expect(applicationDateProblems(app).map((p) => p.path)).toEqual(['urDecision.dateServed', 'applicationReceivedDate', 'injuredWorker.dateOfBirth']);
    const late = makeApplication({ injuredWorker: { dateOfInjury: '2024-03-01' }, urDecision: { decisionDate: '2024-02-29' } });
    expect(applicationDateProblems(late).map((p) => p.path)).toEqual(['injuredWorker.dateOfInjury']);
    // Same-day service and filing are possible.
    expect(applicationDateProblems(makeApplication({ urDecision: { decisionDate: '2024-03-01', dateServed: '2024-03-01' }, applicationReceivedDate: '2024-03-01' }))).toEqual([]);
  });
});
