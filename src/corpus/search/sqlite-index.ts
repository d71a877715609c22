import { sql, type Kysely, type RawBuilder } from 'kysely';
import { parseQuery, toFts5, toFts5Any } from '../fts-query.js';
import {
  andAll, COUNT_CAP, filterConditions, splitTaggedFilters, HIT_COLUMNS, MARK_CLOSE, MARK_OPEN, pageOf, RANK_WINDOW, toHit, type HitRow,
} from './common.js';
import type { PeerCounts, SearchIndex, SearchIndexOptions, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

/** bm25 column weights: request, rationale, facts (the clinical summary), tags (filter tokens: no weight). */
const WEIGHTS = sql`10.0, 3.0, 1.0, 0.0`;

/** SQLite FTS5: a self-contained index (rowid = item id), ranked by bm25, snippets with highlights. */
export class SqliteSearchIndex implements SearchIndex {
  readonly engine = 'sqlite-fts5' as const;
  private readonly rankWindow: number;
  private readonly countCap: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>, opts: SearchIndexOptions = {}) {
    this.rankWindow = opts.rankWindow ?? RANK_WINDOW;
    this.countCap = opts.countCap ?? COUNT_CAP;
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const { limit, offset } = pageOf(req);
    const filters = req.filters ?? {};
    const conds = filterConditions(filters);
    const terms = parseQuery(req.query);
    const empty = (total: number, totalCapped: boolean): SearchPage => ({ query: req.query, filters, total, totalCapped, limit, offset, hits: [] });
    if (req.query.trim() === '' || terms.length === 0) {
      // Only punctuation: nothing can match.
      if (req.query.trim() !== '') return empty(0, false);
      const where = andAll(conds);
      const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM corpus_items i WHERE ${where} LIMIT ${this.countCap + 1})`.execute(this.db)).rows[0].n);
      const rows = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
        WHERE ${where} ORDER BY i.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(this.db);
      return { ...empty(Math.min(counted, this.countCap), counted > this.countCap), hits: rows.rows.map((r) => toHit(r, null, null)) };
    }
    const match = toFts5(terms);
    // Decision, year, priority, category and family are FTS tokens (the tags column): intersected
    // with the query's posting lists; section and specialty need the items row.
    const { tagMatch, rest } = splitTaggedFilters(filters);
    const restConds = filterConditions(rest);
    const where = andAll([sql`corpus_items_fts MATCH ${tagMatch ? `(${match}) AND ${tagMatch}` : match}`, ...restConds]);
    const from = restConds.length ? sql`corpus_items_fts JOIN corpus_items i ON i.id = corpus_items_fts.rowid` : sql`corpus_items_fts`;
    const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${this.countCap + 1})`.execute(this.db)).rows[0].n);
    const total = Math.min(counted, this.countCap);
    const totalCapped = counted > this.countCap;
    if (total === 0 || (offset >= total && !totalCapped)) return empty(total, totalCapped);

    // Bounded ranking (see RANK_WINDOW): the newest RANK_WINDOW matches by relevance, then the rest.
    let threshold: number | null = null;
    if (counted > this.rankWindow) {
      const t = await sql<{ id: number }>`SELECT corpus_items_fts.rowid AS id FROM ${from} WHERE ${where}
        ORDER BY corpus_items_fts.rowid DESC LIMIT 1 OFFSET ${this.rankWindow - 1}`.execute(this.db);
      threshold = Number(t.rows[0].id);
    }
    const rank = async (extra: RawBuilder<unknown> | null, lim: number, off: number) =>
      (await sql<{ id: number; score: number }>`SELECT corpus_items_fts.rowid AS id, bm25(corpus_items_fts, ${WEIGHTS}) AS score
        FROM ${from} WHERE ${where} ${extra ? sql`AND ${extra}` : sql``}
        ORDER BY score, corpus_items_fts.rowid LIMIT ${lim} OFFSET ${off}`.execute(this.db)).rows;
    let ranked: Array<{ id: number; score: number }>;
    if (threshold === null) ranked = await rank(null, limit, offset);
    else if (offset < this.rankWindow) {
      ranked = await rank(sql`corpus_items_fts.rowid >= ${threshold}`, limit, offset);
      if (ranked.length < limit) ranked = ranked.concat(await rank(sql`corpus_items_fts.rowid < ${threshold}`, limit - ranked.length, 0));
    } else ranked = await rank(sql`corpus_items_fts.rowid < ${threshold}`, limit, offset - this.rankWindow);
    if (ranked.length === 0) return empty(total, totalCapped);

    // Snippets for the page's rows alone.
    const ids = ranked.map((r) => Number(r.id));
    const rows = await sql<HitRow & { marked: string }>`SELECT ${HIT_COLUMNS},
        snippet(corpus_items_fts, -1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 28) AS marked
      FROM corpus_items_fts JOIN corpus_items i ON i.id = corpus_items_fts.rowid JOIN corpus_letters l ON l.id = i.letter_id
      WHERE corpus_items_fts MATCH ${match} AND corpus_items_fts.rowid IN (${sql.join(ids)})`.execute(this.db);
    const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
    const hits = ranked.flatMap((r) => {
      const row = byId.get(Number(r.id));
      // bm25 is lower-is-better and negative; report higher-is-better.
      return row ? [toHit(row, row.marked, -Number(r.score))] : [];
    });
    return { query: req.query, filters, total, totalCapped, limit, offset, hits };
  }

  /** Candidates whose request shares a word with the disputed request (the request column only: far fewer matches than the whole text). */
  async similar(req: SimilarRequest): Promise<SimilarCandidate[]> {
    const tier = sql`(CASE WHEN i.category = ${req.category} THEN 2 ELSE 0 END) + (CASE WHEN i.citation_family = ${req.citationFamily} THEN 1 ELSE 0 END)`;
    const rows =
      req.words.length === 0
        ? await sql<HitRow & { facts: string; tier: number }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS facts, ${tier} AS tier, NULL AS score
            FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
            WHERE i.category = ${req.category} OR i.citation_family = ${req.citationFamily}
            ORDER BY tier DESC, i.id DESC LIMIT ${req.limit}`.execute(this.db)
        : await sql<HitRow & { facts: string; tier: number }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS facts, ${tier} AS tier,
              -bm25(corpus_items_fts, 10.0, 1.0, 0.5) AS score
            FROM corpus_items_fts JOIN corpus_items i ON i.id = corpus_items_fts.rowid JOIN corpus_letters l ON l.id = i.letter_id
            WHERE corpus_items_fts MATCH ${`{request} : (${toFts5Any(req.words)})`}
            ORDER BY tier DESC, score DESC, i.id LIMIT ${req.limit}`.execute(this.db);
    return rows.rows.map((r) => ({
      ...toHit(r, null, r.score === null || r.score === undefined ? null : Number(r.score)),
      sameCategory: req.category !== null && r.category === req.category,
      sameCitation: req.citationFamily !== null && r.citation_family === req.citationFamily,
      facts: r.facts,
    }));
  }

  async peerCounts(category: string | null, citationFamily: string | null): Promise<PeerCounts> {
    const r = await sql<{ items: number; upheld: number | null; overturned: number | null }>`SELECT count(*) AS items,
        sum(CASE WHEN i.decision = 'Upheld' THEN 1 ELSE 0 END) AS upheld,
        sum(CASE WHEN i.decision = 'Overturned' THEN 1 ELSE 0 END) AS overturned
      FROM corpus_items i WHERE i.category IS ${category} AND i.citation_family IS ${citationFamily}`.execute(this.db);
    const row = r.rows[0];
    return { items: Number(row.items), upheld: Number(row.upheld ?? 0), overturned: Number(row.overturned ?? 0) };
  }
}
