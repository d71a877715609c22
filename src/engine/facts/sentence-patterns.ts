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

type Data = FeatureData | TermEntry | RegionData;

const SENTENCE_PATTERNS = new MultiMatcher<Data>(
  [
    ...FEATURE_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: e.data as Data })),
    ...TERM_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: e.data as Data })),
    ...REGION_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: e.data as Data })),
  ],
  false,
  true, // every pattern starts at a word: the features by their own \b, the vocabularies as whole words
);
/** Each entry's vocabulary: 0 features, 1 treatment terms, 2 regions (SentenceHits' lists, in that order). */
const PART_OF = Uint8Array.from([...FEATURE_PATTERNS.map(() => 0), ...TERM_PATTERNS.map(() => 1), ...REGION_PATTERNS.map(() => 2)]);

export interface SentenceHits {
  features: MultiHit<FeatureData>[];
  terms: MultiHit<TermEntry>[];
  regions: MultiHit<RegionData>[];
}

/** The hits of the feature, treatment and region patterns in `text`, each vocabulary's apart. */
export function sentenceHits(text: string): SentenceHits {
  const out: SentenceHits = { features: [], terms: [], regions: [] };
  // each list holds only its vocabulary's hits (PART_OF), so each hit's data is of its list's type
  SENTENCE_PATTERNS.allInto(text, PART_OF, [out.features, out.terms, out.regions] as MultiHit<Data>[][]);
  return out;
}
