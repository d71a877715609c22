/**
 * The intake form's values and what they become: the application body for POST /api/cases (the
 * service's ImrApplicationInput), the extras sent beside it, the filing window and the advisories.
 * Their checking is intake-form-schema.ts. Pure functions: no DOM, no network.
 */
import { UR_SERVICE_METHODS, type ImrApplicationInput, type UrOutcome, type UrServiceMethod } from '../../../src/service/domain/application.js';
import type { CreateCaseInput } from '../../../src/service/use-cases/cases.use-case.js';
import { applicationFilingDeadline } from '../../../src/service/domain/deadline-rules.js';
import { isValidIsoDate } from '../../../src/shared/iso-date.js';

export { UR_SERVICE_METHODS };

export interface ItemDraft {
  request: string;
  urOutcome: UrOutcome;
  formularyDrug: boolean;
  /** The guideline the UR decision cited for the item, as written there (blank when it cites none). */
  urGuideline?: string;
}

export interface IntakeForm {
  workerName: string;
  workerDob: string;
  workerClaimNumber: string;
  workerInjuryDate: string;
  /** The worker's mailing address, one line per line (the mailed letter goes there). */
  workerAddress: string;
  workerSex: '' | 'male' | 'female';
  /** The worker's representative, if any (blank name: none). */
  repName: string;
  repFirm: string;
  repAddress: string;
  employerName: string;
  caName: string;
  caId: string;
  caInsurer: string;
  providerName: string;
  providerSpecialty: string;
  providerNpi: string;
  providerGroup: string;
  urDecisionDate: string;
  urDateServed: string;
  urHowServed: UrServiceMethod | '';
  urOrganization: string;
  urConditionallyNonCertified: boolean;
  items: ItemDraft[];
  expeditedRequested: boolean;
  physicianCertification: boolean;
  liabilityDisputed: boolean;
  applicationReceivedDate: string;
  signedByWorker: boolean;
  /** A copy of the UR decision came with the application (on paper, or uploaded below). */
  urDecisionCopy: boolean;
  /** The clinical case summary typed at intake (optional: the engine drafts from the records). */
  clinicalSummary: string;
}

export function emptyItem(): ItemDraft {
  return { request: '', urOutcome: 'denied', formularyDrug: false, urGuideline: '' };
}

export function emptyForm(today: string): IntakeForm {
  return {
    workerName: '',
    workerDob: '',
    workerClaimNumber: '',
    workerInjuryDate: '',
    workerAddress: '',
    workerSex: '',
    repName: '',
    repFirm: '',
    repAddress: '',
    employerName: '',
    caName: '',
    caId: '',
    caInsurer: '',
    providerName: '',
    providerSpecialty: '',
    providerNpi: '',
    providerGroup: '',
    urDecisionDate: '',
    urDateServed: '',
    urHowServed: '',
    urOrganization: '',
    urConditionallyNonCertified: false,
    items: [emptyItem()],
    expeditedRequested: false,
    physicianCertification: false,
    liabilityDisputed: false,
    applicationReceivedDate: today,
    signedByWorker: true,
    urDecisionCopy: false,
    clinicalSummary: '',
  };
}

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** The items the application lists: those with a request (the only one, even blank, so that it is flagged). */
function keptItems(f: IntakeForm): ItemDraft[] {
  return f.items.filter((i) => i.request.trim() !== '' || f.items.length === 1);
}

/**
 * What POST /api/cases takes beside the application: the worker's sex (the letter's case summary
 * states it), the guideline the UR decision cited for each item, as written (the letter's
 * "Claims Administrator guideline"), in the application's item order, and the clinical summary.
 */
export function toCaseExtras(f: IntakeForm): Pick<CreateCaseInput, 'workerSex' | 'claimsAdministratorGuidelines' | 'clinicalSummary'> {
  const guidelines = keptItems(f).map((i) => opt(i.urGuideline ?? '') ?? null);
  const summary = opt(f.clinicalSummary);
  return {
    ...(f.workerSex ? { workerSex: f.workerSex } : {}),
    ...(guidelines.some((g) => g !== null) ? { claimsAdministratorGuidelines: guidelines } : {}),
    ...(summary ? { clinicalSummary: summary } : {}),
  };
}

