import { z } from 'zod';
import { citationSchema, decisionSchema, letterSchema } from '../letters/model.js';
import { CASE_STATUSES, DEADLINE_KINDS, imrApplicationSchema } from '../service/domain/index.js';
import { EVIDENCE_KINDS } from '../engine/evidence-kind.js';

/** Response schemas of the case routes (documented in /openapi.json). */
const deadlineSchema = z.object({
  kind: z.enum(DEADLINE_KINDS),
  dueDate: z.string(),
  ruleId: z.string(),
  adjustments: z.array(z.string()),
  basis: z.enum(['business', 'calendar']),
  regulation: z.string(),
  source: z.string(),
  confidence: z.enum(['C', 'S', 'U']),
  fromDate: z.string(),
  provisional: z.boolean(),
  completedOn: z.string().nullable(),
  status: z.object({ daysLeft: z.number(), businessDaysLeft: z.number(), late: z.boolean(), met: z.boolean() }),
});

export const caseSummarySchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(['Standard', 'Expedited']),
  receivedOn: z.string(),
  reviewerId: z.string().nullable(),
  itemCount: z.number().int(),
  nextDeadline: deadlineSchema.nullable(),
  late: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  requests: z.array(z.string()).optional().describe("The disputed items' request texts (list entries for staff and reviewers, never for parties)"),
  workerName: z.string().optional().describe("The injured worker's name (list entries for staff and reviewers, never for parties)"),
  itemsAwaitingJudgement: z.number().int().optional().describe("How many undecided items have a draft that needs the reviewer's judgement (list entries for staff and reviewers, and the case)"),
});

const draftEvidenceSchema = z.object({
  source: z.string().describe('"clinicalSummary" or the evidenceSource of one of the case\'s documents'),
  quote: z.string(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  kind: z.enum(EVIDENCE_KINDS).optional().describe('What kind of statement the quote is (exam, test, complaint, diagnosis, history, plan, review, administrative), where known'),
});

const draftDocumentRefSchema = z.object({
  documentId: z.string(),
  name: z.string(),
  kind: z.string().describe('medical_record | application | ur_decision | other'),
  uploadedOn: z.string().describe('The upload date (YYYY-MM-DD)'),
  ocr: z.object({ meanConfidence: z.number(), lowConfidencePages: z.array(z.number().int()) }).optional().describe('Present when the document is a scan read by OCR: its mean confidence (0-100) and the pages read with low confidence'),
});

const draftSourcesSchema = z.object({
  draftedAt: z.string().describe('When the engine drafted (ISO-8601)'),
  clinicalSummary: z.boolean().describe('Whether a typed clinical summary was one of the sources'),
  read: z.array(draftDocumentRefSchema).describe('The documents the draft read as clinical evidence'),
  notRead: z.array(draftDocumentRefSchema.extend({
    reason: z.enum(['no_text', 'ur_decision', 'too_large']).describe("no_text (a scan waiting for OCR), ur_decision (the claims administrator's reasoning, never clinical evidence), too_large"),
  })).describe('The documents the draft could not read as clinical evidence, and why'),
}).describe('What the draft read; null for drafts stored before the service kept it');

export const itemDraftSchema = z.object({
  citation: citationSchema,
  rationale: z.string(),
  criteria: z.array(
    z.object({ id: z.string(), statement: z.string(), status: z.string(), finding: z.string(), evidence: z.array(draftEvidenceSchema) }),
  ),
  topicId: z.string().nullable(),
  guidelineVersion: z.string().nullable(),
  decision: decisionSchema.describe('Upheld or Overturned; when needsReviewer is true, the way the draft leans'),
  pOverturn: z.number().nullable().default(null).describe('The calibrated probability that a published reviewer would overturn the item (null for drafts stored before calibration)'),
  needsReviewer: z.boolean().default(false).describe("True where the draft needs the reviewer's judgement: the third outcome beside Upheld and Overturned"),
  reviewReason: z.string().nullable().default(null).describe('Why the reviewer must decide, when flagged'),
  reviewCodes: z.array(z.string()).default([]).describe('The reasons as codes: no_topic, request_unclear, evidence_conflicting, evidence_thin, depends_on_flagged, procedure_unconfirmed, guideline_superseded, probability'),
  documentationGaps: z.array(z.string()),
  sources: draftSourcesSchema.nullable().default(null),
});

const draftChangeSchema = z
  .object({
    previousDraftedAt: z.string().nullable(),
    outcome: z.object({ from: z.string(), to: z.string() }).nullable().describe('Upheld, Overturned or NeedsReviewer, before and after'),
    criteria: z.array(z.object({ id: z.string(), statement: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    gapsAdded: z.array(z.string()),
    gapsRemoved: z.array(z.string()),
    documentsAdded: z.array(z.string()).describe('Ids of documents the new draft read and the earlier one did not'),
  })
  .describe('What the latest background redraft changed (compare draft.sources.draftedAt with the case\'s lastSeenAt to tell whether the reader has seen it)');

export const itemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  request: z.string(),
  urOutcome: z.string(),
  category: z.string().nullable(),
  claimsAdministratorGuideline: citationSchema.nullable(),
  draft: itemDraftSchema.nullable(),
  draftChange: draftChangeSchema.nullable().default(null),
  decision: decisionSchema.nullable(),
  citation: citationSchema.nullable(),
  rationale: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});

const eligibilityReasonSchema = z.object({ rule: z.string(), passed: z.boolean(), effect: z.enum(['ineligible', 'defer', 'info']), message: z.string(), source: z.string() });

export const eligibilitySchema = z.object({
  id: z.string(),
  outcome: z.enum(['eligible', 'ineligible', 'deferred']),
  reasons: z.array(eligibilityReasonSchema),
  checkedOn: z.string(),
  createdAt: z.string(),
  overrideReason: z.string().nullable().describe('Intake\'s reason for finding an ineligible case eligible for good cause'),
  overridesId: z.string().nullable(),
});

export const assignmentSchema = z.object({
  id: z.string(),
  reviewerId: z.string(),
  assignedOn: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  screening: z.unknown().describe('Why this reviewer: fit, reasons and every candidate\'s qualification, conflict and load'),
  overrideReason: z.string().nullable().describe('Intake\'s reason for choosing this reviewer over the automatic choice'),
});

export const letterSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  supersedesId: z.string().nullable(),
  correctionReason: z.string().nullable(),
  sha256: z.string().describe('SHA-256 of the PDF bytes'),
  textSha256: z.string(),
  htmlSha256: z.string(),
  letterSha256: z.string().nullable().describe('SHA-256 of the structured letter as stored, checked on every read; null for letters issued before it was recorded, whose structured data is unverified'),
  issuedOn: z.string(),
  issuedAt: z.string(),
});

