import type { CaseFile } from '../../engine/case-file.js';
import type { Citation, Decision } from '../../letters/model.js';

/** One criterion the engine checked, with the evidence it quoted. */
export interface DraftCriterion {
  id: string;
  statement: string;
  status: string;
  finding: string;
  evidence: Array<{ source: string; quote: string }>;
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
  documentationGaps: string[];
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
