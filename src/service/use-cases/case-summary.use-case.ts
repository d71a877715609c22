import { z } from 'zod';
import { CASE_DOCUMENT_KINDS, type CaseDocumentKind } from '../../engine/case-file.js';
import { assembleSummary, type AssembledSummary } from '../../engine/summary/assemble-summary.js';
import { ImrError } from '../../errors/imr-error.js';
import type { CaseStatus } from '../domain/index.js';
import type { User } from '../store/users.store.js';
import { documentEvidenceSource } from './case-view.js';
import { notReadReason } from './draft-sources.js';
import { DRAFTING_STATUSES, scheduleRedraft } from './redraft.use-case.js';
import type { Services } from './services.js';

/**
 * The reviewer's clinical case summary: a draft assembled from the records to start from, and the
 * reviewer's own text saved before signing (the letter prints it). Saving it redrafts the undecided
 * items, since a typed summary is one more source for the engine.
 */

export interface ClinicalSummaryDraft extends AssembledSummary {
  /** The summary saved on the case so far ('' when none). */
  current: string;
  /** The case version the draft was assembled at (send it back when saving). */
  caseVersion: number;
}

function summaryKind(kind: string): CaseDocumentKind {
  return (CASE_DOCUMENT_KINDS as readonly string[]).includes(kind) ? (kind as CaseDocumentKind) : 'other';
}

/** A summary assembled from the case's readable records (oldest first), each sentence linked to its document. Audited as a read. */
export async function draftClinicalSummary(services: Services, actor: User, caseId: string): Promise<ClinicalSummaryDraft> {
  const row = await services.cases.getOrThrow(caseId);
  const items = await services.cases.items(caseId);
  const docs = await services.cases.documentTexts(caseId);
  const readable = docs.filter((d) => {
    const why = notReadReason(d);
    return why === null || why === 'ur_decision';
  });
  const summary = assembleSummary(
    readable.map((d) => ({ source: documentEvidenceSource(d.kind, d.name), kind: summaryKind(d.kind), text: d.text })),
    items.map((i) => i.request),
  );
  await services.audit.record(actor, 'case.summary_draft_read', caseId, { documents: readable.map((d) => d.id) }, services.now());
  return { ...summary, current: row.clinical_summary, caseVersion: row.version };
}

export const clinicalSummaryInputSchema = z.strictObject({
  clinicalSummary: z.string().max(200_000).describe("The reviewer's clinical case summary, as the letter will print it"),
  expectedVersion: z.number().int().positive().optional().describe('The case version the reviewer edited (from the case or the draft); a newer case answers 409'),
});
export type ClinicalSummaryInput = z.infer<typeof clinicalSummaryInputSchema>;

/**
 * Saves the reviewer's clinical case summary while the case is under review (assigned, records in,
 * in review); an issued letter is changed only by a correction. The audit row keeps the length, never
 * the text. The undecided items are then redrafted in the background.
 */
export async function saveClinicalSummary(services: Services, actor: User, caseId: string, input: ClinicalSummaryInput): Promise<{ caseVersion: number }> {
  const row = await services.cases.getOrThrow(caseId);
  if (!DRAFTING_STATUSES.includes(row.status as CaseStatus)) {
    const hint = row.status === 'letter_issued' ? 'the letter is issued; change its summary with a correction' : 'the summary is written while the case is under review';
    throw new ImrError('IMR_ERR_INVALID_TRANSITION', `The clinical summary cannot be changed on a case that is "${row.status}": ${hint}.`, { subject: caseId });
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
    throw new ImrError('IMR_ERR_CONFLICT', `The case changed since you opened it (version ${input.expectedVersion}, now ${row.version}); reload it, then save the summary again.`, { subject: caseId });
  }
  const now = services.now();
  await services.tx(async (stores) => {
    await stores.cases.update(caseId, row.version, { clinical_summary: input.clinicalSummary }, now);
    await stores.audit.record(actor, 'case.summary_saved', caseId, { characters: input.clinicalSummary.length, previousCharacters: row.clinical_summary.length }, now);
  });
  void scheduleRedraft(services, actor, caseId, 'clinical_summary');
  return { caseVersion: row.version + 1 };
}
