/** A complete intake form, as the tests of the form's model and of its checks start from. */
import { emptyForm, type IntakeForm } from './intake-form.js';

export const TODAY = '2025-03-20';

export function filledForm(): IntakeForm {
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
