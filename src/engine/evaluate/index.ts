import { normaliseRequest } from '../request/index.js';
import { extractFacts } from '../facts/index.js';
import type { KnowledgeBase } from '../knowledge-base/knowledge-base.js';
import type { CaseFile, CaseItem } from '../case-file.js';
import { decideCaseWith, evaluateWith, prepareCase, type EngineReaders, type PreparedCase } from './evaluate.js';
import type { ItemDecision } from './types.js';

/** The default readers: the rule-based request normaliser and fact extractor. */
export const defaultReaders: EngineReaders = { normaliseRequest, extractFacts };

/**
 * Drafts the decision on one disputed item: pure function of the case, the item (or its index)
 * and one knowledge base. The reviewer has the last word.
 */
export function evaluate(caseFile: CaseFile, item: CaseItem | number, kb: KnowledgeBase): ItemDecision {
  return evaluateWith(defaultReaders, caseFile, item, kb);
}

/** Drafts the decisions on every item of a case (items that depend on another are decided after it). */
export function decideCase(caseFile: CaseFile, kb: KnowledgeBase): ItemDecision[] {
  return decideCaseWith(defaultReaders, caseFile, kb);
}

/** Reads a case once (facts and normalised requests) for deciding several items. */
export function prepare(caseFile: CaseFile): PreparedCase {
  return prepareCase(caseFile, defaultReaders);
}

export { evaluatePrepared, type EngineReaders, type PreparedCase } from './evaluate.js';
export type { ItemDecision } from './types.js';
