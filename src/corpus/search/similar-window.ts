import { significantWords } from '../fts-query.js';
import { wordStems } from './snippet.js';

/**
 * Scoring of a precedent search's window (the newest SIMILAR_WINDOW items of a group whose request
 * shares a word with the disputed one, see common.ts) on SQLite, from the requests' own words.
 *
 * Why not FTS5's bm25(): before returning its first row, bm25 counts every row of the whole index
 * that holds each phrase of the query (its IDF), the filter tags included, so its cost grows with
 * the corpus while the window does not (at 1,000,000 letters it was most of a precedent search).
 * This is the same Okapi BM25 formula with FTS5's constants, with the inverse document frequency
 * measured among the window's requests instead of the whole corpus: a word counts for more when
 * few of the group's similar requests hold it (within the chiropractic group, "lumbar" tells
 * requests apart and "chiropractic" does not). The Lucene form of the IDF keeps every shared word's
 * weight above zero (FTS5 floors the IDF of a word in more than half of the rows at 1e-6).
 *
 * Which of the window's items become candidates: the best by the measure the precedents are then
 * ranked by without facts (requestSimilarity: the shared significant words, and BM25 relative to the
 * window's best), not by BM25 alone, which could fill the candidates with long requests that repeat
 * the words among many others (an eight-part physical therapy request) and leave out the closest
 * one. Pure.
 */
const K1 = 1.2;
const B = 0.75;

/** How close two requests' significant words are: shared words over the geometric mean of their counts. */
export function overlap(a: string[], b: Set<string>): number {
  if (a.length === 0 || b.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / Math.sqrt(a.length * b.size);
}

/** The similarity of a request to the disputed one without facts: its words' overlap, and its text score relative to the best (0–1 each). */
export function requestSimilarity(wordOverlap: number, relativeScore: number): number {
  return 0.6 * wordOverlap + 0.4 * relativeScore;
}

interface Tokens {
  /** Number of words in the request (FTS5's document length). */
  length: number;
  /** How often each query stem occurs, by its index in the query's stems. */
  counts: number[];
}

function tokensOf(request: string, stems: string[]): Tokens {
  const words = wordStems(request);
  const counts = stems.map(() => 0);
  for (const w of words) {
    const k = stems.indexOf(w);
    if (k >= 0) counts[k]++;
  }
  return { length: words.length, counts };
}

/** The window's items with one request text: their ids. */
export interface SameRequest {
  request: string;
  ids: number[];
}

/**
 * The `limit` best items of the window (given as its distinct requests, each with its items' ids)
 * for the query `words` (the disputed request's significant words), best first (ties: the lower id
 * first, as FTS5's order was), each with its BM25 score (higher is better).
 */
export function scoreWindow(window: ReadonlyArray<SameRequest>, words: string[], limit: number): Array<{ id: number; score: number }> {
  if (window.length === 0) return [];
  const stems = [...new Set(words.flatMap((w) => wordStems(w)))];
  const tokens = window.map((r) => tokensOf(r.request, stems));
  let n = 0;
  let lengths = 0;
  const docs = stems.map(() => 0);
  window.forEach((r, j) => {
    const t = tokens[j];
    n += r.ids.length;
    lengths += t.length * r.ids.length;
    for (let k = 0; k < stems.length; k++) if (t.counts[k] > 0) docs[k] += r.ids.length;
  });
  const avgLength = Math.max(1, lengths / n);
  const idf = docs.map((d) => Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  const bm25 = tokens.map((t) => {
    const norm = K1 * (1 - B + (B * t.length) / avgLength);
    let score = 0;
    for (let k = 0; k < stems.length; k++) {
      const f = t.counts[k];
      if (f > 0) score += (idf[k] * f * (K1 + 1)) / (f + norm);
    }
    return score;
  });
  const best = Math.max(...bm25);
  const scored = window.map((r, j) => ({
    ids: r.ids,
    score: bm25[j],
    rank: requestSimilarity(overlap(words, new Set(significantWords(r.request, 20))), best > 0 ? bm25[j] / best : 0),
  }));
  scored.sort((a, b) => b.rank - a.rank);
  // The best requests' items, down to the rank of the limit-th item (all of that rank: the ties are then ordered by id).
  const picked: Array<{ id: number; score: number; rank: number }> = [];
  for (const g of scored) {
    if (picked.length >= limit && g.rank < picked[picked.length - 1].rank) break;
    for (const id of g.ids) picked.push({ id, score: g.score, rank: g.rank });
  }
  picked.sort((a, b) => b.rank - a.rank || a.id - b.id);
  return picked.slice(0, limit).map(({ id, score }) => ({ id, score }));
}
