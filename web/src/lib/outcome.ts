/**
 * The draft's outcome and its evidence as the workbench says them. The outcome words and the
 * probability sentence are the service's own (src/service/use-cases/draft-outcome.ts, also used
 * by `imr decide`), so the CLI and the screen never say it differently.
 */
import type { DocumentView, EvidenceKindView } from '../api/types.js';
export { draftOutcome, outcomeLabel, overturnSentence } from '../../../src/service/use-cases/draft-outcome.js';

/** A short label for each kind of quoted statement, shown beside the quote. */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKindView, string> = {
  exam: 'exam finding',
  test: 'test result',
  complaint: 'complaint',
  diagnosis: 'diagnosis',
  history: 'history',
  plan: 'plan',
  review: "reviewer's reasoning",
  administrative: 'header or signature',
};

/** Kinds that are not clinical evidence of the worker's condition (shown with a warning style). */
export function isNonClinicalKind(kind: EvidenceKindView | undefined): boolean {
  return kind === 'plan' || kind === 'review' || kind === 'administrative';
}

const DOCUMENT_KIND_LABELS: Record<string, string> = {
  medical_record: 'Medical record',
  application: 'IMR application',
  ur_decision: 'UR decision',
  other: 'Other document',
};

export function documentKindLabel(kind: string): string {
  return DOCUMENT_KIND_LABELS[kind] ?? DOCUMENT_KIND_LABELS.other!;
}

/** A UR decision is the claims administrator's reasoning: shown beside the record, never as clinical evidence. */
export function isClaimsAdministratorReasoning(doc: Pick<DocumentView, 'kind'>): boolean {
  return doc.kind === 'ur_decision';
}

/**
 * How an evidence quote's source is named: the clinical summary, or the document it comes from.
 * A source that is a UR decision is never evidence; such a quote is labelled as the claims
 * administrator's reasoning instead of being attributed as clinical evidence.
 */
export function evidenceSourceLabel(source: string, documents: Array<Pick<DocumentView, 'kind' | 'name' | 'evidenceSource'>>): { label: string; claimsAdministrator: boolean } {
  if (source === 'clinicalSummary') return { label: 'clinical summary', claimsAdministrator: false };
  const doc = documents.find((d) => d.evidenceSource === source);
  if (!doc) return { label: source, claimsAdministrator: false };
  if (isClaimsAdministratorReasoning(doc)) return { label: `${doc.name} (claims administrator's reasoning, not evidence)`, claimsAdministrator: true };
  return { label: `${documentKindLabel(doc.kind).toLowerCase()}: ${doc.name}`, claimsAdministrator: false };
}
