/** The clinical fact extractor: clinical text → CaseFacts, every fact with its quoted evidence. */
import type { CaseFacts, ExtractOptions, FactExtractor, FactSource } from './case-facts.js';
import { RuleBasedFactExtractor } from './rule-based-extractor.js';

export * from './case-facts.js';
export { RuleBasedFactExtractor, improvementFor } from './rule-based-extractor.js';
export { cachedFactExtractor } from './cached-extractor.js';
export { splitSentences } from './sentences.js';

/** The default extractor (rule-based). */
const defaultFactExtractor: FactExtractor = new RuleBasedFactExtractor();

/** Extracts clinical facts from the case's texts with the default extractor. Pure. */
export function extractFacts(sources: FactSource[], opts?: ExtractOptions): CaseFacts {
  return defaultFactExtractor.extract(sources, opts);
}
