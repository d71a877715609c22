import { z } from 'zod';
import { isoDateSchema } from '../shared/iso-date.js';
import { ORGANIZATION_NAME_MAX, ORGANIZATION_NAME_PATTERN } from './organization.js';

/**
 * The IMR Final Determination letter as structured data. This is the contract between the
 * letter reader, the renderer, the engine, the service and the corpus: change it with care.
 */

export const CITATION_SOURCES = [
  'MTUS-CPMTG', // Chronic Pain Medical Treatment Guidelines (2009, 2016)
  'MTUS-OPIOIDS', // Opioids Treatment Guidelines (2016)
  'MTUS-ACOEM', // ACOEM practice guideline chapters adopted into the MTUS
  'MTUS-AMTG', // Acupuncture Medical Treatment Guidelines
  'MTUS-PSTG', // Postsurgical Treatment Guidelines
  'MTUS-FORMULARY', // MTUS Drug Formulary (2018)
  'NON-MTUS', // a guideline outside the MTUS; `name` says which (ODG, ...)
  'NONE', // no medical evidence cited
] as const;
export const citationSourceSchema = z.enum(CITATION_SOURCES);
export type CitationSource = z.infer<typeof citationSourceSchema>;

export const DECISIONS = ['Upheld', 'Overturned'] as const;
/** Upheld = the UR denial stands (not medically necessary); Overturned = medically necessary. */
export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

export const PRIORITIES = ['Standard', 'Expedited'] as const;
const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

/** A citation without further citations: the shape of each entry of `alsoCites`. */
const citationRefSchema = z.object({
  source: citationSourceSchema,
  /** For NON-MTUS: which guideline (e.g. "ODG"); otherwise null. */
  name: z.string().nullable(),
  /** Edition year where the letter states it (e.g. 2009). */
  edition: z.number().int().nullable(),
  /** Topic or chapter as written (e.g. "Manual Therapy and Manipulation"). */
  topic: z.string().nullable(),
  /** Section names after "Section(s):" in the 2016–2017 layout. */
  sections: z.array(z.string()),
  /** Page numbers cited, ranges expanded, in the order written. */
  pages: z.array(z.number().int().nonnegative()),
  /** The citation text as it stands in the letter (whitespace normalised). */
  raw: z.string(),
});
export type CitationRef = z.infer<typeof citationRefSchema>;

export const citationSchema = citationRefSchema.extend({
  /** Further guidelines cited in the same line ("...; ODG Pain Chapter"). */
  alsoCites: z.array(citationRefSchema),
});
export type Citation = z.infer<typeof citationSchema>;

const letterItemSchema = z.object({
  /** The disputed treatment as written in the decision line. */
  request: z.string().min(1),
  decision: decisionSchema,
  claimsAdministratorGuideline: citationSchema,
  reviewerGuideline: citationSchema,
  /** The decision rationale as clean text (paragraphs separated by a blank line). */
  rationale: z.string(),
});
export type LetterItem = z.infer<typeof letterItemSchema>;

const letterHeaderSchema = z.object({
  caseNumber: z.string().nullable(),
  dateAssigned: isoDateSchema.nullable(),
  injuryDate: isoDateSchema.nullable(),
  decisionDate: isoDateSchema.nullable(),
  urDenialDate: isoDateSchema.nullable(),
  priority: prioritySchema.nullable(),
  applicationReceived: isoDateSchema.nullable(),
});
export type LetterHeader = z.infer<typeof letterHeaderSchema>;

const letterReviewerSchema = z.object({
  /** States of licensure, as written ("California"). */
  licensure: z.array(z.string()),
  specialty: z.string().nullable(),
  subspecialty: z.string().nullable(),
});
export type LetterReviewer = z.infer<typeof letterReviewerSchema>;

const letterWorkerSchema = z.object({
  age: z.number().int().positive().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  injuryDate: isoDateSchema.nullable(),
});
export type LetterWorker = z.infer<typeof letterWorkerSchema>;

/** An Independent Medical Review Organization's name, as a letter writes it. */
export const organizationNameSchema = z
  .string()
  .max(ORGANIZATION_NAME_MAX)
  .regex(ORGANIZATION_NAME_PATTERN, 'one line of letters, digits, spaces and & \' . , ( ) -, starting with a letter or digit')
  .refine((s) => !s.includes('  '), 'single spaces between words');

/**
 * What a corrected letter says about the letter it corrects: the version and issue date it
 * supersedes and why (LC 4610.6 letters are never changed in place; a correction is a new version).
 */
const letterCorrectionSchema = z.object({
  supersedesVersion: z.number().int().min(1),
  supersedesIssuedOn: isoDateSchema,
  /** The reason as one line of text (whitespace normalised). */
  reason: z.string().min(1).max(2000),
});
export type LetterCorrection = z.infer<typeof letterCorrectionSchema>;

/**
 * What a letter issued on remand says about the review it replaces: the case the WCAB remanded and
 * the date of the board's order (LC 4610.6(i): a new review by a different reviewer).
 */
const letterRemandSchema = z.object({
  originalCaseNumber: z.string().min(1).max(40),
  orderedOn: isoDateSchema,
});
export type LetterRemand = z.infer<typeof letterRemandSchema>;

export const letterSchema = z.object({
  /**
   * The Independent Medical Review Organization that issued the letter, as the letter names it
   * ("MAXIMUS Federal Services"). The reader sets it (null where the text names none); the
   * renderer writes it, and "MAXIMUS Federal Services" when it is absent or null.
   */
  reviewOrganization: organizationNameSchema.nullable().optional(),
  /** Null where the layout has no header block (the older letters). */
  header: letterHeaderSchema.nullable(),
  reviewer: letterReviewerSchema,
  worker: letterWorkerSchema,
  /** When the clinical case summary states them. */
  urDecisionDate: isoDateSchema.nullable(),
  imrApplicationDate: isoDateSchema.nullable(),
  clinicalSummary: z.string(),
  /** Null where the layout has no documents-reviewed list. */
  documentsReviewed: z.array(z.string()).nullable(),
  items: z.array(letterItemSchema).min(1),
  /** Present on a corrected letter only: the renderer heads the letter "CORRECTED DETERMINATION" with it. */
  correction: letterCorrectionSchema.optional(),
  /** Present on a letter issued on remand only: the renderer states the remand at its head. */
  remand: letterRemandSchema.optional(),
});
export type Letter = z.infer<typeof letterSchema>;

/** The letter layouts the reader recognises. */
export const LETTER_LAYOUTS = ['seed-2015', 'dwc-2016', 'notice-2013', 'mpr-form', 'rendered'] as const;
export type LetterLayout = (typeof LETTER_LAYOUTS)[number];
