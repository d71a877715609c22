/**
 * The decision engine: draft each disputed item's decision against the guideline knowledge base.
 *   const kb = loadKnowledgeBase();
 *   const decisions = decideCase(parseCaseFile(json), kb); // one ItemDecision per disputed item
 */
export { decideCase, prepare, evaluatePrepared, defaultReaders } from './evaluate/index.js';
export type { ItemDecision } from './evaluate/index.js';
export { caseFileJsonSchema, type CaseFile } from './case-file.js';
export { parseCaseFile } from './parse-case-file.js';
export { loadKnowledgeBase } from './knowledge-base/load-knowledge-base.js';
export { type KnowledgeBase } from './knowledge-base/knowledge-base.js';
