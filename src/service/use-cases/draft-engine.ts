import type { CaseFile } from '../../engine/case-file.js';
import type { EvidenceKind } from '../../engine/evidence-kind.js';
import type { Citation, Decision } from '../../letters/model.js';
import type { DraftSources } from './draft-sources.js';

/** A quote the engine relied on: its source (clinicalSummary or a document's evidence source), where it sits, and what kind of statement it is. */
interface DraftEvidence {
  source: string;
  quote: string;
  /** Offsets of the quote in the source text (UTF-16 code units, end exclusive), where known. */
  start?: number;
  end?: number;
  /** Examination finding, test, complaint, diagnosis, history, plan…, where the engine knows it. */
  kind?: EvidenceKind;
}

/** One criterion the engine checked, with the evidence it quoted. */
export interface DraftCriterion {
  id: string;
  statement: string;
  status: string;
  finding: string;
  evidence: DraftEvidence[];
}

/** The engine's draft for one disputed item: what the reviewer starts from. */
export interface ItemDraft {
  decision: Decision;
  citation: Citation;
  rationale: string;
  criteria: DraftCriterion[];
  topicId: string | null;
  guidelineVersion: string | null;
  /** The calibrated probability that a published reviewer would overturn the item (0 to 1). */
  pOverturn: number | null;
  /** True where the draft needs the reviewer's judgement; `reviewReason` says why. */
  needsReviewer: boolean;
  reviewReason: string | null;
  /** The reasons as stable codes (no_topic, request_unclear, evidence_conflicting, evidence_thin, depends_on_flagged, procedure_unconfirmed, guideline_superseded, probability). */
  reviewCodes: string[];
  documentationGaps: string[];
  /**
   * The documents the draft read and those it could not (set by the service when it stores the
   * draft; null for drafts stored before it kept them, and for an engine's own output).
   */
  sources?: DraftSources | null;
}

/** A draft as stored and shown: what it read is always said (null for drafts stored before). */
export type StoredItemDraft = ItemDraft & { sources: DraftSources | null };

/**
 * A stored draft as the service shows it: drafts stored before the three outcomes (with the old
 * `confidence`, without `needsReviewer`) read as unflagged with no probability.
 */
export function storedDraft(raw: unknown): StoredItemDraft | null {
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Partial<ItemDraft>;
  return {
    decision: d.decision as ItemDraft['decision'],
    citation: d.citation as ItemDraft['citation'],
    rationale: d.rationale ?? '',
    criteria: d.criteria ?? [],
    topicId: d.topicId ?? null,
    guidelineVersion: d.guidelineVersion ?? null,
    pOverturn: typeof d.pOverturn === 'number' ? d.pOverturn : null,
    needsReviewer: d.needsReviewer === true,
    reviewReason: d.needsReviewer === true ? (d.reviewReason ?? null) : null,
    reviewCodes: Array.isArray(d.reviewCodes) ? d.reviewCodes : [],
    documentationGaps: d.documentationGaps ?? [],
    sources: d.sources && typeof d.sources === 'object' ? d.sources : null,
  };
}

/**
 * What the service needs from the decision engine: a draft per disputed item, in item order
 * (the whole case at once, since one item's decision may depend on another's). The real engine
 * is wired in engine-adapter.ts; tests may pass their own.
 */
export interface DraftEngine {
  draftCase(caseFile: CaseFile): ItemDraft[] | Promise<ItemDraft[]>;
}

/** What the service needs from the letter renderer. */
export interface LetterRenderer {
  text(letter: import('../../letters/model.js').Letter): string;
  html(letter: import('../../letters/model.js').Letter): string;
  pdf(letter: import('../../letters/model.js').Letter): Promise<Uint8Array>;
}
