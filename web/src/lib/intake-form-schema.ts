/**
 * How the intake form is checked, as the person types: the service's own application schema
 * (imrApplicationSchema, src/service/domain/application.ts, the one POST /api/cases applies) run on
 * the body the form would send, each of its problems put back on the input that holds it in words a
 * clerk understands, plus the date-order checks a clerk would make by eye. `intakeFormSchema(today)`
 * is that check as a zod schema over the form's values, for react-hook-form's zodResolver.
 * Pure functions: no DOM, no network.
 */
import { z } from 'zod';
import type { FieldErrors } from 'react-hook-form';
import { imrApplicationSchema } from '../../../src/service/domain/application.js';
import { isValidIsoDate } from '../../../src/shared/iso-date.js';
import { toApplication, type IntakeForm } from './intake-form.js';

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

/**
 * react-hook-form keeps a problem of the list as a whole at the field array's root ("items.root"),
 * apart from each item's own ("items.0.request").
 */
const LIST_PROBLEM = 'items';
const LIST_ERROR_PATH = 'items.root';

/** Where react-hook-form keeps the problem of a problem key. */
function errorPath(key: string): string {
  return key === LIST_PROBLEM ? LIST_ERROR_PATH : key;
}

/** The intake form's check as a zod schema over its values (for zodResolver): one issue per problem, at its input. */
export function intakeFormSchema(today: string) {
  return z
    .custom<IntakeForm>((v) => typeof v === 'object' && v !== null)
    .superRefine((form, ctx) => {
      for (const [key, message] of Object.entries(validate(form, today))) {
        ctx.addIssue({ code: 'custom', message, path: errorPath(key).split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)) });
      }
    });
}

/** The problems react-hook-form holds, by problem key again (to count them, and to show each where it belongs). */
export function problemsOf(errors: FieldErrors<IntakeForm>): Problems {
  const out: Problems = {};
  const walk = (node: unknown, path: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const leaf = node as { message?: unknown; type?: unknown };
    if (typeof leaf.message === 'string' && typeof leaf.type === 'string') {
      const at = path.join('.');
      out[at === LIST_ERROR_PATH ? LIST_PROBLEM : at] = leaf.message;
      return;
    }
    // `ref` is the input itself (a DOM element), never a problem.
    for (const [k, v] of Object.entries(node)) if (k !== 'ref') walk(v, [...path, k]);
  };
  walk(errors, []);
  return out;
}
