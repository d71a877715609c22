import { CASE_DOCUMENT_KINDS, type CaseDocumentKind, type CaseFile } from '../../engine/case-file.js';
import { toImrError } from '../../errors/imr-error.js';
import type { ImrApplication } from '../domain/index.js';
import type { CaseItemRow, CaseRow } from '../store/tables.js';
import { documentEvidenceSource } from './case-view.js';
import type { ItemDraft, StoredItemDraft } from './draft-engine.js';
import { draftSources, givenToEngine, readsNothingClinical, type DraftSources, type SourceDocument } from './draft-sources.js';
import type { Services } from './services.js';

/** Age in whole years on `on`, from a birth date. */
export function ageOn(birth: string | undefined, on: string): number | null {
  if (!birth) return null;
  let age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) age--;
  return age > 0 ? age : null;
}

/** The engine's kind for a stored document kind (unknown kinds are 'other'). */
function engineDocumentKind(kind: string): CaseDocumentKind {
  return (CASE_DOCUMENT_KINDS as readonly string[]).includes(kind) ? (kind as CaseDocumentKind) : 'other';
}

/**
 * The engine's view of a case: worker, dates, the clinical summary where one was typed, the case's
 * documents with their kinds (without those it cannot read: no text, too large) and the disputed items.
 */
function caseFileOf(row: CaseRow, items: CaseItemRow[], documents: Array<{ kind: string; name: string; text: string }> = []): CaseFile {
  const app = JSON.parse(row.application) as ImrApplication;
  return {
    caseNumber: row.case_number,
    worker: {
      age: ageOn(app.injuredWorker.dateOfBirth, app.urDecision.decisionDate),
      sex: (row.worker_sex as 'male' | 'female' | null) ?? null,
      injuryDate: app.injuredWorker.dateOfInjury,
    },
    urDecisionDate: app.urDecision.decisionDate,
    asOf: null,
    clinicalSummary: row.clinical_summary,
    documents: documents.filter(givenToEngine).map((d) => ({ name: documentEvidenceSource(d.kind, d.name), kind: engineDocumentKind(d.kind), text: d.text })),
    items: items.map((i) => ({ request: i.request })),
  };
}

const NOTHING_READ_REASON = 'No medical record was read: the case has no clinical summary and no readable medical record, so the draft rests on nothing clinical.';

/**
 * The draft as stored: the engine's, with what it read. A draft that read nothing clinical (no summary,
 * no readable record) always needs the reviewer (evidence_thin), whatever the engine leaned to.
 */
function withSources(draft: ItemDraft, sources: DraftSources): StoredItemDraft {
  if (!readsNothingClinical(sources)) return { ...draft, sources };
  const reviewCodes = draft.reviewCodes.includes('evidence_thin') ? draft.reviewCodes : [...draft.reviewCodes, 'evidence_thin'];
  return { ...draft, needsReviewer: true, reviewReason: draft.needsReviewer && draft.reviewReason ? draft.reviewReason : NOTHING_READ_REASON, reviewCodes, sources };
}

export interface CaseDrafting {
  /** The draft of each item, by item id (empty when there is no engine or drafting failed). */
  drafts: Map<string, StoredItemDraft>;
  /** The error code when the engine failed (the reviewer can still decide without a draft). */
  failure: string | null;
  /** What the drafts read (null without an engine). */
  sources: DraftSources | null;
}

/**
 * The engine's draft of every item from the case's record: its documents (medical records, the
 * application; a UR decision never as clinical evidence) and the clinical summary where one was typed.
 * Runs outside any transaction (drafting is pure but may take a while).
 */
export async function draftCaseItems(services: Services, row: CaseRow, items: CaseItemRow[], opts: { documents?: SourceDocument[]; throwOnFailure?: boolean } = {}): Promise<CaseDrafting> {
  const drafts = new Map<string, StoredItemDraft>();
  if (!services.engine) return { drafts, failure: null, sources: null };
  const docs = opts.documents ?? (await services.cases.documentTexts(row.id));
  const sources = draftSources(docs, row.clinical_summary, services.now());
  let results: ItemDraft[];
  try {
    results = await services.engine.draftCase(caseFileOf(row, items, docs));
  } catch (e) {
    if (opts.throwOnFailure) throw e;
    // Recorded as a code only: no case text.
    return { drafts, failure: toImrError(e).code, sources };
  }
  items.forEach((item, k) => {
    const r = results[k];
    if (r) drafts.set(item.id, withSources(r, sources));
  });
  return { drafts, failure: null, sources };
}