export const documentSummarySchema = z.object({
  id: z.string(),
  kind: z.string().describe('medical_record | application | ur_decision (the claims administrator\'s reasoning, never read as clinical evidence) | other'),
  name: z.string(),
  evidenceSource: z.string().describe('The source name the drafts\' evidence quotes for this document'),
  mediaType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  serviceDate: z.string().nullable().optional().describe('The record\'s date of service, when the uploader gave it'),
  author: z.string().nullable().optional().describe('Author or facility, when the uploader gave it'),
  withdrawnAt: z.string().nullable().optional().describe('When the document was withdrawn (filed by mistake): kept, no longer evidence'),
  withdrawalReason: z.string().nullable().optional(),
  pageCount: z.number().int().nullable().optional().describe('Pages of the file (a PDF\'s, a scan\'s too); null for a text file'),
  ocr: z.object({
    status: z.enum(['queued', 'reading', 'done', 'failed']).describe('queued, reading (pagesDone of pageCount read), done, or failed (see error)'),
    pagesDone: z.number().int(),
    pageConfidences: z.array(z.number()).describe('Mean word confidence of each page, 0-100'),
    meanConfidence: z.number().nullable(),
    lowConfidencePages: z.array(z.number().int()).describe('Pages read with low confidence: check them against the scan'),
    engine: z.string().nullable(),
    error: z.string().nullable().describe('The error code when OCR failed (the document stays, without text)'),
  }).nullable().optional().describe('For a scan (a PDF with no text layer): how OCR read it; null when the text was not made by OCR'),
});

/** One record of the case, listed once (an upload, or a record intake listed by name). */
const caseRecordSchema = z.object({
  documentId: z.string().nullable(),
  kind: z.string().nullable(),
  name: z.string(),
  author: z.string().nullable(),
  serviceDate: z.string().nullable(),
  receivedOn: z.string().nullable(),
  withdrawn: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
  label: z.string().describe('The line the letter\'s DOCUMENTS REVIEWED prints for it'),
});

export const caseSchema = caseSummarySchema.extend({
  application: imrApplicationSchema,
  workerSex: z.enum(['male', 'female']).nullable(),
  eligibleOn: z.string().nullable(),
  assignedOn: z.string().nullable(),
  recordsReceivedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  closeReason: z.string().nullable().describe('Why the case was withdrawn or terminated, when it was'),
  clinicalSummary: z.string(),
  lastSeenAt: z.string().nullable().optional().describe('When the reader last opened this case before this read (null on a first look)'),
  documentsReviewed: z.array(z.string()),
  deadlines: z.array(deadlineSchema),
  allowedTransitions: z.array(z.enum(CASE_STATUSES)),
  items: z.array(itemSchema),
  eligibility: eligibilitySchema.nullable(),
  assignments: z.array(assignmentSchema),
  letters: z.array(letterSummarySchema),
  documents: z.array(documentSummarySchema),
  records: z.array(caseRecordSchema).optional().describe('Each record once: uploads (withdrawn ones marked) and records listed at intake; documentsReviewed lists those still in evidence'),
  partyUserIds: z.array(z.string()),
  createdAt: z.string(),
});

export const letterJsonSchema = z.object({ summary: letterSummarySchema, letter: letterSchema });
