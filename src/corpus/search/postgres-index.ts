import { sql, type Kysely } from 'kysely';
import { parseQuery, toFts5, toWebsearch } from '../fts-query.js';
import {
  andAll, filterConditions, HIT_COLUMNS, MARK_CLOSE, MARK_OPEN, pageOf, toHit, type HitRow,
} from './common.js';
import type { PeerCounts, SearchIndex, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

const HEADLINE_OPTIONS = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * PostgreSQL full text: the items' generated, weighted tsvector (request A, rationale B, facts C)
 * with a GIN index; websearch_to_tsquery for the query; ts_rank_cd; ts_headline for snippets.
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly engine = 'postgres-tsvector' as const;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>) {}

  async search(req: SearchRequest): Promise<SearchPage> {
    const { limit, offset } = pageOf(req);
    const filters = req.filters ?? {};
    const conds = filterConditions(filters);
    const terms = parseQuery(req.query);
    if (req.query.trim() === '' || terms.length === 0) {
      if (req.query.trim() !== '' && terms.length === 0) return { query: req.query, filters, total: 0, limit, offset, hits: [] };
      const where = andAll(conds);
      const total = await sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items i WHERE ${where}`.execute(this.db);
      const rows = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
        WHERE ${where} ORDER BY i.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(this.db);
      return { query: req.query, filters, total: Number(total.rows[0].n), limit, offset, hits: rows.rows.map((r) => toHit(r, null, null)) };
    }
    toFts5(terms); // the same validation as SQLite: at least one word to search for
    const tsq = sql`websearch_to_tsquery('english', ${toWebsearch(terms)})`;
    const where = andAll([sql`i.search_vector @@ ${tsq}`, ...conds]);
    const total = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items i WHERE ${where}`.execute(this.db)).rows[0].n);
    if (total === 0 || offset >= total) return { query: req.query, filters, total, limit, offset, hits: [] };
    const ranked = await sql<HitRow & { score: number }>`SELECT ${HIT_COLUMNS}, ts_rank_cd(i.search_vector, ${tsq}) AS score
      FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
      WHERE ${where} ORDER BY score DESC, i.id LIMIT ${limit} OFFSET ${offset}`.execute(this.db);
    const ids = ranked.rows.map((r) => Number(r.id));
    const heads = await sql<{ id: number; marked: string }>`SELECT i.id,
        ts_headline('english', i.request || E'\n' || i.rationale || E'\n' || i.facts, ${tsq}, ${HEADLINE_OPTIONS}) AS marked
      FROM corpus_items i WHERE i.id IN (${sql.join(ids)})`.execute(this.db);
    const byId = new Map(heads.rows.map((r) => [Number(r.id), r.marked]));
    const hits = ranked.rows.map((r) => toHit(r, byId.get(Number(r.id)) ?? null, Number(r.score)));
    return { query: req.query, filters, total, limit, offset, hits };
  }

  async similar(req: SimilarRequest): Promise<SimilarCandidate[]> {
    const tier = sql`(CASE WHEN i.category = ${req.category} THEN 2 ELSE 0 END) + (CASE WHEN i.citation_family = ${req.citationFamily} THEN 1 ELSE 0 END)`;
    const rows =
      req.words.length === 0
        ? await sql<HitRow & { facts: string; score: number | null }>`SELECT ${HIT_COLUMNS}, i.facts, NULL::float AS score
            FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
            WHERE i.category = ${req.category} OR i.citation_family = ${req.citationFamily}
            ORDER BY ${tier} DESC, i.id DESC LIMIT ${req.limit}`.execute(this.db)
        : await sql<HitRow & { facts: string; score: number | null }>`SELECT ${HIT_COLUMNS}, i.facts,
              ts_rank_cd(i.search_vector, websearch_to_tsquery('english', ${req.words.join(' or ')})) AS score
            FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
            WHERE i.search_vector @@ websearch_to_tsquery('english', ${req.words.join(' or ')})
            ORDER BY ${tier} DESC, score DESC, i.id LIMIT ${req.limit}`.execute(this.db);
    return rows.rows.map((r) => ({
      ...toHit(r, null, r.score === null ? null : Number(r.score)),
      sameCategory: req.category !== null && r.category === req.category,
      sameCitation: req.citationFamily !== null && r.citation_family === req.citationFamily,
      facts: r.facts,
    }));
  }

  async peerCounts(category: string | null, citationFamily: string | null): Promise<PeerCounts> {
    const r = await sql<{ items: number; upheld: number | null; overturned: number | null }>`SELECT count(*) AS items,
        sum(CASE WHEN i.decision = 'Upheld' THEN 1 ELSE 0 END) AS upheld,
        sum(CASE WHEN i.decision = 'Overturned' THEN 1 ELSE 0 END) AS overturned
      FROM corpus_items i WHERE i.category IS NOT DISTINCT FROM ${category} AND i.citation_family IS NOT DISTINCT FROM ${citationFamily}`.execute(this.db);
    const row = r.rows[0];
    return { items: Number(row.items), upheld: Number(row.upheld ?? 0), overturned: Number(row.overturned ?? 0) };
  }
}
