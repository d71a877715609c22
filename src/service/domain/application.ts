import { z } from 'zod';
import { isoDateSchema } from '../../shared/iso-date.js';

/**
 * An IMR application as DWC Form IMR ("Application for Independent Medical Review", 8 CCR 9792.10.2)
 * holds it, plus what the IMRO records on receipt (received date, attachments).
 * Field list: the 2014 form (docsbay.net copy of the instructions), see
 * ../shared/research/imr-process.md §2.3.
 */

/** How the UR decision was served on the employee. Mail adds 5 days to the filing period (CCP 1013(a)). */
export const UR_SERVICE_METHODS = ['mail', 'electronic', 'personal', 'fax'] as const;
const urServiceMethodSchema = z.enum(UR_SERVICE_METHODS);
export type UrServiceMethod = z.infer<typeof urServiceMethodSchema>;

/** What utilization review did to the requested item. */
const UR_OUTCOMES = ['denied', 'modified'] as const;
const urOutcomeSchema = z.enum(UR_OUTCOMES);
export type UrOutcome = z.infer<typeof urOutcomeSchema>;

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

const injuredWorkerSchema = z.object({
  name: nameSchema,
  dateOfBirth: isoDateSchema.optional(),
  address: z.string().trim().max(500).optional(),
  /** Null when the form leaves it blank; jurisdiction then rests on the UR decision date. */
  dateOfInjury: isoDateSchema.nullable(),
  claimNumber: z.string().trim().max(100).optional(),
});
export type InjuredWorker = z.infer<typeof injuredWorkerSchema>;

const employerSchema = z.object({ name: nameSchema });

/** The injured worker's representative (an attorney or other), when the worker has one: the mailed letter goes to them too. */
const representativeSchema = z.object({
  name: nameSchema,
  /** The law firm or organisation. */
  firm: z.string().trim().min(1).max(200).optional(),
  address: z.string().trim().max(500).optional(),
});

const claimsAdministratorSchema = z.object({
  name: nameSchema,
  /** The administrator's identifier (e.g. its DWC claims-administrator id). */
  id: z.string().trim().min(1).max(100),
  /** The insurer behind the administrator, when different. */
  insurerName: z.string().trim().min(1).max(200).optional(),
});

const requestingProviderSchema = z.object({
  name: nameSchema,
  specialty: z.string().trim().min(1).max(200),
  npi: z
    .string()
    .regex(/^\d{10}$/, 'an NPI is 10 digits')
    .optional(),
  /** The medical group or practice the provider belongs to, when known. */
  group: z.string().trim().min(1).max(200).optional(),
});

const urDecisionSchema = z.object({
  /** Date the written UR decision was served on the employee (starts the 30-day filing period). */
  dateServed: isoDateSchema,
  howServed: urServiceMethodSchema,
  /** Date of the UR decision itself (LC 4610; decides IMR jurisdiction for pre-2013 injuries). */
  decisionDate: isoDateSchema,
  /** The items UR denied or modified, as written in the UR decision. */
  itemsDeniedOrModified: z.array(z.string().trim().min(1).max(2000)).min(1),
  /** Denied because requested information was not received: not IMR-eligible (DWC, IMR updates page). */
  conditionallyNonCertified: z.boolean(),
  urOrganizationName: nameSchema,
});

const disputedItemSchema = z.object({
  /** The treatment as requested on the RFA. */
  request: z.string().trim().min(1).max(2000),
  urOutcome: urOutcomeSchema,
  /** Treatment category from the request normaliser (e.g. "chiropractic", "opioid"), when known. */
  category: z.string().trim().min(1).max(100).optional(),
  /** A drug dispute under the MTUS Drug Formulary (from 2018-01-01): 5 working days to decide. */
  formularyDrug: z.boolean().optional(),
});

const expeditedSchema = z.object({
  requested: z.boolean(),
  /** The treating physician certified an imminent and serious threat to health (8 CCR 9792.10.4). */
  physicianCertification: z.boolean(),
});

