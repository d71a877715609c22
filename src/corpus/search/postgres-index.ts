import { sql, type Kysely, type RawBuilder } from 'kysely';
import { parseQuery, toFts5, toWebsearch } from '../fts-query.js';
import {
  andAll, COUNT_CAP, filterConditions, HIT_COLUMNS, MARK_CLOSE, MARK_OPEN, pageOf, RANK_WINDOW, toHit, type HitRow,
} from './common.js';
import type { PeerCounts, SearchIndex, SearchIndexOptions, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

const HEADLINE_OPTIONS = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/** Any of the words, in the request (weight A) only. The words hold only letters and digits. */
function requestOnly(words: string[]): string {
  return words.map((w) => `${w.replace(/[^\p{L}\p{N}]/gu, '')}:A`).filter((w) => w.length > 2).join(' | ');
}

/**
 * PostgreSQL full text: the items' generated, weighted tsvector (request A, rationale B, facts C)
 * with a GIN index; websearch_to_tsquery for the query; ts_rank_cd; ts_headline for snippets.
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly engine = 'postgres-tsvector' as const;
  private readonly rankWindow: number;
  private readonly countCap: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>, opts: SearchIndexOptions = {}) {
    this.rankWindow = opts.rankWindow ?? RANK_WINDOW;
    this.countCap = opts.countCap ?? COUNT_CAP;
  }

  /**
   * Runs in a read transaction whose planner must use the GIN and bitmap scans: with a LIMIT and a
   * common word, it would otherwise walk the table or the primary key and read (decompress) the
   * large stored tsvector of every row it passes; a bitmap scan of the GIN index reads none for
   * plain words (and only the candidates' for phrases).
   */
  async search(req: SearchRequest): Promise<SearchPage> {
    const { limit, offset } = pageOf(req);
    if (req.query.trim() === '' || parseQuery(req.query).length === 0) return this.searchWith(this.db, req, limit, offset, 0);
    return this.db.transaction().execute(async (trx) => {
      // The newest id (from the primary key, before index scans are turned off).
      const maxId = Number((await sql<{ m: number | null }>`SELECT max(id) AS m FROM corpus_items`.execute(trx)).rows[0].m ?? 0);
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_indexscan = off`.execute(trx);
      return this.searchWith(trx, req, limit, offset, maxId);
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async searchWith(db: Kysely<any>, req: SearchRequest, limit: number, offset: number, maxId: number): Promise<SearchPage> {
    const filters = req.filters ?? {};
    const conds = filterConditions(filters);
    const terms = parseQuery(req.query);
    const empty = (total: number, totalCapped: boolean): SearchPage => ({ query: req.query, filters, total, totalCapped, limit, offset, hits: [] });
    if (req.query.trim() === '' || terms.length === 0) {
      if (req.query.trim() !== '') return empty(0, false);
      const where = andAll(conds);
      const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM corpus_items i WHERE ${where} LIMIT ${this.countCap + 1}) c`.execute(db)).rows[0].n);
      const rows = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
        WHERE ${where} ORDER BY i.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return { ...empty(Math.min(counted, this.countCap), counted > this.countCap), hits: rows.rows.map((r) => toHit(r, null, null)) };
    }
    toFts5(terms); // the same validation as SQLite: at least one word to search for
    const tsq = sql`websearch_to_tsquery('english', ${toWebsearch(terms)})`;
    const where = andAll([sql`i.search_vector @@ ${tsq}`, ...conds]);
    const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM corpus_items i WHERE ${where} LIMIT ${this.countCap + 1}) c`.execute(db)).rows[0].n);
    const total = Math.min(counted, this.countCap);
    const totalCapped = counted > this.countCap;
    if (total === 0 || (offset >= total && !totalCapped)) return empty(total, totalCapped);

    // Bounded ranking (see RANK_WINDOW): the newest RANK_WINDOW matches by relevance, then the rest.
    let threshold: number | null = null;
    if (counted > this.rankWindow) {
      // The id of the RANK_WINDOW-th newest match, looked for among the newest ids (the GIN bitmap
      // intersected with an id range), widening the range until enough matches are in it: only the
      // candidates in the range are read, whatever the size of the corpus.
      // First range: 1.5 times the ids that hold RANK_WINDOW matches at the counted density (a
      // capped count understates the density, so the range is then wider than needed, never narrower).
      for (let span = Math.ceil((1.5 * this.rankWindow * Math.max(maxId, 1)) / counted); ; span *= 4) {
        const lo = maxId - span;
        const t = await sql<{ id: number }>`SELECT i.id FROM corpus_items i WHERE ${where} ${lo > 0 ? sql`AND i.id > ${lo}` : sql``}
          ORDER BY i.id DESC LIMIT 1 OFFSET ${this.rankWindow - 1}`.execute(db);
        if (t.rows.length > 0) threshold = Number(t.rows[0].id);
        if (t.rows.length > 0 || lo <= 0) break;
      }
    }
    // Ranks ids alone (the sort carries no wide columns), then reads the page's rows.
    const rank = async (extra: RawBuilder<unknown> | null, lim: number, off: number) =>
      (await sql<HitRow & { score: number }>`WITH m AS MATERIALIZED (
          SELECT i.id, ts_rank_cd(i.search_vector, ${tsq}) AS score FROM corpus_items i
          WHERE ${where} ${extra ? sql`AND ${extra}` : sql``} ORDER BY score DESC, i.id LIMIT ${lim} OFFSET ${off})
        SELECT ${HIT_COLUMNS}, m.score FROM m JOIN corpus_items i ON i.id = m.id JOIN corpus_letters l ON l.id = i.letter_id
        ORDER BY m.score DESC, i.id`.execute(db)).rows;
    let ranked: Array<HitRow & { score: number }>;
    if (threshold === null) ranked = await rank(null, limit, offset);
    else if (offset < this.rankWindow) {
      ranked = await rank(sql`i.id >= ${threshold}`, limit, offset);
      if (ranked.length < limit) ranked = ranked.concat(await rank(sql`i.id < ${threshold}`, limit - ranked.length, 0));
    } else ranked = await rank(sql`i.id < ${threshold}`, limit, offset - this.rankWindow);
    if (ranked.length === 0) return empty(total, totalCapped);

    const ids = ranked.map((r) => Number(r.id));
    const heads = await sql<{ id: number; marked: string }>`SELECT i.id,
        CASE WHEN to_tsvector('english', i.request || E'\n' || i.rationale) @@ ${tsq}
          THEN ts_headline('english', i.request || E'\n' || i.rationale, ${tsq}, ${HEADLINE_OPTIONS})
          ELSE ts_headline('english', i.facts, ${tsq}, ${HEADLINE_OPTIONS}) END AS marked
      FROM corpus_items i WHERE i.id IN (${sql.join(ids)})`.execute(db);
    const byId = new Map(heads.rows.map((r) => [Number(r.id), r.marked]));
    const hits = ranked.map((r) => toHit(r, byId.get(Number(r.id)) ?? null, Number(r.score)));
    return { query: req.query, filters, total, totalCapped, limit, offset, hits };
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
              ts_rank_cd(i.search_vector, to_tsquery('english', ${requestOnly(req.words)})) AS score
            FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
            WHERE i.search_vector @@ to_tsquery('english', ${requestOnly(req.words)})
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
