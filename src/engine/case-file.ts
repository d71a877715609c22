import { z } from 'zod';
import { isoDateSchema } from '../shared/iso-date.js';

/**
 * The case file `imr decide` reads: the worker, the dates, the clinical summary (and optional
 * documents as text) and the disputed items. Its JSON Schema is `caseFileJsonSchema()`.
 */
const caseItemSchema = z
  .object({
    /** The disputed treatment as requested ("Acupuncture 2 x week x 4 weeks"). */
    request: z.string().min(1).describe('The disputed treatment as requested'),
    /** The item's own date (its UR decision date) where it differs from the case's. */
    date: isoDateSchema.nullable().optional().describe("The item's UR decision date, if it differs from the case's"),
  })
  .strict();
export type CaseItem = z.infer<typeof caseItemSchema>;

/**
 * What a document is. Medical records and the application are clinical sources; a UR decision is the
 * claims administrator's reasoning: shown beside the record, never read as evidence of clinical facts.
 */
export const CASE_DOCUMENT_KINDS = ['medical_record', 'application', 'ur_decision', 'other'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

const caseDocumentSchema = z
  .object({
    name: z.string().min(1).describe('A name for the document ("PR-2 2016-11-30")'),
    kind: z.enum(CASE_DOCUMENT_KINDS).default('medical_record').describe('medical_record | application | ur_decision (never read as clinical evidence) | other'),
    text: z.string().describe('The document as plain text'),
  })
  .strict();

export const caseFileSchema = z
  .object({
    caseNumber: z.string().nullable().optional().describe('The IMR case number, if assigned'),
    worker: z
      .object({
        age: z.number().int().positive().nullable().optional(),
        sex: z.enum(['male', 'female']).nullable().optional(),
        injuryDate: isoDateSchema.nullable().optional(),
      })
      .strict()
      .default({}),
    /** The UR decision date: selects the guideline version in force. */
    urDecisionDate: isoDateSchema.nullable().optional().describe('The utilization review decision date; selects the guideline version'),
    /** The date to decide as of where there is no UR decision date (defaults to today in the CLI). */
    asOf: isoDateSchema.nullable().optional().describe('The date to decide as of when there is no UR decision date'),
    /** The clinical case summary, where one was written; the records in `documents` are sources of their own. */
    clinicalSummary: z.string().default('').describe('The clinical case summary, if one was written (the documents are read too)'),
    documents: z.array(caseDocumentSchema).default([]).describe('Further records as text (progress notes, reports)'),
    items: z.array(caseItemSchema).min(1).describe('The disputed items, in order'),
  })
  .strict();
export type CaseFile = z.infer<typeof caseFileSchema>;

/** The JSON Schema (draft 2020-12) of the case file, for `imr decide --schema` and API clients. */
export function caseFileJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://imr-review.local/schemas/case-file.json',
    title: 'IMR case file',
    ...(z.toJSONSchema(caseFileSchema, { io: 'input' }) as Record<string, unknown>),
  };
}
