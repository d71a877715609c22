import type { Decision, Priority } from '../../letters/model.js';
import type { LetterFilters } from '../letter-filters.js';

/**
 * Narrowing a search to items with these properties; every given filter must hold. The letter's
 * case number and date ranges (DWC's public search filters) are in LetterFilters.
 */
export interface SearchFilters extends LetterFilters {
  decision?: Decision;
  /** Treatment category as the request normaliser names it (e.g. "chiropractic"). */
  category?: string;
  /** The reviewer's guideline family (a citation source: MTUS-CPMTG, MTUS-ACOEM, NON-MTUS, …). */
  citationFamily?: string;
  /** The section (or topic) of the reviewer's citation, case-insensitive. */
  section?: string;
  /** The reviewer's specialty, case-insensitive. */
  specialty?: string;
  year?: number;
  priority?: Priority;
}

export interface SearchRequest {
  /** Words, "phrases", -excluded words and OR; empty lists every item matching the filters. */
  query: string;
  filters?: SearchFilters;
  /** Page size (1–100, default 20). */
  limit?: number;
  offset?: number;
}

export type MatchedIn = 'request' | 'rationale' | 'summary' | 'rationale-or-summary';

export interface HitCitation {
  family: string;
  name: string | null;
  topic: string | null;
  section: string | null;
  raw: string;
}

export interface SearchHit {
  itemId: number;
  letterId: number;
  caseNumber: string | null;
  fileName: string;
  /** The item's place in its letter (0-based). */
  position: number;
  request: string;
  decision: Decision;
  category: string | null;
  citation: HitCitation;
  reviewerSpecialty: string | null;
  year: number | null;
  month: number | null;
  priority: string | null;
  /** A passage of the item around the matched words, as plain text. */
  snippet: string;
  /**
   * Where the query matched: within the request, within the rationale (with the request), only with
   * the letter's clinical summary, or (PostgreSQL, which does not tell the last two apart) outside
   * the request. Null when there was no query text.
   */
  matchedIn: MatchedIn | null;
  /** The matched words in `snippet`, as [start, end) character offsets. */
  highlights: Array<[number, number]>;
  /**
   * Relevance tier (higher is better): 3 when the query matched within the request; on SQLite 2 within
   * the item's own text (request and rationale) and 1 only with the clinical summary, on PostgreSQL 1
   * for both. Hits come by tier, most recently imported first within a tier. Null when there was no query text.
   */
  score: number | null;
}

export interface SearchPage {
  query: string;
  filters: SearchFilters;
  /** Matching items, counted up to a cap (see totalCapped). */
  total: number;
  /** True when more items match than were counted (total is then the cap, e.g. 10000). */
  totalCapped: boolean;
  limit: number;
  offset: number;
  hits: SearchHit[];
}

/** A published item found by similarity to a disputed one, before re-ranking by facts. */
export interface SimilarCandidate extends SearchHit {
  sameCategory: boolean;
  sameCitation: boolean;
  /** The letter's clinical summary, for comparing facts. */
  facts: string;
}

export interface SimilarRequest {
  /** Distinctive words of the disputed request (any of them may match). */
  words: string[];
  category: string | null;
  citationFamily: string | null;
  limit: number;
}

/** Counts of the items of one category and citation family. */
export interface PeerCounts {
  items: number;
  upheld: number;
  overturned: number;
}

/** Full-text search over the corpus items: SQLite FTS5 or PostgreSQL full text, one interface. */
export interface SearchIndex {
  readonly engine: 'sqlite-fts5' | 'postgres-tsvector';
  search(req: SearchRequest): Promise<SearchPage>;
  similar(req: SimilarRequest): Promise<SimilarCandidate[]>;
  peerCounts(category: string | null, citationFamily: string | null): Promise<PeerCounts>;
}

/** Tuning of the bounded count (tests use small values). */
export interface SearchIndexOptions {
  countCap?: number;
}