/** The API body for POST /api/cases (the service's ImrApplicationInput). */
export function toApplication(f: IntakeForm): ImrApplicationInput {
  const items = keptItems(f);
  return {
    injuredWorker: {
      name: f.workerName.trim(),
      dateOfBirth: opt(f.workerDob),
      claimNumber: opt(f.workerClaimNumber),
      dateOfInjury: opt(f.workerInjuryDate) ?? null,
      address: opt(f.workerAddress),
    },
    ...(f.repName.trim() ? { representative: { name: f.repName.trim(), firm: opt(f.repFirm), address: opt(f.repAddress) } } : {}),
    employer: { name: f.employerName.trim() },
    claimsAdministrator: { name: f.caName.trim(), id: f.caId.trim(), insurerName: opt(f.caInsurer) },
    requestingProvider: {
      name: f.providerName.trim(),
      specialty: f.providerSpecialty.trim(),
      npi: opt(f.providerNpi),
      group: opt(f.providerGroup),
    },
    urDecision: {
      dateServed: f.urDateServed,
      howServed: (f.urHowServed || undefined) as UrServiceMethod,
      decisionDate: f.urDecisionDate,
      itemsDeniedOrModified: items.map((i) => i.request.trim()),
      conditionallyNonCertified: f.urConditionallyNonCertified,
      urOrganizationName: f.urOrganization.trim(),
    },
    disputedItems: items.map((i) => ({ request: i.request.trim(), urOutcome: i.urOutcome, ...(i.formularyDrug ? { formularyDrug: true } : {}) })),
    expedited: { requested: f.expeditedRequested, physicianCertification: f.physicianCertification },
    liabilityDisputed: f.liabilityDisputed,
    applicationReceivedDate: f.applicationReceivedDate,
    signedByWorker: f.signedByWorker,
    attachments: { urDecisionCopy: f.urDecisionCopy },
  };
}

/** Problems that do not block submission but change the outcome (shown as warnings). */
export function advisories(f: IntakeForm): string[] {
  const out: string[] = [];
  if (f.expeditedRequested && !f.physicianCertification) out.push('Without the physician’s certification the review will run on the standard timeline.');
  if (!f.signedByWorker) out.push('Unsigned applications are ineligible for IMR.');
  if (!f.urDecisionCopy) out.push('Without a copy of the UR decision the application is ineligible; upload it or tick the box if it came on paper.');
  if (f.urConditionallyNonCertified) out.push('A conditionally non-certified (CNC) UR decision is not eligible for IMR.');
  if (f.liabilityDisputed) out.push('A liability dispute defers IMR until it is resolved.');
  return out;
}

export interface FilingWindow {
  due: string;
  onTime: boolean;
  daysLate: number;
  explanation: string;
}

/** The filing deadline for the dates entered so far, or null when the dates are not yet usable. */
export function filingWindow(f: IntakeForm): FilingWindow | null {
  if (!isValidIsoDate(f.urDateServed) || !f.urHowServed || !isValidIsoDate(f.applicationReceivedDate)) return null;
  try {
    const d = applicationFilingDeadline(f.urDateServed, f.urHowServed);
    const onTime = f.applicationReceivedDate <= d.dueDate;
    const daysLate = onTime ? 0 : Math.round((Date.parse(f.applicationReceivedDate) - Date.parse(d.dueDate)) / 86_400_000);
    const parts = ['30 days from service'];
    if (d.adjustments.some((a) => a.includes('mail'))) parts.push('+5 because it was mailed');
    if (d.adjustments.some((a) => a.includes('holiday'))) parts.push('moved to the next business day');
    return { due: d.dueDate, onTime, daysLate, explanation: parts.join(', ') };
  } catch {
    return null; // dates outside the holiday table: the server will say so
  }
}
