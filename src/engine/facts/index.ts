/** The clinical fact extractor: clinical text → CaseFacts, every fact with its quoted evidence. */
import type { CaseFacts, ExtractOptions, FactExtractor, FactSource } from './case-facts.js';
import { RuleBasedFactExtractor } from './rule-based-extractor.js';

export * from './case-facts.js';
export { RuleBasedFactExtractor, improvementFor, improvementStatus } from './rule-based-extractor.js';
export { cachedFactExtractor } from './cached-extractor.js';
export { splitSentences } from './sentences.js';
export { isNegated, negatedNormal } from './negation.js';
export { classifySentence, sectionOf, sectionAt, headingsOf, sentenceKind, type Heading, type SentenceKind } from './evidence-kinds.js';
export { findStatedGaps, type GapMatch } from './stated-gaps.js';
export { FACT_RULES } from './rules/index.js';
export type { FactRule, RuleRun } from './fact-rule.js';
export { findDates, monthsBetween } from './dates.js';

/** The default extractor (rule-based). */
export const defaultFactExtractor: FactExtractor = new RuleBasedFactExtractor();

/** Extracts clinical facts from the case's texts with the default extractor. Pure. */
export function extractFacts(sources: FactSource[], opts?: ExtractOptions): CaseFacts {
  return defaultFactExtractor.extract(sources, opts);
}
