/**
 * The patterns the fact extractor matches in every sentence (features, treatment terms, body
 * regions), in one MultiMatcher pass instead of three: most of a pass's cost is the walk over the
 * text, the same for one vocabulary as for three. Each vocabulary's hits are exactly those its own
 * matcher finds (a position tries every pattern of every vocabulary that can start there, and
 * hits come in order of position, then of entry), so featureHits, findTerms and findRegions
 * read them unchanged.
 */
import { MultiMatcher, type MultiHit } from '../text/multi-matcher.js';
import { REGION_PATTERNS, TERM_PATTERNS, type RegionData } from '../request/matchers.js';
import type { TermEntry } from '../request/vocabulary/treatments.js';
import { FEATURE_PATTERNS, type FeatureData } from './features.js';

type Tagged = { part: 0; data: FeatureData } | { part: 1; data: TermEntry } | { part: 2; data: RegionData };

const SENTENCE_PATTERNS = new MultiMatcher<Tagged>(
  [
    ...FEATURE_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: { part: 0, data: e.data } as Tagged })),
    ...TERM_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: { part: 1, data: e.data } as Tagged })),
    ...REGION_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: { part: 2, data: e.data } as Tagged })),
  ],
  false,
  true, // every pattern starts at a word: the features by their own \b, the vocabularies as whole words
);

export interface SentenceHits {
  features: MultiHit<FeatureData>[];
  terms: MultiHit<TermEntry>[];
  regions: MultiHit<RegionData>[];
}

/** The hits of the feature, treatment and region patterns in `text`, each vocabulary's apart. */
export function sentenceHits(text: string): SentenceHits {
  const out: SentenceHits = { features: [], terms: [], regions: [] };
  for (const h of SENTENCE_PATTERNS.all(text)) {
    const t = h.data;
    if (t.part === 0) out.features.push({ start: h.start, end: h.end, text: h.text, data: t.data, match: h.match });
    else if (t.part === 1) out.terms.push({ start: h.start, end: h.end, text: h.text, data: t.data, match: h.match });
    else out.regions.push({ start: h.start, end: h.end, text: h.text, data: t.data, match: h.match });
  }
  return out;
}
