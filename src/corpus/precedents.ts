import { significantWords } from './fts-query.js';
import type { HitCitation, PeerCounts, SearchIndex, SimilarCandidate } from './search/port.js';
import { overlap, requestSimilarity } from './search/similar-window.js';

/** A disputed item of a case under review, as the precedent search needs it. */
export interface PrecedentQuery {
  request: string;
  /** Treatment category from the request normaliser. */
  category?: string | null;
  /** The citation family the decision would rest on (MTUS-CPMTG, MTUS-ACOEM, …). */
  citationFamily?: string | null;
  /** The case's facts (clinical summary), to prefer letters with similar facts. */
  facts?: string;
  limit?: number;
}

export interface Precedent {
  itemId: number;
  letterId: number;
  caseNumber: string | null;
  /** The letter's file name: how a letter without a case number (e.g. a seed letter) is named. */
  fileName: string;
  request: string;
  decision: 'Upheld' | 'Overturned';
  category: string | null;
  citation: HitCitation;
  reviewerSpecialty: string | null;
  year: number | null;
  sameCategory: boolean;
  sameCitation: boolean;
  /** 0–1: how close the request (and facts) are to the disputed item's. */
  similarity: number;
  snippet: string;
}

export interface PrecedentResult {
  precedents: Precedent[];
  upheld: number;
  overturned: number;
  /** Overturned share of the precedents listed; null when there are none. */
  shareOverturned: number | null;
  /** All published items of the same category and citation family (any citation when the family is null). */
  peerGroup: PeerCounts & { category: string | null; citationFamily: string | null; shareOverturned: number | null };
}

/** Most facts' significant words are in their first passage: the words are read from there when it holds enough. */
const FACTS_PREFIX = 3000;
const FACT_WORDS = 80;

/** significantWords(facts, FACT_WORDS), reading only the facts' first passage when it holds that many. */
function factWordsOf(facts: string): string[] {
  if (facts.length > FACTS_PREFIX) {
    // Cut at a space, so that the passage's words are the text's first words, none cut in two.
    const cut = facts.lastIndexOf(' ', FACTS_PREFIX);
    if (cut > 0) {
      const words = significantWords(facts.slice(0, cut), FACT_WORDS);
      if (words.length >= FACT_WORDS) return words;
    }
  }
  return significantWords(facts, FACT_WORDS);
}

/**
 * Orders candidates: same category and citation family first (then same category, then same
 * family), then by similarity of the request words, the engine's text score and the facts. Pure.
 */
export function rankPrecedents(q: PrecedentQuery, candidates: SimilarCandidate[], limit: number): Precedent[] {
  const requestWords = significantWords(q.request, 20);
  const factWords = q.facts ? significantWords(q.facts, FACT_WORDS) : [];
  const maxScore = Math.max(0, ...candidates.map((c) => c.score ?? 0));
  type Scored = { c: SimilarCandidate; similarity: number; tier: number };
  const byRank = (a: Scored, b: Scored) => b.tier - a.tier || b.similarity - a.similarity || a.c.itemId - b.c.itemId;
  // Without facts to compare, a candidate's similarity is known from its request and score.
  // With facts, first an upper bound (its facts could at most overlap entirely), then the facts
  // (decompressed and read, the most costly part) only of the candidates that can still be listed.
  const bounded = candidates.map((c) => {
    const reqSim = overlap(requestWords, new Set(significantWords(c.request, 20)));
    const textSim = maxScore > 0 ? (c.score ?? 0) / maxScore : 0;
    const tier = (c.sameCategory ? 2 : 0) + (c.sameCitation ? 1 : 0);
    const similarity = factWords.length > 0 ? 0.5 * reqSim + 0.25 * textSim + 0.25 * 1 : requestSimilarity(reqSim, textSim);
    return { c, similarity, tier, reqSim, textSim };
  });
  bounded.sort(byRank);
  let scored: Scored[] = bounded;
  if (factWords.length > 0) {
    scored = [];
    for (const b of bounded) {
      // The limit-th best so far ranks above this bound, hence above every candidate left.
      if (scored.length >= limit && byRank(scored[limit - 1], b) < 0) break;
      const factSim = overlap(factWords, new Set(factWordsOf(b.c.facts)));
      scored.push({ ...b, similarity: 0.5 * b.reqSim + 0.25 * b.textSim + 0.25 * factSim });
      scored.sort(byRank);
    }
  }
  return scored.slice(0, limit).map(({ c, similarity }) => ({
    itemId: c.itemId,
    letterId: c.letterId,
    caseNumber: c.caseNumber,
    fileName: c.fileName,
    request: c.request,
    decision: c.decision,
    category: c.category,
    citation: c.citation,
    reviewerSpecialty: c.reviewerSpecialty,
    year: c.year,
    sameCategory: c.sameCategory,
    sameCitation: c.sameCitation,
    similarity: Math.round(similarity * 1000) / 1000,
    snippet: c.snippet,
  }));
}

function share(overturned: number, total: number): number | null {
  return total === 0 ? null : Math.round((overturned / total) * 1000) / 1000;
}

/** The published items most like a disputed item, with their decisions and the share overturned. */
export async function findPrecedents(index: SearchIndex, q: PrecedentQuery): Promise<PrecedentResult> {
  const limit = Math.min(Math.max(q.limit ?? 10, 1), 50);
  const category = q.category ?? null;
  const citationFamily = q.citationFamily ? q.citationFamily.toUpperCase() : null;
  const candidates = await index.similar({ words: significantWords(q.request, 12), category, citationFamily, limit: Math.max(60, limit * 6) });
  const precedents = rankPrecedents({ ...q, category, citationFamily }, candidates, limit);
  const overturned = precedents.filter((p) => p.decision === 'Overturned').length;
  const peer = await index.peerCounts(category, citationFamily);
  return {
    precedents,
    upheld: precedents.length - overturned,
    overturned,
    shareOverturned: share(overturned, precedents.length),
    peerGroup: { ...peer, category, citationFamily, shareOverturned: share(peer.overturned, peer.items) },
  };
}