export const imrApplicationSchema = z.object({
  injuredWorker: injuredWorkerSchema,
  representative: representativeSchema.optional(),
  employer: employerSchema,
  claimsAdministrator: claimsAdministratorSchema,
  requestingProvider: requestingProviderSchema,
  urDecision: urDecisionSchema,
  disputedItems: z.array(disputedItemSchema).min(1, 'an application disputes at least one item'),
  expedited: expeditedSchema,
  /** The claims administrator disputes liability for the injury or body part (defers IMR). */
  liabilityDisputed: z.boolean(),
  /** Date the IMRO received the application (the filing date: 8 CCR 9792.10.1 counts receipt). */
  applicationReceivedDate: isoDateSchema,
  /** Signed by the employee or representative (unsigned applications are ineligible). */
  signedByWorker: z.boolean(),
  attachments: z.object({
    /** A copy of the UR decision is enclosed (required from 2014-03-01). */
    urDecisionCopy: z.boolean(),
  }),
});
export type ImrApplication = z.infer<typeof imrApplicationSchema>;
/**
 * Dates of an application that cannot all be true at once (each is a real day on its own): a UR
 * decision served before it was made, an application received before the decision it disputes,
 * an injury after the UR decision on its treatment, a birth after the injury. Paths are relative
 * to the application; messages name no patient data.
 */
export function applicationDateProblems(app: Pick<ImrApplication, 'injuredWorker' | 'urDecision' | 'applicationReceivedDate'>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const { decisionDate, dateServed } = app.urDecision;
  if (dateServed < decisionDate) out.push({ path: 'urDecision.dateServed', message: `is before urDecision.decisionDate (${decisionDate}); a decision is served on or after the day it is made` });
  if (app.applicationReceivedDate < decisionDate) out.push({ path: 'applicationReceivedDate', message: `is before urDecision.decisionDate (${decisionDate}); an application disputes a UR decision already made` });
  const injury = app.injuredWorker.dateOfInjury;
  if (injury && injury > decisionDate) out.push({ path: 'injuredWorker.dateOfInjury', message: `is after urDecision.decisionDate (${decisionDate}); UR decides treatment of an injury that already happened` });
  const birth = app.injuredWorker.dateOfBirth;
  if (birth && injury && birth > injury) out.push({ path: 'injuredWorker.dateOfBirth', message: `is after injuredWorker.dateOfInjury (${injury})` });
  return out;
}

/** The input shape before defaults (what an API body holds). */
export type ImrApplicationInput = z.input<typeof imrApplicationSchema>;

/** The parties of a case, for conflict-of-interest checks. */
export interface CaseParties {
  employer: string;
  claimsAdministrator: string;
  insurer?: string;
  requestingProvider: string;
  providerGroup?: string;
  urOrganization: string;
}

export function partiesOf(app: ImrApplication): CaseParties {
  return {
    employer: app.employer.name,
    claimsAdministrator: app.claimsAdministrator.name,
    ...(app.claimsAdministrator.insurerName ? { insurer: app.claimsAdministrator.insurerName } : {}),
    requestingProvider: app.requestingProvider.name,
    ...(app.requestingProvider.group ? { providerGroup: app.requestingProvider.group } : {}),
    urOrganization: app.urDecision.urOrganizationName,
  };
}

/** True when every disputed item is a formulary drug (the 5-working-day track of LC 4610.6(d)(1)(A)). */
export function isFormularyDispute(app: Pick<ImrApplication, 'disputedItems'>): boolean {
  return app.disputedItems.length > 0 && app.disputedItems.every((i) => i.formularyDrug === true);
}

/** Expedited only with the physician's certification; otherwise the review runs as standard. */
export function isExpedited(app: Pick<ImrApplication, 'expedited'>): boolean {
  return app.expedited.requested && app.expedited.physicianCertification;
}

/** Lower-case, punctuation-free, single-spaced text for comparing names and requests. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A disputed item's request text normalised for duplicate detection. */
export function normaliseRequest(request: string): string {
  return normaliseText(request);
}

/**
 * A stable key for "the same injured worker": normalised name plus date of birth, or plus claim
 * number when the birth date is missing. Store it with the case so duplicates can be found.
 */
export function workerKey(worker: Pick<InjuredWorker, 'name' | 'dateOfBirth' | 'claimNumber'>): string {
  const name = normaliseText(worker.name);
  if (worker.dateOfBirth) return `${name}|dob:${worker.dateOfBirth}`;
  if (worker.claimNumber) return `${name}|claim:${normaliseText(worker.claimNumber)}`;
  return `${name}|unknown`;
}
