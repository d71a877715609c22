import { decideCase, loadKnowledgeBase, type ItemDecision, type KnowledgeBase } from '../../engine/index.js';
import type { DraftEngine, ItemDraft } from './draft-engine.js';

function toItemDraft(d: ItemDecision): ItemDraft {
  return {
    decision: d.decision,
    citation: d.citation,
    rationale: d.rationale,
    criteria: d.criteria.map((c) => ({
      id: c.id,
      statement: c.statement,
      status: c.status,
      finding: c.finding,
      evidence: c.evidence.map((e) => ({ source: e.source, quote: e.quote, start: e.start, end: e.end, ...(e.kind ? { kind: e.kind } : {}) })),
    })),
    topicId: d.topicId,
    guidelineVersion: d.guidelineVersion,
    pOverturn: d.pOverturn,
    needsReviewer: d.needsReviewer,
    reviewReason: d.reviewReason,
    reviewCodes: [...d.reviewCodes],
    documentationGaps: d.documentationGaps,
  };
}

/** The decision engine over the guideline knowledge base (loaded once, on first use). */
export function engineDraftEngine(kb?: KnowledgeBase): DraftEngine {
  let loaded = kb;
  return {
    draftCase(caseFile) {
      loaded ??= loadKnowledgeBase();
      return decideCase(caseFile, loaded).map(toItemDraft);
    },
  };
}
