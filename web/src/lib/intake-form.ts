/**
 * The intake form's state and its validation, checked as the person types with the service's own
 * application schema (src/service/domain/application.ts), plus the date-order checks a clerk would
 * make by eye. Pure functions: no DOM, no network.
 */
import {
  imrApplicationSchema,
  UR_SERVICE_METHODS,
  type ImrApplicationInput,
  type UrOutcome,
  type UrServiceMethod,
} from '../../../src/service/domain/application.js';
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
  };
}

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** The items the application lists: those with a request (the only one, even blank, so that it is flagged). */
function keptItems(f: IntakeForm): ItemDraft[] {
  return f.items.filter((i) => i.request.trim() !== '' || f.items.length === 1);
}

/**
 * What POST /api/cases takes beside the application: the worker's sex (the letter's case summary
 * states it) and the guideline the UR decision cited for each item, as written (the letter's
 * "Claims Administrator guideline"), in the application's item order.
 */
export function toCaseExtras(f: IntakeForm): { workerSex?: 'male' | 'female'; claimsAdministratorGuidelines?: Array<string | null> } {
  const guidelines = keptItems(f).map((i) => opt(i.urGuideline ?? '') ?? null);
  return {
    ...(f.workerSex ? { workerSex: f.workerSex } : {}),
    ...(guidelines.some((g) => g !== null) ? { claimsAdministratorGuidelines: guidelines } : {}),
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

/** Problems by form field key ("workerName", "items.0.request", "items"). */
export type Problems = Record<string, string>;

/** Maps a path of the application schema to the form field that holds it. */
const PATH_TO_FIELD: Record<string, string> = {
  'injuredWorker.name': 'workerName',
  'injuredWorker.dateOfBirth': 'workerDob',
  'injuredWorker.claimNumber': 'workerClaimNumber',
  'injuredWorker.dateOfInjury': 'workerInjuryDate',
  'injuredWorker.address': 'workerAddress',
  'representative.name': 'repName',
  'representative.firm': 'repFirm',
  'representative.address': 'repAddress',
  'employer.name': 'employerName',
  'claimsAdministrator.name': 'caName',
  'claimsAdministrator.id': 'caId',
  'claimsAdministrator.insurerName': 'caInsurer',
  'requestingProvider.name': 'providerName',
  'requestingProvider.specialty': 'providerSpecialty',
  'requestingProvider.npi': 'providerNpi',
  'requestingProvider.group': 'providerGroup',
  'urDecision.dateServed': 'urDateServed',
  'urDecision.howServed': 'urHowServed',
  'urDecision.decisionDate': 'urDecisionDate',
  'urDecision.urOrganizationName': 'urOrganization',
  'urDecision.itemsDeniedOrModified': 'items',
  disputedItems: 'items',
  applicationReceivedDate: 'applicationReceivedDate',
};

/** The form field a server or schema path points at (so server 400 details land on the right input). */
export function fieldForPath(path: string): string {
  const p = path.replace(/^body\.?/, '').replace(/\[(\d+)\]/g, '.$1');
  const item = /^(?:disputedItems|urDecision\.itemsDeniedOrModified)\.(\d+)(?:\.request)?$/.exec(p);
  if (item) return `items.${item[1]}.request`;
  if (PATH_TO_FIELD[p]) return PATH_TO_FIELD[p]!;
  const prefix = Object.keys(PATH_TO_FIELD).find((k) => p.startsWith(k + '.'));
  return prefix ? PATH_TO_FIELD[prefix]! : p;
}

const REQUIRED_MESSAGES: Record<string, string> = {
  workerName: "Enter the injured worker's name.",
  employerName: "Enter the employer's name.",
  caName: "Enter the claims administrator's name.",
  caId: "Enter the claims administrator's identifier.",
  providerName: "Enter the requesting provider's name.",
  providerSpecialty: "Enter the requesting provider's specialty.",
  urOrganization: 'Enter the organisation that made the UR decision.',
  urHowServed: 'Choose how the UR decision was served.',
  urDecisionDate: 'Enter the date of the UR decision.',
  urDateServed: 'Enter the date the UR decision was served.',
  applicationReceivedDate: 'Enter the date the application was received.',
};

function dateProblem(v: string, label: string, today: string): string | null {
  if (v === '') return null;
  if (!isValidIsoDate(v)) return `${label} is not a real date; use YYYY-MM-DD.`;
  if (v > today) return `${label} is in the future; check the year.`;
  return null;
}

/** Every problem of the form, by field; empty when the application can be submitted. */
export function validate(f: IntakeForm, today: string): Problems {
  const out: Problems = {};
  const parsed = imrApplicationSchema.safeParse(toApplication(f));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldForPath(issue.path.map(String).join('.'));
      if (out[field]) continue;
      const empty = field in REQUIRED_MESSAGES && String((f as unknown as Record<string, unknown>)[field] ?? '').trim() === '';
      out[field] = empty ? REQUIRED_MESSAGES[field]! : humanIssue(issue.code, issue.message);
    }
  }
  // Required dates get a friendly message rather than the schema's generic one.
  for (const k of ['urDecisionDate', 'urDateServed', 'applicationReceivedDate'] as const) {
    if (f[k].trim() === '') out[k] = REQUIRED_MESSAGES[k]!;
  }
  const dates: Array<[keyof IntakeForm, string]> = [
    ['workerDob', 'The date of birth'],
    ['workerInjuryDate', 'The date of injury'],
    ['urDecisionDate', 'The UR decision date'],
    ['urDateServed', 'The date served'],
    ['applicationReceivedDate', 'The received date'],
  ];
  for (const [k, label] of dates) {
    const p = dateProblem(String(f[k]), label, today);
    if (p) out[k] = p;
  }
  const ok = (s: string) => s !== '' && isValidIsoDate(s);
  if (ok(f.urDecisionDate) && ok(f.urDateServed) && f.urDateServed < f.urDecisionDate && !out.urDateServed) {
    out.urDateServed = 'The UR decision cannot be served before the date it was made.';
  }
  if (ok(f.urDateServed) && ok(f.applicationReceivedDate) && f.applicationReceivedDate < f.urDateServed && !out.applicationReceivedDate) {
    out.applicationReceivedDate = 'The application cannot be received before the UR decision was served.';
  }
  if (ok(f.workerInjuryDate) && ok(f.urDecisionDate) && f.workerInjuryDate > f.urDecisionDate && !out.workerInjuryDate) {
    out.workerInjuryDate = 'The injury date is after the UR decision; check both dates.';
  }
  if (ok(f.workerDob) && ok(f.workerInjuryDate) && f.workerDob >= f.workerInjuryDate && !out.workerDob) {
    out.workerDob = 'The date of birth must be before the date of injury.';
  }
  if (f.items.every((i) => i.request.trim() === '')) {
    out.items = 'List at least one disputed item (the treatment UR denied or modified).';
    for (const k of Object.keys(out)) if (k.startsWith('items.')) delete out[k];
  }
  f.items.forEach((i, n) => {
    if (i.request.trim() === '' && f.items.length > 1) out[`items.${n}.request`] = 'Describe the treatment, or remove this item.';
  });
  if (f.expeditedRequested && !f.physicianCertification) {
    out.physicianCertification = "Expedited review needs the physician's certification of an imminent, serious threat to health; without it the case runs as standard.";
  }
  return out;
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

/** Zod's generic wording, in words a clerk understands. */
function humanIssue(code: string, message: string): string {
  if (code === 'too_small' && /string/.test(message)) return 'This field is required.';
  if (code === 'too_big' && /string/.test(message)) return 'This is too long; shorten it.';
  if (code === 'invalid_type' && /undefined/.test(message)) return 'This field is required.';
  return sentence(message);
}

function sentence(s: string): string {
  const t = s.trim();
  if (!t) return 'This value is not valid.';
  const c = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(c) ? c : c + '.';
}
