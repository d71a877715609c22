/**
 * The decision engine: draft each disputed item's decision against the guideline knowledge base.
 *   const kb = loadKnowledgeBase();
 *   const decision = evaluate(parseCaseFile(json), 0, kb);
 */
export { evaluate, decideCase, prepare, evaluatePrepared, itemDate, defaultReaders } from './evaluate/index.js';
export type { CriterionResult, CriterionStatus, Evidence, ItemDecision, EngineReaders, PreparedCase } from './evaluate/index.js';
export { caseFileSchema, caseItemSchema, caseFileJsonSchema, type CaseFile, type CaseFileInput, type CaseItem } from './case-file.js';
export { parseCaseFile } from './parse-case-file.js';
export { loadKnowledgeBase } from './knowledge-base/load-knowledge-base.js';
export { buildKnowledgeBase, type KnowledgeBase, type CompiledTopic } from './knowledge-base/knowledge-base.js';
export { selectTopic, versionInForce, type TopicSelection } from './knowledge-base/select-topic.js';
