/**
 * The patterns the fact extractor matches in every sentence (features, treatment terms, body
 * regions, and the cues of the kind of statement), in one MultiMatcher pass instead of four: most
 * of a pass's cost is the walk over the text, the same for one vocabulary as for four. Each
 * vocabulary's hits are exactly those its own matcher finds (a position tries every pattern of
 * every vocabulary that can start there, and hits come in order of position, then of entry), so
 * featureHits, findTerms and findRegions read them unchanged; the cues are only tested, as
 * SentenceCues' own pass tests them.
 */
import { MultiMatcher, type MultiHit } from '../text/multi-matcher.js';
import { REGION_PATTERNS, TERM_PATTERNS, type RegionData } from '../request/matchers.js';
import type { TermEntry } from '../request/vocabulary/treatments.js';
import { FEATURE_PATTERNS, type FeatureData } from './features.js';
import { CUE_PATTERNS } from './evidence-kinds.js';

type Data = FeatureData | TermEntry | RegionData | null;

/** The first cue entry: the entries from here on are the cues (CUE_PATTERNS, in order). */
const CUE_FROM = FEATURE_PATTERNS.length + TERM_PATTERNS.length + REGION_PATTERNS.length;

const SENTENCE_PATTERNS = new MultiMatcher<Data>(
  [
    ...FEATURE_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: e.data as Data })),
    ...TERM_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: e.data as Data })),
    ...REGION_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: e.data as Data })),
    ...CUE_PATTERNS.map((e) => ({ source: e.source, wholeWords: e.wholeWords, data: null })),
  ],
  false,
  true, // every pattern starts at a word: the features and cues by their own \b, the vocabularies as whole words
);
/** Each entry's vocabulary: 0 features, 1 treatment terms, 2 regions (SentenceHits' lists, in that order); the cues are not listed. */
const PART_OF = Uint8Array.from([...FEATURE_PATTERNS.map(() => 0), ...TERM_PATTERNS.map(() => 1), ...REGION_PATTERNS.map(() => 2), ...CUE_PATTERNS.map(() => 0)]);

export interface SentenceHits {
  features: MultiHit<FeatureData>[];
  terms: MultiHit<TermEntry>[];
  regions: MultiHit<RegionData>[];
}

/**
 * Where each cue (CUE_PATTERNS, in order) first matches in the text of the latest sentenceHits call,
 * or -1: what SentenceCues reads (read at once, before the next call; overwritten by it).
 */
export const CUE_FIRSTS = new Int32Array(CUE_PATTERNS.length);

/** The hits of the feature, treatment and region patterns in `text`, each vocabulary's apart; the cues' first matches into CUE_FIRSTS. */
export function sentenceHits(text: string): SentenceHits {
  const out: SentenceHits = { features: [], terms: [], regions: [] };
  // each list holds only its vocabulary's hits (PART_OF), so each hit's data is of its list's type
  const outs = OUTS;
  outs[0] = out.features;
  outs[1] = out.terms;
  outs[2] = out.regions;
  SENTENCE_PATTERNS.allInto(text, PART_OF, outs, CUE_FIRSTS, CUE_FROM);
  outs[0] = outs[1] = outs[2] = NONE;
  return out;
}

/** The lists sentenceHits fills, by part (set for each call, and let go after it). */
const NONE: MultiHit<Data>[] = [];
const OUTS: MultiHit<Data>[][] = [NONE, NONE, NONE];
